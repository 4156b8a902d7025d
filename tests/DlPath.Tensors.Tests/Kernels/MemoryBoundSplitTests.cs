using System.Collections.Concurrent;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.KernelSplits;

public sealed class MemoryBoundSplitTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(MemoryBoundSplit.MinElementsPerThread * 2 - 1, 2)]
    [InlineData(MemoryBoundSplit.MinElementsPerThread * 2, 2)]
    [InlineData(1_000_003, 2)]
    [InlineData(1_000_003, 3)]
    [InlineData(1_000_003, 1)]
    [InlineData(3_211_264, 4)]
    public void Ranges_cover_every_element_once_with_at_most_one_range_per_thread(int n, int threads)
    {
        var ranges = new ConcurrentBag<(int Start, int Length)>();
        MemoryBoundSplit.For(n, threads, (start, length) => ranges.Add((start, length)));

        var sorted = ranges.OrderBy(r => r.Start).ToList();
        int expectedParts = Math.Max(1, Math.Min(threads, n / MemoryBoundSplit.MinElementsPerThread));
        Assert.Equal(expectedParts, sorted.Count);
        int next = 0;
        foreach (var (start, length) in sorted)
        {
            Assert.Equal(next, start);
            Assert.True(length >= 0);
            next = start + length;
        }

        Assert.Equal(n, next);
        if (sorted.Count > 1) Assert.True(sorted.Max(r => r.Length) - sorted.Min(r => r.Length) <= 1, "ranges differ by at most one element");
    }

    [Fact]
    public void A_large_relu_map_splits_and_matches_the_plain_loop()
    {
        int n = (5 * MemoryBoundSplit.MinElementsPerThread) + 7;
        var values = Enumerable.Range(0, n).Select(i => (float)((i % 11) - 5)).ToArray();
        var y = Tensor.FromArray(values).Relu().ToArray<float>();
        for (int i = 0; i < n; i++) Assert.Equal(Math.Max(values[i], 0f), y[i]);
    }
}
