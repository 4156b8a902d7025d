using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.Tensors.Tests.Kernels;

public sealed class KernelWorkersTests
{
    // GEMM's panel mode dispatches two jobs per k block back to back, a 2-part packing job and an 8-part one; a
    // worker that read the old job's exhausted counter together with the new part count used to claim a part of
    // the new job on the old counter, so a part ran twice and the caller waited forever.
    [Fact]
    public async Task BackToBackJobs_WithChangingPartCounts_RunEveryPartExactlyOnce()
    {
        var job = new CountingJob();
        var run = Task.Run(() =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                int parts = i % 2 == 0 ? 2 : 8;
                job.Reset(parts);
                KernelWorkers.Run(job, parts, threads: 2);
                job.CheckEachRanOnce(i);
            }
        });

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(finished == run, "a job never finished: a part was lost or ran twice");
        await run;
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    [InlineData(17, 1)]
    [InlineData(17, 2)]
    [InlineData(1000, 3)]
    public void For_RunsEveryPartExactlyOnce(int parts, int threads)
    {
        var runs = new int[parts];
        KernelWorkers.For(parts, threads, p => Interlocked.Increment(ref runs[p]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void For_PassesAPartsExceptionToTheCaller()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KernelWorkers.For(8, 2, p =>
        {
            if (p == 5) throw new InvalidOperationException("part 5 failed");
        }));
        Assert.Equal("part 5 failed", e.Message);

        // The pool is usable again afterwards.
        var runs = new int[4];
        KernelWorkers.For(4, 2, p => Interlocked.Increment(ref runs[p]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    private sealed class CountingJob : IKernelJob
    {
        private int[] _runs = [];
        private int _parts;

        public void Reset(int parts)
        {
            _parts = parts;
            _runs = new int[16];
        }

        public void Execute(int part, int parts)
        {
            if (parts != _parts)
            {
                throw new InvalidOperationException($"part {part} of {parts} run for a job of {_parts} parts");
            }

            Interlocked.Increment(ref _runs[part]);
            Thread.SpinWait(20); // long enough that the worker is still claiming when the caller moves on
        }

        public void CheckEachRanOnce(int iteration)
        {
            for (int p = 0; p < _runs.Length; p++)
            {
                int expected = p < _parts ? 1 : 0;
                if (_runs[p] != expected)
                {
                    throw new InvalidOperationException($"job {iteration}: part {p} ran {_runs[p]} times, expected {expected}");
                }
            }
        }
    }
}
