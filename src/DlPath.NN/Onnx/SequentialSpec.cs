using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DlPath.NN.Onnx;

/// <summary>
/// A <see cref="Sequential"/> model's architecture as JSON, so a checkpoint can carry the recipe for the model its
/// weights belong to (metadata key <see cref="MetadataKey"/>) and a server or exporter can rebuild it without the
/// code that trained it. One object per layer, e.g.
/// <c>[{"type":"Flatten"},{"type":"Linear","in":784,"out":10}]</c>. Covers the layers DlPath's models are made of:
/// Linear, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm1d/2d, Dropout, Flatten, Identity, the
/// activations and nested Sequential.
/// </summary>
public static class SequentialSpec
{
    /// <summary>The checkpoint metadata key that holds the architecture JSON.</summary>
    public const string MetadataKey = "architecture";

    /// <summary>The checkpoint metadata key that holds the input shape of one example, e.g. <c>1,28,28</c>.</summary>
    public const string InputShapeKey = "input_shape";

    /// <summary>The checkpoint metadata key that holds the class names, comma-separated.</summary>
    public const string LabelsKey = "labels";

    /// <summary>Describes <paramref name="model"/>; throws naming the first layer that has no description.</summary>
    public static string Describe(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DescribeLayers(model, "model").ToJsonString();
    }

    private static JsonArray DescribeLayers(Sequential model, string path)
    {
        var layers = new JsonArray();
        int index = 0;
        foreach (var layer in model)
        {
            layers.Add(DescribeLayer(layer, $"{path}.{index++}"));
        }

        return layers;
    }

    private static JsonObject DescribeLayer(Module layer, string path) => layer switch
    {
        Linear l => new JsonObject { ["type"] = "Linear", ["in"] = l.InFeatures, ["out"] = l.OutFeatures, ["bias"] = l.Bias is not null },
        Conv2d c => new JsonObject
        {
            ["type"] = "Conv2d",
            ["in"] = c.InChannels,
            ["out"] = c.OutChannels,
            ["kernel"] = Ints(c.KernelSize),
            ["stride"] = Ints(c.Stride),
            ["padding"] = Ints(c.Padding),
            ["dilation"] = Ints(c.Dilation),
            ["groups"] = c.Groups,
            ["bias"] = c.Bias is not null,
        },
        MaxPool2d m => new JsonObject { ["type"] = "MaxPool2d", ["kernel"] = Ints(m.KernelSize), ["stride"] = Ints(m.Stride), ["padding"] = Ints(m.Padding), ["dilation"] = Ints(m.Dilation) },
        AvgPool2d a => new JsonObject { ["type"] = "AvgPool2d", ["kernel"] = Ints(a.KernelSize), ["stride"] = Ints(a.Stride), ["padding"] = Ints(a.Padding), ["count_include_pad"] = a.CountIncludePad },
        AdaptiveAvgPool2d a => new JsonObject { ["type"] = "AdaptiveAvgPool2d", ["output"] = Ints(a.OutputSize) },
        BatchNorm b => new JsonObject
        {
            ["type"] = b is BatchNorm2d ? "BatchNorm2d" : b is BatchNorm1d ? "BatchNorm1d" : throw Unsupported(b, path),
            ["features"] = b.NumFeatures,
            ["eps"] = b.Eps,
            ["momentum"] = b.Momentum,
            ["affine"] = b.Weight is not null,
            ["track_running_stats"] = b.RunningMean is not null,
        },
        Dropout d => new JsonObject { ["type"] = "Dropout", ["p"] = d.P },
        Flatten f => new JsonObject { ["type"] = "Flatten", ["start"] = f.StartDim, ["end"] = f.EndDim },
        LeakyRelu r => new JsonObject { ["type"] = "LeakyRelu", ["slope"] = r.NegativeSlope },
        Gelu g => new JsonObject { ["type"] = "Gelu", ["approximate"] = g.Approximate },
        Softmax s => new JsonObject { ["type"] = "Softmax", ["dim"] = s.Dim },
        LogSoftmax s => new JsonObject { ["type"] = "LogSoftmax", ["dim"] = s.Dim },
        Relu or Sigmoid or Tanh or Silu or Identity => new JsonObject { ["type"] = layer.GetType().Name },
        Sequential s => new JsonObject { ["type"] = "Sequential", ["layers"] = DescribeLayers(s, path) },
        _ => throw Unsupported(layer, path),
    };

