using DlPath.NN;
using DlPath.NN.Onnx;
using DlPath.Tensors;
using Microsoft.ML.OnnxRuntime;
using OrtDenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace DlPath.Web.Tests;

/// <summary>Exported ONNX files run in ONNX Runtime and agree with DlPath's own forward pass.</summary>
public sealed class OnnxExportTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Mlp_with_dropout_and_batchnorm_matches_onnx_runtime()
    {
        var g = new Generator(7);
        var model = new Sequential(
            new Flatten(),
            new Linear(784, 32, generator: g),
            new BatchNorm1d(32),
            new Relu(),
            new Dropout(0.3),
            new Linear(32, 16, generator: g),
            new LeakyRelu(0.1),
            new Linear(16, 10, generator: g),
            new LogSoftmax(1));
        RandomiseStatistics(model, g);
        AssertAgrees(model, [1, 28, 28], batch: 5);
    }

    [Fact]
    public void Cnn_with_every_layer_kind_matches_onnx_runtime()
    {
        var g = new Generator(11);
        var model = new Sequential(
            new Conv2d(1, 6, 3, padding: 1, generator: g),
            new BatchNorm2d(6),
            new Relu(),
            new MaxPool2d(2),
            new Sequential(new Conv2d(6, 8, [3, 3], stride: [2, 2], padding: [1, 1], generator: g), new Tanh()),
            new AvgPool2d(2, stride: 1),
            new AdaptiveAvgPool2d(2, 2),
            new Sigmoid(),
            new Flatten(),
            new Dropout(),
            new Linear(32, 12, generator: g),
            new Silu(),
            new Linear(12, 10, generator: g),
            new Gelu(),
            new Identity(),
            new Softmax(1));
        RandomiseStatistics(model, g);
        AssertAgrees(model, [1, 28, 28], batch: 3);
    }

    [Fact]
    public void Linear_on_3d_input_and_global_pooling_export()
    {
        var g = new Generator(3);
        var model = new Sequential(
            new Conv2d(2, 4, 3, generator: g),
            new AdaptiveAvgPool2d(1),
            new Flatten(2),
            new Linear(1, 5, generator: g));
        AssertAgrees(model, [2, 8, 8], batch: 2);
    }

    [Fact]
    public void Checkpoint_round_trip_exports_the_saved_weights()
    {
        string dir = Directory.CreateTempSubdirectory("dlpath-onnx-").FullName;
        try
        {
            var model = TestModels.Cnn();
            string path = Path.Combine(dir, "cnn.safetensors");
            SequentialCheckpoint.Save(path, model, [1, 28, 28]);
            var loaded = SequentialCheckpoint.Load(path);
            Assert.Equal([1, 28, 28], loaded.InputShape);
            Assert.Equal("Ankle boot", loaded.Labels[9]);
            string onnx = Path.Combine(dir, "cnn.onnx");
            OnnxExporter.Save(onnx, loaded.Model, loaded.InputShape);
            // The file's outputs must match the original model, not only the reloaded one.
            AssertAgrees(model, [1, 28, 28], batch: 4, File.ReadAllBytes(onnx));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void Trainer_checkpoints_with_a_model_name_load_and_export(string name)
    {
        // What `dlpath train fashion-mnist` writes: the state dict plus metadata model=mlp|cnn, no architecture.
        string path = Path.Combine(Path.GetTempPath(), $"dlpath-trained-{Guid.NewGuid():N}.safetensors");
        try
        {
            var trained = FashionMnistModels.Create(name, new Generator(5));
            Checkpoint.Save(path, trained, metadata: new Dictionary<string, string> { ["model"] = name });
            var loaded = SequentialCheckpoint.Load(path);
            Assert.Equal([1, 28, 28], loaded.InputShape);
            AssertAgrees(trained, loaded.InputShape, batch: 2, OnnxExporter.Export(loaded.Model, loaded.InputShape));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unsupported_layer_is_named_in_the_error()
    {
        var model = new Sequential(new Flatten(), new Linear(4, 4), new LayerNorm([4]));
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(model, [4]));
        Assert.Contains("model.2 is a LayerNorm", e.Message);
    }

    [Fact]
    public void Checkpoint_without_architecture_is_refused_with_a_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dlpath-bare-{Guid.NewGuid():N}.safetensors");
        try
        {
            Checkpoint.Save(path, TestModels.Mlp());
            var e = Assert.Throws<InvalidDataException>(() => SequentialCheckpoint.Load(path));
            Assert.Contains("no 'architecture' metadata", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Architecture_json_round_trips()
    {
        var model = new Sequential(new Conv2d(1, 2, 3, stride: 2, padding: 1, bias: false), new BatchNorm2d(2, eps: 1e-3, momentum: null), new Relu(), new Flatten(), new Dropout(0.25));
        string json = SequentialSpec.Describe(model);
        Assert.Equal(json, SequentialSpec.Describe(SequentialSpec.Build(json)));
        var bad = Assert.Throws<InvalidDataException>(() => SequentialSpec.Build("""[{"type":"Linear","in":3}]"""));
        Assert.Contains("model.0", bad.Message);
        Assert.Contains("out", bad.Message);
    }

    private static void RandomiseStatistics(Module model, Generator g)
    {
        // Fresh BatchNorm has mean 0 / var 1, which would hide a mixed-up input order in the exported node.
        foreach (var m in model.Modules().OfType<BatchNorm>())
        {
            m.RunningMean!.Value.CopyFrom((Tensor.Randn([m.NumFeatures], generator: g) * 0.1));
            m.RunningVar!.Value.CopyFrom((Tensor.Rand([m.NumFeatures], generator: g) + 0.5));
            m.Weight!.Value.CopyFrom((Tensor.Rand([m.NumFeatures], generator: g) + 0.5));
            m.Bias!.Value.CopyFrom((Tensor.Randn([m.NumFeatures], generator: g) * 0.1));
        }
    }

    private static void AssertAgrees(Sequential model, int[] inputShape, int batch, byte[]? onnx = null)
    {
        onnx ??= OnnxExporter.Export(model, inputShape);
        var x = Tensor.Rand([batch, .. inputShape], generator: new Generator(99));
        float[] expected;
        model.Eval();
        using (Tensor.NoGrad()) expected = model.Call(x).ToArray<float>();

        using var session = new InferenceSession(onnx);
        var input = new OrtDenseTensor(x.ToArray<float>(), [batch, .. inputShape]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        float maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= Tolerance, $"max |DlPath - ONNX Runtime| = {maxDiff:E2} > {Tolerance:E0}");
    }
}
