using System.Runtime.InteropServices;
using DlPath.Tensors;

namespace DlPath.NN.Onnx;

/// <summary>
/// Exports a <see cref="Sequential"/> model to ONNX (https://onnx.ai/onnx/intro/concepts.html), the file format
/// ONNX Runtime, OpenCV and most serving stacks read — the <c>torch.onnx.export</c> of DlPath. Like torch, it
/// traces the model once in eval mode on an example input to learn each layer's input shape, then writes one ONNX
/// node (or a few) per layer, with the weights as float32 initializers. The batch dimension is dynamic (named
/// <c>N</c>). Dropout becomes Identity and BatchNorm uses its running statistics, as in eval mode.
/// The protobuf is written by hand (<see cref="ProtoWriter"/>): the schema is onnx.proto, IR version 8, opset 13.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX opset the exporter writes (ONNX Runtime 1.8 and later read it).</summary>
    public const int Opset = 13;

    private const int IrVersion = 8;
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>; see <see cref="Export(Sequential, int[])"/>.</summary>
    public static void Save(string path, Sequential model, int[] inputShape)
    {
        var bytes = Export(model, inputShape);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        File.WriteAllBytes(full, bytes);
    }

    /// <summary>
    /// The ONNX bytes of <paramref name="model"/> for inputs of shape (N, <paramref name="inputShape"/>...): graph
    /// input <c>input</c>, output <c>output</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer (or a setting of one) has no ONNX form here; the message names it.</exception>
    public static byte[] Export(Sequential model, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        var graph = new GraphBuilder();
        bool wasTraining = model.Training;
        model.Eval();
        int[] outShape;
        try
        {
            using (Tensor.NoGrad())
            {
                var x = Tensor.Zeros([1, .. inputShape]);
                string name = "input";
                (x, name) = EmitSequential(graph, model, x, name, "model");
                outShape = x.ShapeArray();
                graph.Node("Identity", [name], ["output"], "output");
            }
        }
        finally
        {
            model.Train(wasTraining);
        }

        var g = new ProtoWriter();
        foreach (var node in graph.Nodes) g.Message(1, node);
        g.String(2, "dlpath");
        foreach (var init in graph.Initializers) g.Message(5, init);
        g.Message(11, ValueInfo("input", [-1, .. inputShape]));
        g.Message(12, ValueInfo("output", [-1, .. outShape[1..]]));

        var m = new ProtoWriter();
        m.Int(1, IrVersion);
        m.String(2, "DlPath");
        m.String(3, typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0");
        m.Message(7, g);
        m.Message(8, new ProtoWriter().String(1, string.Empty).Int(2, Opset));
        return m.ToArray();
    }

    private static (Tensor Output, string Name) EmitSequential(GraphBuilder g, Sequential model, Tensor x, string name, string path)
    {
        int index = 0;
        foreach (var layer in model)
        {
            string at = $"{path}.{index++}";
            if (layer is Sequential inner)
            {
                (x, name) = EmitSequential(g, inner, x, name, at);
                continue;
            }

            name = EmitLayer(g, layer, x.ShapeArray(), name, at);
            x = layer.Call(x);
        }

        return (x, name);
    }

    private static string EmitLayer(GraphBuilder g, Module layer, int[] inShape, string input, string at)
    {
        string output = at;
        switch (layer)
        {
            case Linear l:
                if (inShape.Length == 2)
                {
                    var inputs = new List<string> { input, g.Initializer($"{at}.weight", l.Weight.Value) };
                    if (l.Bias is not null) inputs.Add(g.Initializer($"{at}.bias", l.Bias.Value));
                    g.Node("Gemm", inputs, [output], at, Attr.Int("transB", 1));
                }
                else
                {
                    // (…, in) @ (in, out): MatMul broadcasts the leading dims as torch's linear does.
                    string mm = l.Bias is null ? output : $"{at}.matmul";
                    g.Node("MatMul", [input, g.Initializer($"{at}.weight_t", l.Weight.Value.Transpose(0, 1))], [mm], $"{at}.matmul");
                    if (l.Bias is not null) g.Node("Add", [mm, g.Initializer($"{at}.bias", l.Bias.Value)], [output], $"{at}.add");
                }

                break;
            case Conv2d c:
                {
                    var inputs = new List<string> { input, g.Initializer($"{at}.weight", c.Weight.Value) };
                    if (c.Bias is not null) inputs.Add(g.Initializer($"{at}.bias", c.Bias.Value));
                    g.Node("Conv", inputs, [output], at,
                        Attr.Ints("kernel_shape", c.KernelSize), Attr.Ints("strides", c.Stride), Attr.Ints("pads", Pads(c.Padding)),
                        Attr.Ints("dilations", c.Dilation), Attr.Int("group", c.Groups));
                    break;
                }

            case MaxPool2d p:
                g.Node("MaxPool", [input], [output], at, Attr.Ints("kernel_shape", p.KernelSize), Attr.Ints("strides", p.Stride),
                    Attr.Ints("pads", Pads(p.Padding)), Attr.Ints("dilations", p.Dilation));
                break;
            case AvgPool2d p:
                g.Node("AveragePool", [input], [output], at, Attr.Ints("kernel_shape", p.KernelSize), Attr.Ints("strides", p.Stride),
                    Attr.Ints("pads", Pads(p.Padding)), Attr.Int("count_include_pad", p.CountIncludePad ? 1 : 0));
                break;
            case AdaptiveAvgPool2d a:
                {
                    int h = inShape[^2], w = inShape[^1], oh = a.OutputSize[0], ow = a.OutputSize[1];
                    if (oh == 1 && ow == 1)
                    {
                        g.Node("GlobalAveragePool", [input], [output], at);
                    }
                    else if (h % oh == 0 && w % ow == 0)
                    {
                        // Equal windows: adaptive pooling is a plain average pool with kernel = stride = in / out.
                        int[] k = [h / oh, w / ow];
                        g.Node("AveragePool", [input], [output], at, Attr.Ints("kernel_shape", k), Attr.Ints("strides", k));
                    }
                    else
                    {
                        throw new NotSupportedException($"onnx export: {at} AdaptiveAvgPool2d from {h}x{w} to {oh}x{ow}: only output sizes that divide the input have an ONNX form");
                    }

                    break;
                }

            case BatchNorm b:
                {
                    if (b.RunningMean is null || b.RunningVar is null)
                    {
                        throw new NotSupportedException($"onnx export: {at} {b.GetType().Name} has track_running_stats=False, so eval mode uses batch statistics, which ONNX's BatchNormalization cannot express");
                    }

                    int c = b.NumFeatures;
                    var scale = b.Weight?.Value ?? Tensor.Ones([c]);
                    var shift = b.Bias?.Value ?? Tensor.Zeros([c]);
                    g.Node("BatchNormalization",
                        [input, g.Initializer($"{at}.weight", scale), g.Initializer($"{at}.bias", shift), g.Initializer($"{at}.running_mean", b.RunningMean.Value), g.Initializer($"{at}.running_var", b.RunningVar.Value)],
                        [output], at, Attr.Float("epsilon", (float)b.Eps));
                    break;
                }

            case Dropout or Identity:
                g.Node("Identity", [input], [output], at);
                break;
            case Flatten f:
                {
                    int rank = inShape.Length;
                    int start = f.StartDim < 0 ? f.StartDim + rank : f.StartDim, end = f.EndDim < 0 ? f.EndDim + rank : f.EndDim;
                    if (start == 1 && end == rank - 1)
                    {
                        g.Node("Flatten", [input], [output], at, Attr.Int("axis", 1));
                    }
                    else if (start >= 1)
                    {
                        // 0 copies a dim (the dynamic batch); -1 takes what the flattened range holds.
                        long[] shape = [.. Enumerable.Repeat(0L, start), -1, .. inShape[(end + 1)..].Select(d => (long)d)];
                        g.Node("Reshape", [input, g.Int64Initializer($"{at}.shape", shape)], [output], at);
                    }
                    else
                    {
                        throw new NotSupportedException($"onnx export: {at} Flatten(start_dim={f.StartDim}) folds the batch dimension, which a dynamic-batch graph cannot do");
                    }

                    break;
                }

            case Relu:
                g.Node("Relu", [input], [output], at);
                break;
            case Sigmoid:
                g.Node("Sigmoid", [input], [output], at);
                break;
            case Tanh:
                g.Node("Tanh", [input], [output], at);
                break;
            case LeakyRelu r:
                g.Node("LeakyRelu", [input], [output], at, Attr.Float("alpha", (float)r.NegativeSlope));
                break;
            case Silu:
                // silu(x) = x * sigmoid(x)
                g.Node("Sigmoid", [input], [$"{at}.sigmoid"], $"{at}.sigmoid");
                g.Node("Mul", [input, $"{at}.sigmoid"], [output], at);
                break;
            case Gelu gelu when gelu.Approximate == "none":
                {
                    // gelu(x) = x * 0.5 * (1 + erf(x / sqrt 2)); opset 13 has Erf but not Gelu.
                    g.Node("Div", [input, g.Initializer($"{at}.sqrt2", Tensor.FromArray([MathF.Sqrt(2f)], 1))], [$"{at}.div"], $"{at}.div");
                    g.Node("Erf", [$"{at}.div"], [$"{at}.erf"], $"{at}.erf");
                    g.Node("Add", [$"{at}.erf", g.Initializer($"{at}.one", Tensor.FromArray([1f], 1))], [$"{at}.add"], $"{at}.add");
                    g.Node("Mul", [input, $"{at}.add"], [$"{at}.mul"], $"{at}.mul");
                    g.Node("Mul", [$"{at}.mul", g.Initializer($"{at}.half", Tensor.FromArray([0.5f], 1))], [output], at);
                    break;
                }

            case Softmax s:
                g.Node("Softmax", [input], [output], at, Attr.Int("axis", s.Dim));
                break;
            case LogSoftmax s:
                g.Node("LogSoftmax", [input], [output], at, Attr.Int("axis", s.Dim));
                break;
            default:
                throw new NotSupportedException($"onnx export: {at} is a {layer.GetType().Name}{(layer is Gelu ? " with approximate='tanh'" : string.Empty)}, which has no ONNX form here (supported: Linear, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, BatchNorm1d/2d, Dropout, Flatten, Identity, Relu, LeakyRelu, Sigmoid, Tanh, Silu, Gelu, Softmax, LogSoftmax, Sequential)");
        }

        return output;
    }

    // ONNX pads are [top, left, bottom, right]; torch pads both sides of each dim by the same amount.
    private static int[] Pads(int[] padding) => [padding[0], padding[1], padding[0], padding[1]];

    private static ProtoWriter ValueInfo(string name, int[] shape)
    {
        var dims = new ProtoWriter();
        foreach (int d in shape)
        {
            var dim = new ProtoWriter();
            if (d < 0) dim.String(2, "N");
            else dim.Int(1, d);
            dims.Message(1, dim);
        }

        var tensorType = new ProtoWriter().Int(1, FloatType).Message(2, dims);
        var type = new ProtoWriter().Message(1, tensorType);
        return new ProtoWriter().String(1, name).Message(2, type);
    }

    private sealed class GraphBuilder
    {
        public List<ProtoWriter> Nodes { get; } = [];

        public List<ProtoWriter> Initializers { get; } = [];

        public void Node(string op, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string name, params ProtoWriter[] attributes)
        {
            var n = new ProtoWriter();
            foreach (var i in inputs) n.String(1, i);
            foreach (var o in outputs) n.String(2, o);
            n.String(3, name);
            n.String(4, op);
            foreach (var a in attributes) n.Message(5, a);
            Nodes.Add(n);
        }

        /// <summary>Adds <paramref name="value"/> as a float32 initializer (raw little-endian bytes); returns its name.</summary>
        public string Initializer(string name, Tensor value)
        {
            var data = value.Detach().Contiguous().To(DType.Float32).ToArray<float>();
            var t = new ProtoWriter().PackedInts(1, value.ShapeArray().Select(d => (long)d)).Int(2, FloatType).String(8, name);
            t.Bytes(9, MemoryMarshal.AsBytes(data.AsSpan()));
            Initializers.Add(t);
            return name;
        }

        public string Int64Initializer(string name, long[] values)
        {
            var t = new ProtoWriter().PackedInts(1, [values.Length]).Int(2, Int64Type).String(8, name);
            t.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
            Initializers.Add(t);
            return name;
        }
    }

    private static class Attr
    {
        // AttributeProto: name = 1, f = 2, i = 3, ints = 8, type = 20 (FLOAT 1, INT 2, INTS 7).
        public static ProtoWriter Int(string name, long value) => new ProtoWriter().String(1, name).Int(3, value).Int(20, 2);

        public static ProtoWriter Float(string name, float value) => new ProtoWriter().String(1, name).Float(2, value).Int(20, 1);

        public static ProtoWriter Ints(string name, int[] values) => new ProtoWriter().String(1, name).PackedInts(8, values.Select(v => (long)v)).Int(20, 7);
    }
}
