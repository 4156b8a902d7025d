using System.Collections;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Iterates over a <see cref="Dataset"/> in batches (<c>torch.utils.data.DataLoader</c>,
/// https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader): optionally shuffled each epoch, with or
/// without the last short batch, and with the next batches prepared on a background task while the model trains
/// on the current one.
/// </summary>
/// <remarks>
/// <para>
/// <b>Order.</b> With <c>shuffle: true</c> each enumeration (epoch) visits the samples in a permutation drawn by
/// <c>randperm(Count)</c> on the generator, bit for bit as PyTorch draws it. By default
/// (<see cref="LoaderRandomness.TorchDataLoader"/>) the loader also makes every other draw
/// <c>torch.utils.data.DataLoader</c> makes, so with the same seed a PyTorch <c>DataLoader(..., shuffle=True,
/// generator=g)</c> and this loader yield the same batches epoch after epoch, and leave the generator in the same
/// state; <see cref="LoaderRandomness.RandPerm"/> draws one permutation per epoch and nothing else, as a hand-written
/// <c>torch.randperm</c> loop.
/// </para>
/// <para>
/// <b>Prefetch.</b> With <c>prefetch</c> &gt; 0 a background task gathers (and transforms) up to that many batches
/// ahead into a bounded channel. The permutation is drawn on the caller's thread when enumeration starts, so the
/// order does not depend on timing; give random transforms their own <see cref="Generator"/> for reproducible
/// augmentation. Disposing the enumerator (which <c>foreach</c> does, also on <c>break</c> or an exception) cancels
/// the task and waits for it, so no work outlives the loop. An exception in the dataset or a transform is rethrown
/// by the loop at the batch where it happened.
/// </para>
/// </remarks>
/// <example><code>
/// var loader = new DataLoader(new TensorDataset(x, y), batchSize: 128, shuffle: true, generator: new Generator(0));
/// foreach (var (xb, yb) in loader) { ... }
/// </code></example>
public sealed class DataLoader : IEnumerable<Batch>
{
    private int _activeProducers;

    /// <summary>Creates the loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch (at least 1).</param>
    /// <param name="shuffle">Visit the samples in a new random order each epoch.</param>
    /// <param name="dropLast">Skip the last batch when it would be smaller than <paramref name="batchSize"/>.</param>
    /// <param name="generator">Draws the shuffling permutations; default <see cref="Generator.Default"/>.</param>
    /// <param name="prefetch">How many batches a background task prepares ahead; 0 gathers each batch on the caller's thread.</param>
    /// <param name="randomness">Which random numbers each epoch draws (default: those PyTorch's DataLoader draws).</param>
    public DataLoader(Dataset dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, Generator? generator = null, int prefetch = 2,
        LoaderRandomness randomness = LoaderRandomness.TorchDataLoader)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Generator = generator;
        Prefetch = prefetch;
        Randomness = randomness;
    }

    /// <summary>The samples.</summary>
    public Dataset Dataset { get; }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a fresh random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the last, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The generator shuffling draws from (null: <see cref="Generator.Default"/>).</summary>
    public Generator? Generator { get; }

    /// <summary>Batches prepared ahead by the background task (0: none, no task).</summary>
    public int Prefetch { get; }

    /// <summary>Which random numbers each epoch draws.</summary>
    public LoaderRandomness Randomness { get; }

    /// <summary>Batches per epoch (<c>len(loader)</c>).</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Background tasks of this loader still running (for tests: 0 once every enumerator is disposed).</summary>
    internal int ActiveProducers => Volatile.Read(ref _activeProducers);

    /// <summary>Starts an epoch: makes the epoch's draws and fixes the order now, then yields the batches.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        long[] order = new long[Dataset.Count];
        bool torch = Randomness == LoaderRandomness.TorchDataLoader;

        // torch's _BaseDataLoaderIter draws a base seed for its worker processes every epoch; we have no workers,
        // but draw it so the generator's stream stays where PyTorch's would be.
        if (torch) (Generator ?? Generator.Default).NextUInt64();
        if (Shuffle && torch && Generator is null)
        {
            // RandomSampler without a generator: seed = int(torch.empty((), dtype=torch.int64).random_()), a private
            // generator seeded with it draws the permutation.
            new Generator(Generator.Default.NextUInt64() & long.MaxValue).RandPerm(order);
        }
        else if (Shuffle)
        {
            (Generator ?? Generator.Default).RandPerm(order);
        }
        else
        {
            for (int i = 0; i < order.Length; i++) order[i] = i;
        }

        // RandomSampler with a generator ends on `yield from torch.randperm(n, generator=g).tolist()[:0]`: one more
        // permutation, drawn when the epoch is read to its end.
        Action? atEnd = Shuffle && torch && Generator is not null ? () => Generator.RandPerm(order) : null;
        return Prefetch == 0 ? Synchronous(order, atEnd) : new PrefetchingEnumerator(this, order, atEnd);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<Batch> Synchronous(long[] order, Action? atEnd)
    {
        for (int b = 0; b < Count; b++) yield return MakeBatch(order, b);
        atEnd?.Invoke();
    }

    private Batch MakeBatch(long[] order, int batchIndex)
    {
        int start = batchIndex * BatchSize;
        int length = Math.Min(BatchSize, order.Length - start);
        return Dataset.GetBatch(order.AsSpan(start, length));
    }

    /// <summary>Reads batches that a background task writes into a bounded channel.</summary>
    private sealed class PrefetchingEnumerator : IEnumerator<Batch>
    {
        private readonly DataLoader _loader;
        private readonly long[] _order;
        private readonly Action? _atEnd;
        private readonly Channel<Batch> _channel;
        private readonly CancellationTokenSource _cancel = new();
        private readonly Task _producer;
        private Exception? _error;
        private bool _disposed;
        private bool _finished;

        public PrefetchingEnumerator(DataLoader loader, long[] order, Action? atEnd)
        {
            _loader = loader;
            _order = order;
            _atEnd = atEnd;
            _channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(loader.Prefetch)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            Interlocked.Increment(ref loader._activeProducers);
            _producer = Task.Run(ProduceAsync);
        }

        public Batch Current { get; private set; }

        object IEnumerator.Current => Current;

        private async Task ProduceAsync()
        {
            var token = _cancel.Token;
            try
            {
                for (int b = 0; b < _loader.Count; b++)
                {
                    token.ThrowIfCancellationRequested();
                    var batch = _loader.MakeBatch(_order, b);
                    await _channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The consumer left the loop early: nothing to report.
            }
            catch (Exception ex)
            {
                // Handed to the consumer, which rethrows it at the batch that failed.
                _error = ex;
            }
            finally
            {
                _channel.Writer.TryComplete();
                Interlocked.Decrement(ref _loader._activeProducers);
            }
        }

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var reader = _channel.Reader;
            while (true)
            {
                if (reader.TryRead(out var batch))
                {
                    Current = batch;
                    return true;
                }

                // Block until the producer writes or completes; the channel never faults (errors go to _error).
                bool more = reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
                if (!more)
                {
                    if (_error is not null) ExceptionDispatchInfo.Capture(_error).Throw();
                    if (!_finished)
                    {
                        // The producer is done with _order, so the end-of-epoch draw may reuse it.
                        _finished = true;
                        _atEnd?.Invoke();
                    }

                    return false;
                }
            }
        }

        public void Reset() => throw new NotSupportedException("DataLoader: start a new epoch with a new foreach instead of Reset");

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _cancel.Cancel();
            _producer.GetAwaiter().GetResult();
            _cancel.Dispose();
        }
    }
}
