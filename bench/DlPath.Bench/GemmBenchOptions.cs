namespace DlPath.Bench;

/// <summary>Command-line options of the <c>gemm</c> side-by-side runner.</summary>
internal sealed record GemmBenchOptions
{
    /// <summary>Square sizes n of the n x n x n products.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [128, 256, 512, 1024, 2048];

    /// <summary>Threads for DlPath (KernelOptions.MaxThreads) and for the references.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Print JSON instead of a table.</summary>
    public bool Json { get; init; }

    /// <summary>Run the NumPy/PyTorch references in the same run.</summary>
    public bool WithReference { get; init; }

    /// <summary>DlPath and the reference are measured alternately this many times; the best of each is kept.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>Also time the MLP training shapes.</summary>
    public bool Shapes { get; init; } = true;

    /// <summary>Extra products to time, as "OPS:MxKxN" (OPS = NN, TN, NT or TT: op(A), op(B) as stored or transposed).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Parses the arguments after the <c>gemm</c> command.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static GemmBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new GemmBenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--sizes" => o with { Sizes = ParseSizes(Value()) },
                "--threads" => o with { Threads = PositiveInt("--threads", Value()) },
                "--rounds" => o with { Rounds = PositiveInt("--rounds", Value()) },
                "--json" => o with { Json = true },
                "--with-reference" => o with { WithReference = true },
                "--no-shapes" => o with { Shapes = false },
                "--shapes" => o with { Extra = [.. o.Extra, .. ParseShapes(Value())] },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (see --help)"),
            };
        }

        return o;
    }

    private static int[] ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => PositiveInt("--sizes", s))
            .ToArray();

    /// <summary>"NN:64x288x1960,TN:288x1960x64": validated and normalised to upper-case OPS.</summary>
    private static string[] ParseShapes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s =>
            {
                string[] parts = s.Split(':');
                string ops = parts[0].ToUpperInvariant();
                string[] dims = parts.Length == 2 ? parts[1].Split('x') : [];
                if (parts.Length != 2 || ops.Length != 2 || ops.Any(ch => ch is not ('N' or 'T')) || dims.Length != 3)
                {
                    throw new ArgumentException($"--shapes: '{s}' is not OPS:MxKxN (e.g. NT:64x1960x288)");
                }

                return $"{ops}:{PositiveInt("--shapes", dims[0])}x{PositiveInt("--shapes", dims[1])}x{PositiveInt("--shapes", dims[2])}";
            })
            .ToArray();

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, out int v) && v > 0 ? v : throw new ArgumentException($"{option}: '{text}' is not a positive integer");
}