    /// <summary>Builds the (freshly initialised) model that <paramref name="json"/> describes.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or names an unknown layer; the message says which.</exception>
    public static Sequential Build(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"architecture: not valid JSON ({e.Message})");
        }

        if (root is not JsonArray layers) throw new InvalidDataException("architecture: expected a JSON array of layers");
        return BuildLayers(layers, "model");
    }

    private static Sequential BuildLayers(JsonArray layers, string path)
    {
        var model = new Sequential();
        for (int i = 0; i < layers.Count; i++)
        {
            string at = $"{path}.{i}";
            if (layers[i] is not JsonObject o) throw new InvalidDataException($"architecture: layer {at} is not an object");
            try
            {
                model.Add(BuildLayer(o, at));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException || (e is InvalidDataException && !e.Message.StartsWith("architecture:", StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"architecture: layer {at} ({o.ToJsonString()}): {e.Message}");
            }
        }

        return model;
    }

    private static Module BuildLayer(JsonObject o, string path)
    {
        string type = o["type"]?.GetValue<string>() ?? throw new InvalidDataException($"architecture: layer {path} has no \"type\"");
        return type switch
        {
            "Linear" => new Linear(Int(o, "in"), Int(o, "out"), bias: Bool(o, "bias", true)),
            "Conv2d" => new Conv2d(Int(o, "in"), Int(o, "out"), Required(o, "kernel"), IntArray(o, "stride"), IntArray(o, "padding"), IntArray(o, "dilation"), Int(o, "groups", 1), Bool(o, "bias", true)),
            "MaxPool2d" => new MaxPool2d(Required(o, "kernel"), IntArray(o, "stride"), IntArray(o, "padding"), IntArray(o, "dilation")),
            "AvgPool2d" => new AvgPool2d(Required(o, "kernel"), IntArray(o, "stride"), IntArray(o, "padding"), Bool(o, "count_include_pad", true)),
            "AdaptiveAvgPool2d" => new AdaptiveAvgPool2d(Required(o, "output")),
            "BatchNorm1d" => new BatchNorm1d(Int(o, "features"), Double(o, "eps", 1e-5), NullableDouble(o, "momentum", 0.1), Bool(o, "affine", true), Bool(o, "track_running_stats", true)),
            "BatchNorm2d" => new BatchNorm2d(Int(o, "features"), Double(o, "eps", 1e-5), NullableDouble(o, "momentum", 0.1), Bool(o, "affine", true), Bool(o, "track_running_stats", true)),
            "Dropout" => new Dropout(Double(o, "p", 0.5)),
            "Flatten" => new Flatten(Int(o, "start", 1), Int(o, "end", -1)),
            "Relu" => new Relu(),
            "LeakyRelu" => new LeakyRelu(Double(o, "slope", 0.01)),
            "Gelu" => new Gelu(o["approximate"]?.GetValue<string>() ?? "none"),
            "Silu" => new Silu(),
            "Sigmoid" => new Sigmoid(),
            "Tanh" => new Tanh(),
            "Softmax" => new Softmax(Int(o, "dim")),
            "LogSoftmax" => new LogSoftmax(Int(o, "dim")),
            "Identity" => new Identity(),
            "Sequential" => BuildLayers(o["layers"] as JsonArray ?? throw new InvalidDataException($"architecture: layer {path} has no \"layers\" array"), path),
            _ => throw new InvalidDataException($"architecture: layer {path} has unknown type '{type}'"),
        };
    }

    /// <summary>
    /// The layer list of the Fashion-MNIST models that <c>dlpath train fashion-mnist</c> saves with metadata
    /// <c>model=mlp</c> or <c>model=cnn</c> (the project's reference architectures), or null for another name.
    /// </summary>
    public static string? KnownArchitecture(string name) =>
        FashionMnistModels.Names.Contains(name.ToLowerInvariant()) ? Describe(FashionMnistModels.Create(name)) : null;

    private static JsonArray Ints(int[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static int Int(JsonObject o, string key, int? fallback = null) =>
        o[key] is { } n ? n.GetValue<int>() : fallback ?? throw new InvalidDataException($"missing \"{key}\"");

    private static int[]? IntArray(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonArray a => a.Select(n => n!.GetValue<int>()).ToArray(),
        var n => [n.GetValue<int>()],
    };

    private static int[] Required(JsonObject o, string key) => IntArray(o, key) ?? throw new InvalidDataException($"missing \"{key}\"");

    private static bool Bool(JsonObject o, string key, bool fallback) => o[key]?.GetValue<bool>() ?? fallback;

    private static double Double(JsonObject o, string key, double fallback) => o[key] is { } n ? n.GetValue<double>() : fallback;

    private static double? NullableDouble(JsonObject o, string key, double fallback) =>
        o.ContainsKey(key) ? o[key]?.GetValue<double>() : fallback;

    private static NotSupportedException Unsupported(Module layer, string path) =>
        new($"architecture: layer {path} is a {layer.GetType().Name}, which has no description (supported: Linear, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm1d/2d, Dropout, Flatten, activations, Sequential)");

    /// <summary>Formats an input shape for the <see cref="InputShapeKey"/> metadata: <c>1,28,28</c>.</summary>
    public static string FormatShape(IEnumerable<int> shape) => string.Join(',', shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
