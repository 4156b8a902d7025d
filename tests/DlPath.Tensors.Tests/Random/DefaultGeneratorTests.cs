namespace DlPath.Tensors.Tests.Generators;

/// <summary>
/// Tests that re-seed the process-wide <see cref="Generator.Default"/>. They run alone (no other test
/// class in parallel) so they neither disturb nor get disturbed by tests drawing from it.
/// </summary>
[Collection(nameof(DefaultGeneratorCollection))]
public class DefaultGeneratorTests
{
    [Fact]
    public void ManualSeedDefault_reseeds_the_default_generator()
    {
        Assert.Same(Generator.Default, Generator.ManualSeedDefault(42));
        Assert.Equal(42UL, Generator.Default.InitialSeed);
        var a = new float[20];
        Generator.Default.Normal(a);
        var b = new float[20];
        new Generator(42).Normal(b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Default_generator_is_shared_safely_between_threads()
    {
        // The same total number of 32-bit draws from several threads must leave Default exactly where a
        // single thread would: no draw lost or duplicated by a race on the engine state.
        const int threads = 4;
        const int perThread = 20_000;
        Generator.ManualSeedDefault(77);
        Parallel.For(0, threads, _ =>
        {
            var buffer = new float[100];
            for (var i = 0; i < perThread / buffer.Length; i++)
            {
                Generator.Default.Uniform(buffer);
            }
        });
        var after = Generator.Default.NextUInt32();

        var single = new Generator(77);
        for (var i = 0; i < threads * perThread; i++)
        {
            single.NextUInt32();
        }
        Assert.Equal(single.NextUInt32(), after);
        Assert.Equal(77UL, Generator.Default.InitialSeed);
    }
}

/// <summary>The collection of tests that touch <see cref="Generator.Default"/>; never run in parallel.</summary>
[CollectionDefinition(nameof(DefaultGeneratorCollection), DisableParallelization = true)]
public class DefaultGeneratorCollection
{
}
