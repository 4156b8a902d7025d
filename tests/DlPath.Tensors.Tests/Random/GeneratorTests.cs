namespace DlPath.Tensors.Tests.Generators;

/// <summary>Behaviour of <see cref="Generator"/> that does not need PyTorch's numbers to check.</summary>
public class GeneratorTests
{
    [Fact]
    public void Engine_is_the_standard_mt19937()
    {
        // C++ [rand.predef]: the 10000th output of a default-constructed std::mt19937 (seed 5489) is 4123659995.
        var g = new Generator(5489);
        uint value = 0;
        for (var i = 0; i < 10000; i++)
        {
            value = g.NextUInt32();
        }
        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void NextUInt64_puts_the_first_32_bit_draw_in_the_high_half()
    {
        var a = new Generator(3);
        var b = new Generator(3);
        var hi = (ulong)b.NextUInt32();
        var lo = (ulong)b.NextUInt32();
        Assert.Equal((hi << 32) | lo, a.NextUInt64());
    }

    [Fact]
    public void Only_the_low_32_bits_of_the_seed_reach_the_state_but_InitialSeed_keeps_all_64()
    {
        var big = new Generator((1UL << 40) + 3);
        var small = new Generator(3);
        Assert.Equal((1UL << 40) + 3, big.InitialSeed);
        Assert.Equal(3UL, small.InitialSeed);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(small.NextUInt32(), big.NextUInt32());
        }
    }

    [Fact]
    public void Negative_and_int_seeds_wrap_to_64_bits_like_torch()
    {
        // torch.Generator().manual_seed(-1).initial_seed() == 2**64 - 1
        Assert.Equal(ulong.MaxValue, new Generator(-1).InitialSeed);
        Assert.Equal(new Generator(ulong.MaxValue).NextUInt32(), new Generator(-1).NextUInt32());
        var seed = 42;
        Assert.Equal(42UL, new Generator(0).ManualSeed(seed).InitialSeed);
    }

    [Fact]
    public void Parameterless_generator_uses_torch_default_seed()
    {
        Assert.Equal(67280421310721UL, new Generator().InitialSeed);
        Assert.Equal(new Generator(67280421310721UL).NextUInt64(), new Generator().NextUInt64());
    }

    [Fact]
    public void ManualSeed_restarts_the_stream_and_forgets_the_cached_normal()
    {
        var g = new Generator(1);
        var first = new double[1];
        g.Normal(first); // element-wise path: leaves the second Box-Muller sample cached
        var again = new double[1];
        Assert.Same(g, g.ManualSeed(1));
        g.Normal(again);
        Assert.Equal(first[0], again[0]);
        Assert.Equal(1UL, g.InitialSeed);
    }

    [Fact]
    public void Elementwise_normal_returns_the_cached_sample_before_drawing_again()
    {
        var pair = new double[2];
        new Generator(5).Normal(pair);

        var g = new Generator(5);
        var one = new double[1];
        g.Normal(one);
        var before = g.Clone().NextUInt32();
        g.Normal(one); // the cached sine sample: no draw
        Assert.Equal(pair[1], one[0]);
        Assert.Equal(before, g.NextUInt32());
    }

    [Fact]
    public void Chunked_normal_ignores_and_keeps_the_cache()
    {
        var g = new Generator(8);
        var one = new double[1];
        g.Normal(one); // caches a sample
        g.Normal(new double[16]);
        g.Normal(new float[33]);
        var cached = new double[1];
        g.Normal(cached);

        var expect = new Generator(8);
        var pair = new double[2];
        expect.Normal(pair);
        Assert.Equal(pair[1], cached[0]);
    }

    [Fact]
    public void Clone_is_independent_and_replays_the_same_stream()
    {
        var g = new Generator(17);
        g.NextUInt32();
        var copy = g.Clone();
        var a = new float[40];
        var b = new float[40];
        g.Normal(a);
        copy.Normal(b);
        Assert.Equal(a, b);
        Assert.NotEqual(g.NextUInt32(), new Generator(17).NextUInt32());
    }

    [Fact]
    public void Seed_picks_a_fresh_seed_that_ManualSeed_replays()
    {
        var g = new Generator(0);
        var seed = g.Seed();
        Assert.Equal(seed, g.InitialSeed);
        var x = g.NextUInt64();
        Assert.Equal(x, new Generator(seed).NextUInt64());
    }

    [Fact]
    public void State_round_trips_including_both_normal_caches()
    {
        var g = new Generator(31);
        g.Normal(new double[3]); // leaves a cached double sample
        var state = g.GetState();
        Assert.Equal(Generator.StateSize, state.Length);

        var h = new Generator(0);
        h.SetState(state);
        Assert.Equal(state, h.GetState());
        var a = new double[40];
        var b = new double[40];
        g.NormalElementwise(a);
        h.NormalElementwise(b);
        Assert.Equal(a, b);

        // The float cache is never filled by PyTorch's CPU kernels, but it is part of the state format.
        BitConverter.GetBytes(1.25f).CopyTo(state, 5048);
        state[5052] = 1;
        h.SetState(state);
        Assert.Equal(state, h.GetState());
    }

