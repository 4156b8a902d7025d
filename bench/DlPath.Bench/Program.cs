using BenchmarkDotNet.Running;
using DlPath.Bench;

// dotnet run -c Release --project bench/DlPath.Bench -- gemm [--sizes 128,256,1024,2048] [--threads N] [--json] [--with-reference]
// dotnet run -c Release --project bench/DlPath.Bench -- micro [BenchmarkDotNet arguments, e.g. --filter '*Gemm*']
// dotnet run -c Release --project bench/DlPath.Bench -- kernel
// dotnet run -c Release --project bench/DlPath.Bench -- train [--model mlp|cnn|both] [--epochs N] [--steps S] [--threads N] [--with-reference] [--no-scope] [--warmup-steps N] [--json]
string command = args.Length > 0 ? args[0] : "help";
string[] rest = args.Length > 0 ? args[1..] : [];
try
{
    return command switch
    {
        "gemm" => GemmSideBySide.Run(GemmBenchOptions.Parse(rest)),
        "micro" => RunMicro(rest),
        "kernel" => KernelThroughput.Run(),
        "train" => TrainBench.Run(TrainBenchOptions.Parse(rest)),
        "help" or "-h" or "--help" => Usage(0),
        _ => Usage(2),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"dlpath-bench: {e.Message}");
    return 2;
}

static int RunMicro(string[] rest)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(rest.Length > 0 ? rest : ["--filter", "*"]);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

static int Usage(int code)
{
    (code == 0 ? Console.Out : Console.Error).WriteLine(
        """
        usage: DlPath.Bench gemm [--sizes 128,256,1024,2048] [--threads N] [--json] [--with-reference]
                                 [--rounds R] [--no-shapes] [--shapes OPS:MxKxN,...]
               DlPath.Bench micro [BenchmarkDotNet arguments]
               DlPath.Bench kernel
               DlPath.Bench train [--model mlp|cnn|both] [--epochs N] [--steps S] [--threads N] [--with-reference] [--no-scope] [--warmup-steps N] [--json]

          gemm    DlPath FP32 GEMM throughput (GFLOP/s) on n x n matrices and on the MLP training shapes.
                  --with-reference runs ../shared/bench/numpy_gemm.py (NumPy/OpenBLAS, PyTorch) and
                  bench/reference/numpy_shapes.py in the same run and prints both figures and the ratio.
                  --json prints {"rows":[{"n":...,"gflops":...}]} for DlPath alone. --shapes adds products
                  such as NT:64x1960x288 (OPS: op(A), op(B) as stored, N, or transposed, T).
          micro   BenchmarkDotNet micro-benchmarks (GEMM kernels and paths, the CNN's conv blocks).
          kernel  one core's micro-kernel throughput on packed, cache-resident panels (no packing, no threads).
          train   the Fashion-MNIST MLP/CNN epoch of ../shared/bench/torch_fmnist.py in DlPath: seconds per
                  epoch, test accuracy, managed bytes and GC collections per steady-state step. --steps S
                  times S steps per epoch and scales to a full epoch; --with-reference runs the torch script
                  (OPENBLAS_CORETYPE=SkylakeX for the child only) in the same run and prints the ratio.
                  --warmup-steps N (default 1) compiles each model's step on a throwaway copy while the
                  data loads, as dlpath train does; 0 leaves the compiling to the first epoch.
        """);
    return code;
}
