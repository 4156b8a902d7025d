using DlPath.Tensors;

namespace DlPath.NN.Tests.Data;

public sealed class DataLoaderTests
{
    /// <summary>Sample i has input [i, 10 i] and target i, so every batch shows which samples it holds.</summary>
    private static TensorDataset Numbered(int n)
    {
        var x = new float[n * 2];
        var y = new long[n];
        for (int i = 0; i < n; i++) (x[2 * i], x[(2 * i) + 1], y[i]) = (i, 10 * i, i);
        return new TensorDataset(Tensor.FromArray(x, n, 2), Tensor.FromArray(y));
    }

    private static List<long[]> Epoch(DataLoader loader) => loader.Select(b => b.Target.ToArray<long>()).ToList();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Batches_cover_the_data_in_order_with_a_short_last_batch(int prefetch)
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, prefetch: prefetch);
        var batches = loader.ToList();
        Assert.Equal(3, loader.Count);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal([8L, 9L], batches[2].Target.ToArray<long>());
        Assert.Equal([4, 2], batches[0].Input.ShapeArray());
        Assert.Equal([2f, 20f, 3f, 30f], batches[0].Input.ToArray<float>()[4..]);
    }

    [Fact]
    public void DropLast_skips_the_short_batch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, dropLast: true);
        Assert.Equal(2, loader.Count);
        Assert.Equal([[0L, 1, 2, 3], [4L, 5, 6, 7]], Epoch(loader));
    }

    [Fact]
    public void Shuffle_yields_what_torch_DataLoader_yields_for_the_same_generator()
    {
        // torch 1.13: g = torch.Generator().manual_seed(7); DataLoader(TensorDataset(torch.arange(10)), batch_size=10,
        // shuffle=True, generator=g), two epochs; then batch_size=4, drop_last=True.
        var loader = new DataLoader(Numbered(10), batchSize: 10, shuffle: true, generator: new Generator(7));
        Assert.Equal([1L, 3, 5, 7, 9, 4, 6, 2, 8, 0], Epoch(loader)[0]);
        Assert.Equal([5L, 1, 6, 0, 9, 7, 8, 4, 3, 2], Epoch(loader)[0]);

        var dropLast = new DataLoader(Numbered(10), batchSize: 4, shuffle: true, dropLast: true, generator: new Generator(7), prefetch: 0);
        Assert.Equal([[1L, 3, 5, 7], [9L, 4, 6, 2]], Epoch(dropLast));
        Assert.Equal([[5L, 1, 6, 0], [9L, 7, 8, 4]], Epoch(dropLast));
    }

    [Fact]
    public void RandPerm_mode_draws_one_permutation_per_epoch_and_nothing_else()
    {
        // torch: g = torch.Generator().manual_seed(7); torch.randperm(10, generator=g), three times.
        var g = new Generator(7);
        var loader = new DataLoader(Numbered(10), batchSize: 10, shuffle: true, generator: g, randomness: LoaderRandomness.RandPerm);
        Assert.Equal([5L, 0, 3, 4, 1, 7, 9, 6, 8, 2], Epoch(loader)[0]);
        Assert.Equal([1L, 8, 9, 5, 7, 4, 0, 3, 6, 2], Epoch(loader)[0]);
        _ = Epoch(new DataLoader(Numbered(10), batchSize: 3, generator: g, randomness: LoaderRandomness.RandPerm));
        Assert.Equal([3L, 7, 6, 2, 9, 0, 5, 4, 1, 8], g.RandPerm(10));
    }

    [Fact]
    public void Same_seed_same_order_and_each_epoch_is_a_permutation()
    {
        var a = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, generator: new Generator(3));
        var b = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, generator: new Generator(3), prefetch: 0);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var ea = Epoch(a).SelectMany(x => x).ToArray();
            var eb = Epoch(b).SelectMany(x => x).ToArray();
            Assert.Equal(ea, eb);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), ea.Order());
            Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), ea);
        }
    }

    [Fact]
    public void Prefetched_batches_equal_synchronous_ones()
    {
        var data = Numbered(37);
        var sync = new DataLoader(data, 5, shuffle: true, generator: new Generator(1), prefetch: 0).ToList();
        var pre = new DataLoader(data, 5, shuffle: true, generator: new Generator(1), prefetch: 3).ToList();
        Assert.Equal(sync.Count, pre.Count);
        for (int i = 0; i < sync.Count; i++)
        {
            Assert.Equal(sync[i].Input.ToArray<float>(), pre[i].Input.ToArray<float>());
            Assert.Equal(sync[i].Target.ToArray<long>(), pre[i].Target.ToArray<long>());
        }
    }

    [Fact]
    public void Leaving_the_loop_early_stops_the_background_task()
    {
        var loader = new DataLoader(Numbered(1000), batchSize: 1, prefetch: 2);
        for (int epoch = 0; epoch < 20; epoch++)
        {
            foreach (var batch in loader)
            {
                Assert.Equal(1, loader.ActiveProducers);
                if (batch.Target.Item() >= 3) break;
            }

            Assert.Equal(0, loader.ActiveProducers);
        }

        using (var e = loader.GetEnumerator())
        {
            Assert.True(e.MoveNext());
            e.Dispose();
            Assert.Throws<ObjectDisposedException>(() => e.MoveNext());
        }

        Assert.Equal(0, loader.ActiveProducers);
    }

    [Fact]
    public void A_failing_sample_is_rethrown_by_the_loop()
    {
        var loader = new DataLoader(new FailingDataset(10, failAt: 6), batchSize: 2, prefetch: 2);
        var seen = new List<long>();
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var b in loader) seen.AddRange(b.Target.ToArray<long>());
        });
        Assert.Contains("sample 6", ex.Message);
        Assert.Equal([0L, 1, 2, 3, 4, 5], seen);
        Assert.Equal(0, loader.ActiveProducers);
    }

    [Fact]
    public void Default_GetBatch_stacks_samples()
    {
        var batch = new DataLoader(new FailingDataset(5, failAt: -1), batchSize: 3, prefetch: 0).First();
        Assert.Equal([3, 2], batch.Input.ShapeArray());
        Assert.Equal([0L, 1, 2], batch.Target.ToArray<long>());
        Assert.Equal([0f, 0, 1, 1, 2, 2], batch.Input.ToArray<float>());
    }

    [Fact]
    public void TensorDataset_checks_sizes_and_indexes_samples()
    {
        var ex = Assert.Throws<ShapeException>(() => new TensorDataset(Tensor.Zeros(5, 3), Tensor.Zeros([4], DType.Int64)));
        Assert.Contains("(5,3)", ex.Message);
        Assert.Contains("5 vs 4", ex.Message);
        var data = Numbered(4);
        var (x, y) = data.GetItem(2);
        Assert.Equal([2], x.ShapeArray());
        Assert.Equal(0, y.Rank);
        Assert.Equal(2L, y.Item<long>());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GetItem(4));
    }

    /// <summary>Sample i is ([i, i], i); asking for sample <c>failAt</c> throws.</summary>
    private sealed class FailingDataset(int count, int failAt) : Dataset
    {
        public override int Count => count;

        public override Batch GetItem(int index)
        {
            if (index == failAt) throw new InvalidOperationException($"sample {index} is corrupt");
            return new Batch(Tensor.FromArray(new float[] { index, index }), Tensor.Scalar(index, DType.Int64));
        }
    }
}

