using System.Text;
using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dlpath-nn-tests-" + Guid.NewGuid().ToString("N"));

    public CheckpointTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Mlp(ulong seed) => new(new Flatten(), new Linear(784, 256, generator: new Generator(seed)), new Relu(), new Linear(256, 128, generator: new Generator(seed + 1)), new Relu(), new Linear(128, 10, generator: new Generator(seed + 2)));

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "golden", name);

    [Fact]
    public void Safetensors_round_trips_every_dtype_and_metadata()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.Randn([2, 3], DType.Float32, new Generator(1)),
            ["f64"] = Tensor.Randn([4], DType.Float64, new Generator(2)),
            ["i64"] = Tensor.FromArray(new long[] { -1, 5, long.MaxValue }),
            ["bool"] = Tensor.FromArray(new[] { true, false, true }),
            ["scalar"] = Tensor.Scalar(3.5),
            ["view"] = Tensor.Arange(0, 6, 1, DType.Float32).Reshape(2, 3).T,
        };
        var bytes = SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["epoch"] = "3" });
        ulong headerLength = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, (headerLength + 8) % 8);
        var back = SafeTensors.Deserialize(bytes);
        Assert.Equal("3", back.Metadata["epoch"]);
        Assert.Equal(tensors.Keys, back.Tensors.Keys);
        foreach (var (k, t) in tensors)
        {
            Assert.Equal(t.DType, back.Tensors[k].DType);
            Assert.Equal(t.ShapeArray(), back.Tensors[k].ShapeArray());
            Assert.Equal(t.ToArray<double>(), back.Tensors[k].ToArray<double>());
        }
    }

    [Fact]
    public void Safetensors_reports_corrupt_files()
    {
        Assert.Throws<InvalidDataException>(() => SafeTensors.Deserialize(new byte[4]));
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["w"] = Tensor.Zeros(4) });
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Deserialize(bytes.AsSpan(0, bytes.Length - 4), "broken.safetensors"));
        Assert.Contains("'w'", e.Message);
        string header = "{\"w\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        var f16 = BitConverter.GetBytes((ulong)header.Length).Concat(Encoding.UTF8.GetBytes(header)).Concat(new byte[2]).ToArray();
        Assert.Contains("F16", Assert.Throws<InvalidDataException>(() => SafeTensors.Deserialize(f16)).Message);
    }

    [Fact]
    public void Checkpoint_saves_weights_optimizer_state_and_metadata_atomically()
    {
        var model = Mlp(1);
        var opt = new Adam(model.Parameters());
        var x = Tensor.Rand([4, 1, 28, 28], DType.Float32, new Generator(5));
        var y = Tensor.FromArray(new long[] { 1, 2, 3, 4 });
        for (int i = 0; i < 2; i++)
        {
            opt.ZeroGrad();
            Functional.CrossEntropy(model.Call(x), y).Backward();
            opt.Step();
        }

        string path = Path.Combine(_dir, "ckpt.safetensors");
        Checkpoint.Save(path, model, opt, new Dictionary<string, string> { ["epoch"] = "2" });
        Checkpoint.Save(path, model, opt, new Dictionary<string, string> { ["epoch"] = "2" }); // overwrite in place
        Assert.Equal(["ckpt.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));

        var restored = Mlp(7);
        var restoredOpt = new Adam(restored.Parameters());
        var meta = Checkpoint.Load(path, restored, restoredOpt);
        Assert.Equal("2", meta["epoch"]);
        Assert.Equal(model.Call(x).ToArray<float>(), restored.Call(x).ToArray<float>());
        var sdA = opt.StateDict();
        var sdB = restoredOpt.StateDict();
        Assert.Equal(sdA.State.Keys.Order(), sdB.State.Keys.Order());
        Assert.Equal(sdA.State[0]["exp_avg_sq"].ToArray<float>(), sdB.State[0]["exp_avg_sq"].ToArray<float>());
        Assert.Equal(2.0, sdB.State[5]["step"].Item());
    }

    [Fact]
    public void Loading_names_the_tensor_that_differs()
    {
        string path = Path.Combine(_dir, "m.safetensors");
        Checkpoint.Save(path, new Sequential(new Linear(4, 3), new Relu(), new Linear(3, 2)));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, new Sequential(new Linear(4, 5), new Relu(), new Linear(5, 2))));
        Assert.Contains("'0.weight'", e.Message);
        Assert.Contains("(3,4)", e.Message);
        Assert.Contains("(5,4)", e.Message);
        var missing = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, new Sequential(new Linear(4, 3), new Relu(), new Linear(3, 2), new Relu(), new Linear(2, 1))));
        Assert.Contains("'4.weight'", missing.Message);
        var extra = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, new Sequential(new Linear(4, 3))));
        Assert.Contains("'2.weight'", extra.Message);
    }

    [Fact]
    public void A_file_written_by_python_loads_and_gives_pytorchs_outputs()
    {
        var model = Mlp(99);
        var meta = Checkpoint.Load(Golden("mlp_init.safetensors"), model);
        Assert.StartsWith("torch", meta["source"]);
        var g = new Generator(1234);
        var xb = Tensor.Rand([128, 1, 28, 28], DType.Float32, g);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Golden("mlp_parity.json")));
        var expected = GoldenFile.ParseTensor(doc.RootElement.GetProperty("first_logits"))!;
        Tensor logits;
        using (Tensor.NoGrad()) logits = model.Call(xb.Narrow(0, 0, 4));
        TensorAssert.Close(expected, logits, 1e-5, 1e-6, "logits");
    }
}
