using System.Text.Json;

namespace DlPath.Tensors.Tests.Generators;

/// <summary>
/// Every case of the rng_*.json golden files (written from PyTorch 1.13 by
/// tests/golden/make_rng_golden.py) must come out of <see cref="Generator"/> bit for bit.
/// </summary>
public class GeneratorGoldenTests
{
    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in RngGolden.Files)
        {
            foreach (var c in RngGolden.Cases(file))
            {
                data.Add(file, c.GetProperty("name").GetString()!);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Case_matches_pytorch(string file, string name)
    {
        var c = RngGolden.Case(file, name);
        var seed = c.GetProperty("seed").GetUInt64();
        var g = c.GetProperty("args").TryGetProperty("fresh_generator", out _) ? new Generator() : new Generator(seed);
        Assert.Equal(seed, g.InitialSeed);

        if (c.GetProperty("op").GetString() == "sequence")
        {
            var step = 0;
            foreach (var s in c.GetProperty("steps").EnumerateArray())
            {
                RngGolden.AssertMatches($"{name} step {step} ({Describe(s)})", s, RngGolden.Run(g, s));
                step++;
            }
            Assert.True(step > 1, $"{name}: a sequence needs several steps");
        }
        else if (c.TryGetProperty("sha256", out var digest))
        {
            if (RngGolden.UsesCLibraryMath(c) && !RngGolden.SameCLibraryAsGoldens)
            {
                // A digest cannot allow for another C library's last-bit differences; the value cases
                // above check these samplers on this platform.
                return;
            }
            // Little-endian bytes, as the golden script hashes them.
            Assert.True(BitConverter.IsLittleEndian);
            var actual = RngGolden.Sha256(c.GetProperty("dtype").GetString()!, RngGolden.Run(g, c));
            Assert.True(digest.GetString() == actual,
                $"{name} ({Describe(c)}): SHA-256 of the values differs from PyTorch's; compare a prefix of the draw to find the first differing element");
        }
        else
        {
            RngGolden.AssertMatches($"{name} ({Describe(c)})", c, RngGolden.Run(g, c));
        }
    }

    [Fact]
    public void SetState_with_pytorch_state_bytes_resumes_pytorch_stream()
    {
        // Restore each state PyTorch saved mid-sequence into a generator seeded differently, then replay
        // the rest of the sequence: every later value must be PyTorch's.
        var steps = RngGolden.Case("rng_sequence.json", "sequence_state").GetProperty("steps").EnumerateArray().ToArray();
        var restored = 0;
        for (var k = 0; k < steps.Length; k++)
        {
            if (steps[k].GetProperty("op").GetString() != "get_state")
            {
                continue;
            }
            var bytes = steps[k].GetProperty("values").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
            var g = new Generator(999);
            g.SetState(bytes);
            Assert.Equal((1UL << 40) + 3, g.InitialSeed);
            for (var j = k + 1; j < steps.Length; j++)
            {
                RngGolden.AssertMatches($"after set_state of step {k}, step {j}", steps[j], RngGolden.Run(g, steps[j]));
            }
            restored++;
        }
        Assert.Equal(4, restored);
    }

    [Fact]
    public void Golden_files_have_the_expected_format_and_coverage()
    {
        var ops = new HashSet<string>();
        var seeds = new HashSet<ulong>();
        var sizes = new HashSet<int>();
        foreach (var file in RngGolden.Files)
        {
            var doc = RngGolden.Document(file);
            Assert.Equal(RngGolden.FormatVersion, doc.GetProperty("format_version").GetInt32());
            Assert.StartsWith("torch 1.13", doc.GetProperty("generator").GetString());
            foreach (var c in RngGolden.Cases(file))
            {
                ops.Add(c.GetProperty("op").GetString()!);
                seeds.Add(c.GetProperty("seed").GetUInt64());
                if (c.GetProperty("op").GetString() == "randn")
                {
                    sizes.Add(c.GetProperty("values").GetArrayLength());
                }
            }
        }
        Assert.Superset(new HashSet<string> { "rand", "randn", "uniform", "normal", "randint", "randperm", "bernoulli", "bernoulli_tensor", "dropout", "sequence" }, ops);
        Assert.Superset(new HashSet<ulong> { 0, 1, 42, (1UL << 40) + 3 }, seeds);
        Assert.Superset(new HashSet<int> { 1, 3, 15, 16, 17, 31, 100, 1000 }, sizes);
    }

    private static string Describe(JsonElement call) =>
        $"{call.GetProperty("op").GetString()} {call.GetProperty("dtype").GetString()} shape [{string.Join(",", call.GetProperty("shape").EnumerateArray())}] args {call.GetProperty("args").GetRawText()}";
}