    [Fact]
    public void SetState_rejects_a_wrong_size_or_position()
    {
        var g = new Generator(1);
        var ex = Assert.Throws<ArgumentException>(() => g.SetState(new byte[100]));
        Assert.Contains("5056 bytes", ex.Message);
        var state = g.GetState();
        BitConverter.GetBytes(0).CopyTo(state, 8); // left = 0
        ex = Assert.Throws<ArgumentException>(() => g.SetState(state));
        Assert.Contains("left=0", ex.Message);
        Assert.Equal(new Generator(1).NextUInt32(), g.NextUInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void RandPerm_is_a_permutation(int n)
    {
        var perm = new Generator(4).RandPerm(n);
        Assert.Equal(Enumerable.Range(0, n).Select(i => (long)i), perm.Order());
    }

    [Fact]
    public void RandInt_stays_in_range_including_ranges_of_2_to_the_32_and_more()
    {
        var g = new Generator(6);
        var values = new long[2000];
        foreach (var (low, high) in new[] { (-3L, 4L), (0L, 1L << 32), (long.MinValue / 2, long.MaxValue / 2), (5L, 6L) })
        {
            g.RandInt(values, low, high);
            Assert.All(values, v => Assert.InRange(v, low, high - 1));
        }
        g.RandInt(values, 5, 6);
        Assert.All(values, v => Assert.Equal(5, v));
    }

    [Fact]
    public void Uniform_stays_in_its_range_and_low_equal_high_gives_low()
    {
        var g = new Generator(2);
        var f = new float[5000];
        g.Uniform(f, -2, 3);
        Assert.All(f, v => Assert.InRange(v, -2f, 3f));
        Assert.True(f.Min() < -1.9f && f.Max() > 2.9f, "5000 uniform samples should reach near both ends");
        var d = new double[10];
        g.Uniform(d, 1.5, 1.5);
        Assert.All(d, v => Assert.Equal(1.5, v));
    }

    [Fact]
    public void Normal_has_the_requested_moments()
    {
        var x = new float[100_003];
        new Generator(12).Normal(x, 2.0, 0.5);
        var mean = x.Average();
        var std = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 1.99, 2.01);
        Assert.InRange(std, 0.49, 0.51);
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Bernoulli_extremes_and_dropout_scale()
    {
        var g = new Generator(3);
        var mask = new bool[100];
        g.Bernoulli(mask, 0.0);
        Assert.DoesNotContain(true, mask);
        g.Bernoulli(mask, 1.0);
        Assert.DoesNotContain(false, mask);

        var drop = new float[1000];
        g.DropoutMask(drop, 0.25);
        Assert.All(drop, v => Assert.True(v == 0f || v == 1f / 0.75f, $"unexpected mask value {v}"));
        Assert.InRange(drop.Count(v => v == 0f), 150, 350);
    }

    [Fact]
    public void Bernoulli_with_probabilities_may_run_in_place()
    {
        var p = Enumerable.Range(0, 600).Select(i => (i % 7) / 6f).ToArray();
        var expected = new float[p.Length];
        new Generator(10).Bernoulli(expected, p);
        var inPlace = (float[])p.Clone();
        new Generator(10).Bernoulli(inPlace, inPlace);
        Assert.Equal(expected, inPlace);
    }

    [Fact]
    public void Dropout_with_p_0_or_1_draws_nothing()
    {
        var g = new Generator(9);
        var mask = new float[10];
        g.DropoutMask(mask, 0.0);
        Assert.All(mask, v => Assert.Equal(1f, v));
        g.DropoutMask(mask, 1.0);
        Assert.All(mask, v => Assert.Equal(0f, v));
        Assert.Equal(new Generator(9).NextUInt32(), g.NextUInt32());
    }

    [Fact]
    public void Bad_arguments_say_what_is_wrong()
    {
        var g = new Generator(0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => g.RandInt(new long[3], 5, 5));
        Assert.Contains("low=5 >= high=5", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => g.Uniform(new float[3], 2, 1));
        Assert.Contains("low=2 > high=1", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => g.Normal(new double[3], 0, -1));
        Assert.Contains("std=-1", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => g.Bernoulli(new float[3], 1.5));
        Assert.Contains("p=1.5", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => g.Bernoulli(new float[2], [0.5f, -0.1f]));
        Assert.Contains("index 1", ex.Message);
        var lengths = Assert.Throws<ArgumentException>(() => g.Bernoulli(new double[2], [0.5]));
        Assert.Contains("2 elements", lengths.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.RandPerm(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Uniform(new double[1], double.NegativeInfinity, 0));
    }

    [Fact]
    public void A_failed_call_draws_nothing()
    {
        var g = new Generator(21);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Normal(new float[20], 0, -1));
        Assert.Equal(new Generator(21).NextUInt32(), g.NextUInt32());
    }
}
