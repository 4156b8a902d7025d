using System.Globalization;
using System.Text.Json;

namespace DlPath.Tensors.Tests.Golden;

/// <summary>One case of a golden file written by tests/golden/*.py from PyTorch.</summary>
public sealed record GoldenCase(string Name, string Op, JsonElement Args, Tensor[] Inputs, Tensor? Output, Tensor? GradOutput, Tensor?[] Grads)
{
    public override string ToString() => Name;

    public double Arg(string name, double fallback) => Args.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;

    public int Arg(string name, int fallback) => Args.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;

    public bool Arg(string name, bool fallback) => Args.TryGetProperty(name, out var v) ? v.GetBoolean() : fallback;

    public int[] IntsArg(string name) => Args.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

/// <summary>Loads golden files (format version 1) from the test output's golden/ folder.</summary>
public static class GoldenFile
{
    public const int FormatVersion = 1;

    public static IReadOnlyList<GoldenCase> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", fileName);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        int version = root.GetProperty("format_version").GetInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{fileName}: golden format version {version}, this loader reads {FormatVersion}; regenerate with tests/golden");
        }

        return root.GetProperty("cases").EnumerateArray().Select(c => new GoldenCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("op").GetString()!,
            c.GetProperty("args").Clone(),
            c.GetProperty("inputs").EnumerateArray().Select(e => ParseTensor(e)!).ToArray(),
            ParseTensor(c.GetProperty("output")),
            c.TryGetProperty("grad_output", out var go) ? ParseTensor(go) : null,
            c.TryGetProperty("grads", out var gs) ? gs.EnumerateArray().Select(ParseTensor).ToArray() : [])).ToList();
    }

    /// <summary>Cases of a file as xunit theory data (by name, so test names stay readable).</summary>
    public static TheoryData<string> CaseNames(string fileName)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load(fileName)) data.Add(c.Name);
        return data;
    }

    public static GoldenCase Case(string fileName, string name) => Load(fileName).Single(c => c.Name == name);

    public static Tensor? ParseTensor(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var dtype = DTypes.Parse(e.GetProperty("dtype").GetString()!);
        int[] shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = e.GetProperty("data");
        return dtype switch
        {
            DType.Float32 => Tensor.FromArray(data.EnumerateArray().Select(v => (float)ParseDouble(v)).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
            DType.Float64 => Tensor.FromArray(data.EnumerateArray().Select(ParseDouble).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
            DType.Int64 => Tensor.FromArray(data.EnumerateArray().Select(v => v.GetInt64()).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
            _ => Tensor.FromArray(data.EnumerateArray().Select(v => v.GetBoolean()).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
        };
    }

    private static double ParseDouble(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        }
        : v.GetDouble();
}

/// <summary>Assertions that name the worst element, both values and the tolerances.</summary>
public static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6, string what = "tensor")
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{what}: shape {actual.ShapeString}, expected {expected.ShapeString}");
        if (!expected.DType.IsFloatingPoint())
        {
            Assert.Equal(expected.DType, actual.DType);
            Assert.Equal(expected.ToArray<double>(), actual.ToArray<double>());
            return;
        }

        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
            if (e[i] == a[i]) continue;
            double excess = Math.Abs(e[i] - a[i]) - (atol + (rtol * Math.Abs(e[i])));
            if (excess > worstExcess || (double.IsNaN(excess) && worst < 0))
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }

        Assert.True(worst < 0, worst < 0 ? string.Empty : $"{what}: element {worst} is {a[worst]:R}, expected {e[worst]:R} (rtol {rtol}, atol {atol})");
    }
}
