using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.Bench;

/// <summary>
/// The <c>gemm</c> command: DlPath FP32 GEMM throughput on square sizes and on the MLP training shapes, and,
/// with <c>--with-reference</c>, NumPy/OpenBLAS and PyTorch measured in the same run, with the ratio.
/// </summary>
internal static class GemmSideBySide
{
    /// <summary>The Fashion-MNIST MLP's first layer, batch 128: forward and both backward products.</summary>
    private static readonly GemmCase[] MlpShapes =
    [
        new("Y = X W", "NN:128x784x256", false, false, 128, 256, 784),
        new("dW = X^T dY", "TN:784x128x256", true, false, 784, 256, 128),
        new("dX = dY W^T", "NT:128x256x784", false, true, 128, 784, 256),
    ];

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static int Run(GemmBenchOptions o)
    {
        KernelOptions.MaxThreads = o.Threads;
        var squares = o.Sizes.Select(n => new GemmCase($"n = {n}", $"NN:{n}x{n}x{n}", false, false, n, n, n)).ToArray();
        GemmCase[] shapes = [.. o.Shapes ? MlpShapes : [], .. o.Extra.Select(FromSpec)];
        var dl = new Dictionary<GemmCase, double>();
        var reference = new Dictionary<GemmCase, ReferenceScripts.Figures>();

        if (!o.Json)
        {
            PrintHeader(o);
        }

        // Alternate DlPath and the references, so both see the same machine load; keep the best of each.
        for (int round = 0; round < o.Rounds; round++)
        {
            foreach (GemmCase c in squares.Concat(shapes))
            {
                dl[c] = Math.Max(dl.GetValueOrDefault(c), Measure(c));
            }

            if (o.WithReference)
            {
                var sq = ReferenceScripts.SquareGemm(o.Sizes, o.Threads);
                foreach (GemmCase c in squares)
                {
                    reference[c] = Best(reference.GetValueOrDefault(c), sq[c.M]);
                }

                if (shapes.Length > 0)
                {
                    var sh = ReferenceScripts.Shapes(shapes.Select(s => s.Spec).ToArray(), o.Threads);
                    foreach (GemmCase c in shapes)
                    {
                        reference[c] = Best(reference.GetValueOrDefault(c), sh[c.Spec]);
                    }
                }
            }
        }

        if (o.Json)
        {
            PrintJson(squares, shapes, dl, reference);
        }
        else
        {
            PrintTable("Square GEMM, C (n x n) = A (n x n) @ B (n x n)", squares, dl, reference, o.WithReference);
            if (shapes.Length > 0)
            {
                PrintTable(o.Extra.Count == 0 ? "MLP training shapes (Fashion-MNIST MLP, 784 -> 256, batch 128)" : "Other shapes: C (m x n) = op(A) (m x k) @ op(B) (k x n)",
                    shapes, dl, reference, o.WithReference);
            }
        }

        return 0;
    }

    /// <summary>A case from a validated "OPS:MxKxN" spec.</summary>
    private static GemmCase FromSpec(string spec)
    {
        int[] d = spec[3..].Split('x').Select(int.Parse).ToArray();
        return new GemmCase(spec[..2], spec, spec[0] == 'T', spec[1] == 'T', d[0], d[2], d[1]);
    }

    /// <summary>Best-of-reps GFLOP/s of one case, with the same repetition rule as numpy_gemm.py.</summary>
    private static double Measure(GemmCase c) => GemmThroughput.Measure(c.M, c.N, c.K, c.TransA, c.TransB);

    private static ReferenceScripts.Figures Best(ReferenceScripts.Figures old, ReferenceScripts.Figures now) =>
        new(Math.Max(old.Numpy, now.Numpy),
            now.Torch is null ? old.Torch : Math.Max(old.Torch ?? 0, now.Torch.Value));