[Collection(GlobalRngCollection.Name)]
public sealed class DataLoaderDefaultGeneratorTests
{
    private static TensorDataset Ten() => new(Tensor.Zeros(10, 1), Tensor.Arange(10));

    [Fact]
    public void Without_a_generator_the_default_stream_is_used_as_torch_uses_it()
    {
        // torch.manual_seed(0); [b for b in DataLoader(ds, batch_size=10, shuffle=True)]; torch.rand(1)
        Generator.ManualSeedDefault(0);
        var batch = new DataLoader(Ten(), batchSize: 10, shuffle: true).Single();
        Assert.Equal([6L, 7, 1, 4, 2, 0, 9, 8, 3, 5], batch.Target.ToArray<long>());
        Assert.Equal(0.30742281675338745f, Tensor.Rand([1]).Item<float>());

        // torch.manual_seed(0); list(DataLoader(ds, batch_size=5)); torch.rand(1): the base seed is drawn even unshuffled.
        Generator.ManualSeedDefault(0);
        Assert.Equal(2, new DataLoader(Ten(), batchSize: 5).Count());
        Assert.Equal(0.08847743272781372f, Tensor.Rand([1]).Item<float>());

        // The seed RandomSampler draws: torch.manual_seed(0); two int64 random_() draws, the second 3969543146641149120.
        Generator.ManualSeedDefault(0);
        Generator.Default.NextUInt64();
        Assert.Equal(3969543146641149120UL, Generator.Default.NextUInt64() & long.MaxValue);
    }
}
