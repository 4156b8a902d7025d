using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Tests.Buffers;

/// <summary>The pool itself: exact lengths, clearing on request, the byte cap. Lengths are odd primes no other test uses.</summary>
[Collection(TensorPoolCollection.Name)]
public class TensorPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(129)]
    [InlineData(7919)]
    public void RentReturnsExactLengthsAndReusesReturnedArrays(int length)
    {
        var a = TensorPool.Rent<double>(length + 100_003, zero: true);
        Assert.Equal(length + 100_003, a.Length);
        TensorPool.Return(a);
        var b = TensorPool.Rent<double>(length + 100_003, zero: true);
        Assert.Same(a, b);
        var c = TensorPool.Rent<double>(length + 100_003, zero: true);
        Assert.NotSame(b, c);
        Assert.Equal(length + 100_003, c.Length);
    }

    [Fact]
    public void ZeroClearsAReusedArrayAndUninitialisedIsPoisonedInTests()
    {
        const int n = 100_019;
        var dirty = TensorPool.Rent<float>(n, zero: false);
        dirty.AsSpan().Fill(7f);
        TensorPool.Return(dirty);
        var zeroed = TensorPool.Rent<float>(n, zero: true);
        Assert.Same(dirty, zeroed);
        Assert.All(zeroed, v => Assert.Equal(0f, v));

        TensorPool.Return(zeroed);
        var uninit = TensorPool.Rent<float>(n, zero: false);
        Assert.Same(zeroed, uninit);
        Assert.True(TensorPool.PoisonUninitialized);
        Assert.All(uninit, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void AnArrayLargerThanTheCapIsLeftToTheGc()
    {
        long before = TensorPool.MaxBytes;
        try
        {
            TensorPool.MaxBytes = 1000;
            var big = TensorPool.Rent<long>(100_043, zero: true);
            long held = TensorPool.HeldBytes;
            TensorPool.Return(big);
            Assert.Equal(held, TensorPool.HeldBytes);
            Assert.NotSame(big, TensorPool.Rent<long>(100_043, zero: true));
        }
        finally
        {
            TensorPool.MaxBytes = before;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => TensorPool.MaxBytes = -1);
    }

    [Fact]
    public void AtTheCapTheLeastRecentlyUsedLengthIsDroppedFirst()
    {
        const int a = 100_057, b = 100_069;
        long before = TensorPool.MaxBytes;
        TensorPool.Clear();
        try
        {
            // Room for two arrays of length a and one of b, minus a byte.
            TensorPool.MaxBytes = (2L * a * sizeof(float)) + (b * sizeof(float)) - 1;
            float[] a1 = TensorPool.Rent<float>(a, zero: true), a2 = TensorPool.Rent<float>(a, zero: true);
            var b1 = TensorPool.Rent<float>(b, zero: true);
            TensorPool.Return(a1);
            TensorPool.Return(a2);
            TensorPool.Return(b1);

            // Length a was used longest ago, so one of its arrays made room for b.
            Assert.Equal((long)(a + b) * sizeof(float), TensorPool.HeldBytes);
            Assert.Same(b1, TensorPool.Rent<float>(b, zero: true));
            Assert.Same(a1, TensorPool.Rent<float>(a, zero: true));
            Assert.NotSame(a2, TensorPool.Rent<float>(a, zero: true));
            Assert.Equal(0, TensorPool.HeldBytes);
        }
        finally
        {
            TensorPool.MaxBytes = before;
        }
    }

    [Fact]
    public void ClearDropsWhatThePoolHolds()
    {
        var a = TensorPool.Rent<bool>(100_049, zero: true);
        TensorPool.Return(a);
        Assert.True(TensorPool.HeldBytes >= 100_049);
        TensorPool.Clear();
        Assert.Equal(0, TensorPool.HeldBytes);
        Assert.NotSame(a, TensorPool.Rent<bool>(100_049, zero: true));
    }
}

/// <summary>
/// Tests that change or measure the process-wide pool run one at a time and alone: any tensor allocated by a test
/// running beside them rents from the same pool, and could take the very arrays a measurement expects to reuse.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TensorPoolCollection
{
    public const string Name = "TensorPool";
}