    private static void PrintHeader(GemmBenchOptions o)
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : RuntimeInformation.ProcessArchitecture.ToString();
        Console.WriteLine($"DlPath GEMM FP32 — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {cpu}, {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.FrameworkDescription}");
        string load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : string.Empty;
        Console.WriteLine($"kernel {Gemm.ResolveIsa(GemmIsa.Auto)}, threads {o.Threads}{load}, best of 20 (n <= 512) or 5 reps, " +
            $"{o.Rounds} round(s){(o.WithReference ? ", references: OPENBLAS_CORETYPE=SkylakeX" : string.Empty)}");
    }

    private static void PrintTable(string title, IEnumerable<GemmCase> cases, Dictionary<GemmCase, double> dl,
        Dictionary<GemmCase, ReferenceScripts.Figures> reference, bool withReference)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(withReference
            ? $"{"case",-16} {"m x k x n",-16} {"DlPath",8} {"OpenBLAS",9} {"ratio",6} {"target",7}  {"PyTorch",8}"
            : $"{"case",-16} {"m x k x n",-16} {"DlPath",8}");
        foreach (GemmCase c in cases)
        {
            string dims = $"{c.M}x{c.K}x{c.N}";
            if (!withReference)
            {
                Console.WriteLine($"{c.Name,-16} {dims,-16} {dl[c],8:F1}");
                continue;
            }

            ReferenceScripts.Figures r = reference[c];
            double ratio = dl[c] / r.Numpy;
            double? target = Target(c);
            string verdict = target is null ? "-" : $">={target:0.0#}{(ratio >= target ? " ok" : " MISS")}";
            Console.WriteLine($"{c.Name,-16} {dims,-16} {dl[c],8:F1} {r.Numpy,9:F1} {ratio,6:F2} {verdict,-10} " +
                $"{(r.Torch is { } t ? t.ToString("F1", CultureInfo.InvariantCulture) : "-"),8}");
        }

        Console.WriteLine("(GFLOP/s; ratio = DlPath / NumPy-OpenBLAS)");
    }

    /// <summary>Issue 3's targets: 0.9x OpenBLAS at n = 1024, 2048; 1.0x at n = 128, 256 and the MLP shapes.</summary>
    private static double? Target(GemmCase c)
    {
        bool square = c.M == c.N && c.N == c.K && c.Spec.StartsWith("NN", StringComparison.Ordinal) && !MlpShapes.Contains(c);
        if (!square)
        {
            return MlpShapes.Contains(c) ? 1.0 : null;
        }

        return c.M switch
        {
            128 or 256 => 1.0,
            1024 or 2048 => 0.9,
            _ => null,
        };
    }

    private static void PrintJson(GemmCase[] squares, GemmCase[] shapes, Dictionary<GemmCase, double> dl,
        Dictionary<GemmCase, ReferenceScripts.Figures> reference)
    {
        object Row(GemmCase c, bool square)
        {
            var row = new Dictionary<string, object>();
            if (square)
            {
                row["n"] = c.M;
            }
            else
            {
                row["shape"] = c.Spec;
                row["m"] = c.M;
                row["n"] = c.N;
                row["k"] = c.K;
            }

            row["gflops"] = Math.Round(dl[c], 2);
            if (reference.TryGetValue(c, out var r))
            {
                row["openblas_gflops"] = Math.Round(r.Numpy, 2);
                row["ratio"] = Math.Round(dl[c] / r.Numpy, 3);
                if (r.Torch is { } t)
                {
                    row["torch_gflops"] = Math.Round(t, 2);
                }
            }

            return row;
        }

        var doc = new Dictionary<string, object> { ["rows"] = squares.Select(c => Row(c, true)).ToArray() };
        if (shapes.Length > 0)
        {
            doc["shapes"] = shapes.Select(c => Row(c, false)).ToArray();
        }

        Console.WriteLine(JsonSerializer.Serialize(doc));
    }

    /// <summary>One timed product: C (m x n) = op(A) (m x k) @ op(B) (k x n); Spec is "OPS:MxKxN".</summary>
    private sealed record GemmCase(string Name, string Spec, bool TransA, bool TransB, int M, int N, int K);
}
