using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// A tiny fork-join pool for the CPU kernels: persistent background threads plus the calling thread, which
/// claim the parts of a job from a shared counter.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: a GEMM of 128 x 128 takes ~15 microseconds, about the cost of scheduling
/// tasks, and every Parallel.For call allocates. Here a call costs a few atomic operations and allocates
/// nothing. Why claiming instead of "part i runs on thread i": on a loaded machine a worker may not get a core
/// for milliseconds; the caller then claims that worker's parts itself instead of waiting for it. Idle workers
/// spin briefly (back-to-back kernel calls in a training step find them awake), then sleep on a semaphore.
/// One job runs at a time; a call that finds the pool busy (another thread's kernel, or a kernel called from
/// inside a job) runs all its parts on its own thread, which is still correct.
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
    private static int s_done;
    private static Exception? s_error;

    // (job generation << 32) | next unclaimed part. Generation and counter live in one word so that a worker
    // that wakes late can never claim a part of a newer job on behalf of an older one (see Claim).
    private static long s_claim;

    /// <summary>The part counter of a closed generation: above any part count, so nothing can be claimed.</summary>
    private const long Closed = int.MaxValue;

    /// <summary>
    /// Runs <paramref name="body"/>(0) ... <paramref name="body"/>(<paramref name="parts"/> - 1) on up to
    /// <see cref="KernelOptions.MaxThreads"/> threads (the caller included) and returns when all have finished: the
    /// kernels' replacement for <c>Parallel.For</c>. Waking thread-pool threads next to these workers, which stay
    /// awake spinning between the kernels of a training step, put more busy threads than cores on a small machine.
    /// </summary>
    public static void For(int parts, Action<int> body) => For(parts, Math.Min(KernelOptions.MaxThreads, Environment.ProcessorCount), body);

    /// <summary>As <see cref="For(int, Action{int})"/> on at most <paramref name="threads"/> threads.</summary>
    public static void For(int parts, int threads, Action<int> body)
    {
        threads = Math.Min(threads, parts);
        if (threads <= 1)
        {
            for (int p = 0; p < parts; p++) body(p);
            return;
        }

        Run(new PartJob(body), parts, threads);
    }

    /// <summary>Runs <paramref name="job"/> in <paramref name="parts"/> parts on up to <paramref name="threads"/>
    /// threads (the caller included), and returns when every part has finished.</summary>
    public static void Run(IKernelJob job, int parts, int threads)
    {
        if (parts <= 1 || threads <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++)
            {
                job.Execute(p, parts);
            }

            return;
        }

        try
        {
            Worker[] workers = EnsureWorkers(threads - 1);

            // Close the previous job's counter before its fields are overwritten: a worker that read the old
            // counter (say part 2 of a 2-part job, all claimed) and then this job's s_parts (8) would otherwise see
            // 2 < 8 and win its compare-exchange on the old word, running a part twice (the caller then waited
            // forever for a part count that could not match). The closed generation admits no claim.
            long generation = (Volatile.Read(ref s_claim) >> 32) + 1;
            Interlocked.Exchange(ref s_claim, (generation << 32) | Closed);
            s_job = job;
            s_parts = parts;
            s_done = 0;
            s_error = null;
            generation++;
            Interlocked.Exchange(ref s_claim, generation << 32); // publishes the fields above (full fence)
            for (int w = 0; w < threads - 1; w++)
            {
                workers[w].WakeIfSleeping();
            }

            Claim(generation);

            // The remaining parts are running on workers; wait for them without giving up this core, which on a
            // loaded machine could cost a whole scheduler time slice. Yield only if it takes unusually long.
            int spins = 0;
            while (Volatile.Read(ref s_done) != parts)
            {
                if (spins++ < 20_000)
                {
                    Thread.SpinWait(30);
                }
                else
                {
                    Thread.Yield();
                }
            }

            s_job = null;
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

    /// <summary>Claims and runs parts of job <paramref name="generation"/> until none are left.</summary>
    private static void Claim(long generation)
    {
        while (true)
        {
            long v = Volatile.Read(ref s_claim);
            if (v >> 32 != generation)
            {
                return;
            }

            // Read the job before claiming: if the claim below succeeds, generation was still current, so these
            // reads saw this generation's job (a new job is only published after every part of this one is done).
            IKernelJob? job = s_job;
            int parts = s_parts;
            int part = (int)(v & 0xFFFF_FFFF);
            if (part >= parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref s_claim, v + 1, v) != v)
            {
                continue;
            }

            try
            {
                job!.Execute(part, parts);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, e, null);
            }
            finally
            {
                Interlocked.Increment(ref s_done);
            }
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

    /// <summary>A persistent helper thread.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private int _sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DlPath kernel worker {index}" };
            thread.Start();
        }

        /// <summary>Called by the dispatcher after it published a new generation.</summary>
        public void WakeIfSleeping()
        {
            // The dispatcher's Interlocked.Exchange on s_claim is a full fence before this read; the worker sets
            // _sleeping (full fence) before it re-reads s_claim. So at least one side sees the other: a worker
            // never sleeps through a job.
            if (Volatile.Read(ref _sleeping) != 0)
            {
                _wake.Release();
            }
        }

        private void Loop()
        {
            long seen = 0;
            long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            while (true)
            {
                long until = Stopwatch.GetTimestamp() + spinTicks;
                while (Volatile.Read(ref s_claim) >> 32 == seen)
                {
                    if (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }

                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref s_claim) >> 32 == seen)
                    {
                        _wake.Wait(); // a stale permit only makes this loop check once more
                    }

                    Interlocked.Exchange(ref _sleeping, 0);
                }

                seen = Volatile.Read(ref s_claim) >> 32;
                Claim(seen);
            }
        }
    }

    /// <summary>Part i runs <c>body(i)</c>.</summary>
    private sealed class PartJob(Action<int> body) : IKernelJob
    {
        public void Execute(int part, int parts) => body(part);
    }
}
