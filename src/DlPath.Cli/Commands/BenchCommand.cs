using System.CommandLine;
using System.Globalization;
using DlPath.Tensors.Kernels;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath bench gemm</c>: DlPath's float32 GEMM throughput on this machine, alone, so that any reference
/// (NumPy, PyTorch) can be run beside it; bench/DlPath.Bench runs the references in the same run.
/// </summary>
public sealed class BenchCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated matrix sizes n (C = A @ B, all n x n)", DefaultValueFactory = _ => "128,256,1024,2048" };
        var threads = new Option<int?>("--threads") { Description = "Threads the GEMM may use (default: all cores)" };
        var json = new Option<bool>("--json") { Description = "Print {\"rows\":[{\"n\":...,\"gflops\":...}]}" };
        var gemm = new Command("gemm", "Measure DlPath's float32 GEMM in GFLOP/s (best of 20 runs up to n = 512, of 5 above)") { sizes, threads, json };
        gemm.SetAction(parse =>
        {
            int[] ns = ParseSizes(parse.GetValue(sizes)!);
            int? t = parse.GetValue(threads);
            if (t is < 1 or > 1024)
            {
                throw new CliException($"--threads must be between 1 and 1024, got {t}");
            }

            int saved = KernelOptions.MaxThreads;
            KernelOptions.MaxThreads = t ?? Environment.ProcessorCount;
            try
            {
                var rows = new List<object>();
                foreach (int n in ns)
                {
                    double gflops = GemmThroughput.Measure(n, n, n);
                    rows.Add(new { N = n, Gflops = Math.Round(gflops, 2) });
                    if (!parse.GetValue(json))
                    {
                        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"n = {n,5}: [bold]{gflops,8:F1}[/] GFLOP/s"));
                    }
                }

                if (parse.GetValue(json))
                {
                    JsonOut.Write(context.Output, new { Threads = KernelOptions.MaxThreads, Rows = rows });
                }
            }
            finally
            {
                KernelOptions.MaxThreads = saved;
            }

            return 0;
        });

        var bench = new Command("bench", "Benchmarks of DlPath's kernels on this machine") { gemm };
        root.Subcommands.Add(bench);
    }

    private static int[] ParseSizes(string text)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 16384)
            {
                throw new CliException($"--sizes: '{part}' is not a size between 1 and 16384 (example: --sizes 128,256,1024)");
            }

            result.Add(n);
        }

        return result.Count > 0 ? [.. result] : throw new CliException("--sizes: give at least one size, e.g. --sizes 256,1024");
    }
}
