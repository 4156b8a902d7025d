using System.Diagnostics;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Bench;

/// <summary>
/// The <c>kernel</c> command: one core's throughput of each micro-kernel sweeping an L2-resident packed A block
/// against an L2-resident packed B panel, exactly as the GEMM driver's inner loops do, without packing or
/// threads. It separates "how good is the kernel" from "how loaded is the machine": a run lasts about a
/// millisecond, so on a shared machine the best of several usually gets a core to itself.
/// </summary>
internal static unsafe class KernelThroughput
{
    /// <summary>Runs the measurement; returns the process exit code.</summary>
    public static int Run()
    {
        Console.WriteLine($"micro-kernel throughput, one core, in cache (best of 30); kernel in use: {Gemm.ResolveIsa(GemmIsa.Auto)}");
        if (Avx512Sgemm12x32.IsSupported)
        {
            Report("float  Vector512 12x32", Sweep<float, Avx512Sgemm12x32>());
            Report("double Vector512 12x16", Sweep<double, Avx512Dgemm12x16>());
        }

        if (Avx2Sgemm6x16.IsSupported)
        {
            Report("float  Vector256  6x16", Sweep<float, Avx2Sgemm6x16>());
            Report("double Vector256  6x8 ", Sweep<double, Avx2Dgemm6x8>());
        }

        Report("float  scalar     4x4 ", Sweep<float, ScalarGemm4x4<float>>());
        return 0;
    }

    private static void Report(string name, double gflops) => Console.WriteLine($"{name}: {gflops,7:F1} GFLOP/s");

    private static double Sweep<T, TK>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        where TK : struct, IGemmMicroKernel<T>
    {
        int kc = TK.KC, mc = TK.MC, nc = Math.Min(TK.NC, 512), ldc = nc;
        T[] a = GC.AllocateArray<T>(mc * kc, pinned: true), b = GC.AllocateArray<T>(kc * nc, pinned: true);
        T[] c = GC.AllocateArray<T>(mc * ldc, pinned: true);
        var rng = new Random(1);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateChecked(rng.NextDouble());
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = T.CreateChecked(rng.NextDouble());
        }

        double best = double.MaxValue;
        fixed (T* pa = a, pb = b, pc = c)
        {
            for (int rep = 0; rep < 33; rep++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int jr = 0; jr < nc; jr += TK.NR)
                {
                    for (int ir = 0; ir < mc; ir += TK.MR)
                    {
                        TK.Run(kc, pa + ir * kc, pb + jr * kc, pc + ir * ldc + jr, ldc, T.One, T.One);
                    }
                }

                if (rep >= 3)
                {
                    best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
                }
            }
        }

        return 2.0 * mc * nc * kc / best / 1e9;
    }
}
