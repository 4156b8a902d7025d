using System.Threading.Channels;
using DlPath.NN;
using DlPath.Tensors;

namespace DlPath.Web;

/// <summary>
/// Runs one model for many concurrent requests by micro-batching: requests queue on a channel, and a single loop
/// takes whatever is waiting (up to <see cref="MaxBatch"/> examples), stacks it into one (N, ...) tensor, runs one
/// forward pass and hands each request its rows. Under load this turns 64 small matrix products into one large
/// one, which the engine's blocked GEMM does far faster; with one client it adds no wait at all, because the loop
/// never holds a request back hoping for company. The model is only ever touched by the loop's thread.
/// </summary>
public sealed class InferenceBatcher : IAsyncDisposable
{
    private readonly Module _model;
    private readonly int[] _inputShape;
    private readonly int _inputSize;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Task _loop;
    private long _forwardPasses;
    private long _examples;

    /// <summary>Starts the loop for <paramref name="model"/> (put in eval mode) on inputs of shape (N, <paramref name="inputShape"/>...).</summary>
    public InferenceBatcher(Module model, int[] inputShape, int maxBatch = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _model = model;
        _model.Eval();
        _inputShape = inputShape;
        _inputSize = inputShape.Aggregate(1, (a, b) => a * b);
        MaxBatch = maxBatch;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Largest number of examples in one forward pass.</summary>
    public int MaxBatch { get; }

    /// <summary>Forward passes run so far (fewer than requests when batching works).</summary>
    public long ForwardPasses => Interlocked.Read(ref _forwardPasses);

    /// <summary>Examples predicted so far.</summary>
    public long Examples => Interlocked.Read(ref _examples);

    /// <summary>The model's output rows (logits) for <paramref name="examples"/>, each of the input size.</summary>
    public async Task<float[][]> RunAsync(IReadOnlyList<float[]> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        foreach (var e in examples)
        {
            if (e.Length != _inputSize) throw new ArgumentException($"inference: an example has {e.Length} values, the model takes {_inputSize}");
        }

        var pending = new Pending(examples, new TaskCompletionSource<float[][]>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            int count = 0;
            // Take what is already queued; a single request larger than MaxBatch still runs, alone.
            while (reader.TryPeek(out var next) && (count == 0 || count + next.Examples.Count <= MaxBatch) && reader.TryRead(out next))
            {
                batch.Add(next);
                count += next.Examples.Count;
            }

            try
            {
                var outputs = Forward(batch, count);
                int row = 0;
                foreach (var p in batch)
                {
                    p.Result.TrySetResult(outputs[row..(row + p.Examples.Count)]);
                    row += p.Examples.Count;
                }
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Result.TrySetException(e);
            }
        }
    }

    private float[][] Forward(List<Pending> batch, int count)
    {
        var data = new float[count * _inputSize];
        int offset = 0;
        foreach (var p in batch)
        {
            foreach (var e in p.Examples)
            {
                e.CopyTo(data, offset);
                offset += _inputSize;
            }
        }

        float[] flat;
        int classes;
        using (Tensor.NoGrad())
        {
            var y = _model.Call(Tensor.FromArray(data, [count, .. _inputShape]));
            classes = y.Numel / count;
            flat = y.ToArray<float>();
        }

        Interlocked.Increment(ref _forwardPasses);
        Interlocked.Add(ref _examples, count);
        var rows = new float[count][];
        for (int i = 0; i < count; i++) rows[i] = flat.AsSpan(i * classes, classes).ToArray();
        return rows;
    }

    /// <summary>Stops taking requests and waits for the loop to finish the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed record Pending(IReadOnlyList<float[]> Examples, TaskCompletionSource<float[][]> Result);
}
