using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace DlPath.Tensors.Tests.Generators;

/// <summary>
/// Loads the golden files written by tests/golden/make_rng_golden.py and replays their cases on a
/// <see cref="Generator"/>.
/// </summary>
internal static class RngGolden
{
    public const int FormatVersion = 1;

    public static readonly string[] Files =
        ["rng_continuous.json", "rng_integer.json", "rng_bernoulli.json", "rng_sequence.json", "rng_digest.json"];

    private static readonly Dictionary<string, JsonDocument> Documents = [];
    private static readonly Lock DocumentsLock = new();

    public static JsonElement Document(string file)
    {
        lock (DocumentsLock)
        {
            if (!Documents.TryGetValue(file, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "golden", file);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Documents[file] = doc;
            }
            return doc.RootElement;
        }
    }

    public static IEnumerable<JsonElement> Cases(string file) =>
        Document(file).GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string file, string name) =>
        Cases(file).Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Runs one call a case (or a sequence step) describes and returns its values as doubles or longs.</summary>
    public static Array Run(Generator g, JsonElement call)
    {
        var op = call.GetProperty("op").GetString()!;
        var dtype = call.GetProperty("dtype").GetString()!;
        var args = call.GetProperty("args");
        var n = call.GetProperty("shape").EnumerateArray().Aggregate(1, (acc, d) => acc * d.GetInt32());
        switch (op)
        {
            case "get_state":
                return g.GetState().Select(b => (long)b).ToArray();
            case "rand":
                return Floats(dtype, n, f => g.Uniform(f), d => g.Uniform(d));
            case "randn":
                return Floats(dtype, n, f => g.Normal(f), d => g.Normal(d));
            case "uniform":
                {
                    var low = args.GetProperty("low").GetDouble();
                    var high = args.GetProperty("high").GetDouble();
                    return Floats(dtype, n, f => g.Uniform(f, low, high), d => g.Uniform(d, low, high));
                }
            case "normal":
                {
                    var mean = args.GetProperty("mean").GetDouble();
                    var std = args.GetProperty("std").GetDouble();
                    return Floats(dtype, n, f => g.Normal(f, mean, std), d => g.Normal(d, mean, std));
                }
            case "normal_noncontiguous":
                {
                    // The golden values are in memory order, the order callers must fill a strided view in.
                    var mean = args.GetProperty("mean").GetDouble();
                    var std = args.GetProperty("std").GetDouble();
                    return Floats(dtype, n, f => g.NormalElementwise(f, mean, std), d => g.NormalElementwise(d, mean, std));
                }
            case "uniform_noncontiguous":
                {
                    var low = args.GetProperty("low").GetDouble();
                    var high = args.GetProperty("high").GetDouble();
                    return Floats(dtype, n, f => g.Uniform(f, low, high), d => g.Uniform(d, low, high));
                }
            case "randint":
                {
                    var result = new long[n];
                    g.RandInt(result, args.GetProperty("low").GetInt64(), args.GetProperty("high").GetInt64());
                    return result;
                }
            case "randperm":
                return g.RandPerm(args.GetProperty("n").GetInt32());
            case "bernoulli":
                {
                    var p = args.GetProperty("p").GetDouble();
                    if (dtype == "bool")
                    {
                        var mask = new bool[n];
                        g.Bernoulli(mask, p);
                        return mask.Select(b => b ? 1L : 0L).ToArray();
                    }
                    return Floats(dtype, n, f => g.Bernoulli(f, p), d => g.Bernoulli(d, p));
                }
            case "bernoulli_tensor":
                {
                    var probs = args.GetProperty("p").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                    if (args.GetProperty("p_dtype").GetString() == "float32")
                    {
                        var result = new float[n];
                        g.Bernoulli(result, probs.Select(p => (float)p).ToArray());
                        return result.Select(v => (double)v).ToArray();
                    }
                    var result64 = new double[n];
                    g.Bernoulli(result64, probs);
                    return result64;
                }
            case "dropout":
                {
                    var mask = new float[n];
                    g.DropoutMask(mask, args.GetProperty("p").GetDouble());
                    return mask.Select(v => (double)v).ToArray();
                }
            default:
                throw new InvalidOperationException($"golden case has an unknown op '{op}'");
        }
    }

    /// <summary>The recorded values of a case or step, as doubles (float dtypes) or longs (int64, bool).</summary>
    public static Array Expected(JsonElement call)
    {
        var dtype = call.GetProperty("dtype").GetString();
        var values = call.GetProperty("values").EnumerateArray();
        return dtype is "float32" or "float64"
            ? values.Select(v => v.GetDouble()).ToArray()
            : values.Select(v => v.GetInt64()).ToArray();
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of the values as PyTorch stores them: little-endian float32, float64 or int64.
    /// </summary>
    public static string Sha256(string dtype, Array values)
    {
        byte[] bytes = dtype switch
        {
            "float32" => MemoryMarshal.AsBytes(((double[])values).Select(v => (float)v).ToArray().AsSpan()).ToArray(),
            "float64" => MemoryMarshal.AsBytes(((double[])values).AsSpan()).ToArray(),
            "int64" => MemoryMarshal.AsBytes(((long[])values).AsSpan()).ToArray(),
            _ => throw new InvalidOperationException($"no digest for dtype '{dtype}'"),
        };
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// True where the golden values of libm-based samplers must match bit for bit: the goldens come from
    /// PyTorch on glibc, and DlPath calls the platform's double log/sin/cos as PyTorch does. Another C
    /// library (Windows, macOS) rounds a few of those values differently, as PyTorch there does too.
    /// </summary>
    public static bool SameCLibraryAsGoldens => OperatingSystem.IsLinux();

    /// <summary>Whether a call's values go through the C library's double log, sin and cos.</summary>
    public static bool UsesCLibraryMath(JsonElement call)
    {
        var op = call.GetProperty("op").GetString();
        if (op is not ("randn" or "normal" or "normal_noncontiguous"))
        {
            return false;
        }
        var n = call.GetProperty("shape").EnumerateArray().Aggregate(1, (acc, d) => acc * d.GetInt32());
        // float32 normals of 16+ contiguous elements use DlPath's own Cephes functions instead.
        return call.GetProperty("dtype").GetString() == "float64" || n < 16 || op == "normal_noncontiguous";
    }

    /// <summary>
    /// Compares a call's values with its golden values: bit for bit, except that values computed with the C
    /// library's math on a platform other than the goldens' may be one unit in the last place off.
    /// </summary>
    public static void AssertMatches(string what, JsonElement call, Array actual)
    {
        var ulps = UsesCLibraryMath(call) && !SameCLibraryAsGoldens ? 1 : 0;
        AssertSame(what, Expected(call), actual, call.GetProperty("dtype").GetString() == "float32", ulps);
    }

    /// <summary>Fails with the first differing element and both bit patterns.</summary>
    public static void AssertSame(string what, Array expected, Array actual, bool float32 = false, int ulps = 0)
    {
        Assert.True(expected.Length == actual.Length,
            $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected.GetValue(i)!;
            var a = actual.GetValue(i)!;
            var same = e is double ed
                ? UlpDistance(ed, (double)a, float32) <= ulps
                : e.Equals(a);
            if (!same)
            {
                var detail = e is double ed2
                    ? $"expected {ed2:R}, got {(double)a:R} (bits {BitConverter.DoubleToInt64Bits(ed2):X16} vs {BitConverter.DoubleToInt64Bits((double)a):X16})"
                    : $"expected {e}, got {a}";
                Assert.Fail($"{what}: element {i} of {expected.Length}: {detail}");
            }
        }
    }

    // Distance in units in the last place of the given precision; 0 exactly when the bits agree.
    private static long UlpDistance(double expected, double actual, bool float32)
    {
        if (float32)
        {
            return Math.Abs((long)BitConverter.SingleToInt32Bits((float)expected) - BitConverter.SingleToInt32Bits((float)actual));
        }
        var x = BitConverter.DoubleToInt64Bits(expected);
        var y = BitConverter.DoubleToInt64Bits(actual);
        return (x < 0) != (y < 0) ? long.MaxValue : Math.Abs(x - y);
    }

    private static double[] Floats(string dtype, int n, Action<float[]> fill32, Action<double[]> fill64)
    {
        if (dtype == "float32")
        {
            var f = new float[n];
            fill32(f);
            return f.Select(v => (double)v).ToArray();
        }
        var d = new double[n];
        fill64(d);
        return d;
    }
}
