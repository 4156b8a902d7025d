using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// A tiny fork-join pool for the CPU kernels: persistent background threads plus the calling thread.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: a GEMM of 128 x 128 takes ~15 microseconds, about the cost of scheduling tasks,
/// and every Parallel.For call allocates. Here a call costs two atomic operations per worker and allocates
/// nothing: workers spin briefly after each job (back-to-back kernel calls in a training step find them awake)
/// and then sleep on a semaphore. One job runs at a time; a call that finds the pool busy (another thread's
/// kernel, or a kernel called from inside a job) runs all its parts on its own thread, which is still correct.
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>How long an idle worker spins before it sleeps, in microseconds.</summary>
    private const int SpinMicroseconds = 200;

    private static readonly object s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;
    private static IKernelJob? s_job;
    private static int s_parts;
    private static int s_pending;
    private static Exception? s_error;

    /// <summary>Runs <paramref name="job"/> in <paramref name="parts"/> parts, part 0 on the calling thread.</summary>
    public static void Run(IKernelJob job, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++)
            {
                job.Execute(p, parts);
            }

            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(parts - 1);
            s_job = job;
            s_parts = parts;
            s_error = null;
            Volatile.Write(ref s_pending, parts - 1);
            for (int w = 0; w < parts - 1; w++)
            {
                workers[w].Start();
            }

            try
            {
                job.Execute(0, parts);
            }
            finally
            {
                // Never leave while a worker still reads the caller's (pinned) buffers.
                var spin = default(SpinWait);
                while (Volatile.Read(ref s_pending) != 0)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }

                s_job = null;
            }

            if (s_error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] workers = s_workers;
        if (workers.Length >= count)
        {
            return workers;
        }

        lock (s_growLock)
        {
            workers = s_workers;
            if (workers.Length < count)
            {
                var grown = new Worker[count];
                Array.Copy(workers, grown, workers.Length);
                for (int w = workers.Length; w < count; w++)
                {
                    grown[w] = new Worker(w + 1);
                }

                s_workers = workers = grown;
            }

            return workers;
        }
    }

    private sealed class Worker
    {
        private readonly int _part;
        private readonly SemaphoreSlim _wake = new(0);
        private int _generation;
        private int _sleeping;

        public Worker(int part)
        {
            _part = part;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DlPath kernel worker {part}" };
            thread.Start();
        }

        /// <summary>Hands the current job to this worker (called by the dispatcher only).</summary>
        public void Start()
        {
            // Full fence, then read _sleeping; the worker does the mirror image (set _sleeping, fence, read
            // _generation), so at least one side sees the other and the worker can never sleep through a job.
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleeping) != 0)
            {
                _wake.Release();
            }
        }

        private void Loop()
        {
            int seen = 0;
            long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            while (true)
            {
                long until = Stopwatch.GetTimestamp() + spinTicks;
                while (Volatile.Read(ref _generation) == seen)
                {
                    if (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }

                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _generation) == seen)
                    {
                        _wake.Wait(); // a stale permit only makes this loop check once more
                    }

                    Interlocked.Exchange(ref _sleeping, 0);
                }

                seen = Volatile.Read(ref _generation);
                try
                {
                    s_job!.Execute(_part, s_parts);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref s_error, e, null);
                }
                finally
                {
                    Interlocked.Decrement(ref s_pending);
                }
            }
        }
    }
}
