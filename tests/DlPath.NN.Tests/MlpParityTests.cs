using System.Text.Json;
using DlPath.Tensors;

namespace DlPath.NN.Tests;

/// <summary>
/// The parity test of issue 4: the Fashion-MNIST MLP of shared/bench/torch_fmnist.py, from PyTorch's initial weights
/// (a safetensors file written by the golden script), trained 50 Adam steps (lr 1e-3, batch 128) on batches both
/// sides draw from a generator seeded 1234, gives PyTorch's loss at every step to 1e-4 relative.
/// </summary>
public sealed class MlpParityTests
{
    [Fact]
    public void Fifty_adam_steps_match_pytorch_losses()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "golden");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "mlp_parity.json")));
        var expected = doc.RootElement.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var model = new Sequential(new Flatten(), new Linear(784, 256), new Relu(), new Linear(256, 128), new Relu(), new Linear(128, 10));
        Checkpoint.Load(Path.Combine(dir, "mlp_init.safetensors"), model);
        var opt = new Adam(model.Parameters(), lr: 1e-3);
        var loss = new CrossEntropyLoss();
        var g = new Generator((ulong)doc.RootElement.GetProperty("batch_seed").GetInt32());
        for (int step = 0; step < expected.Length; step++)
        {
            var xb = Tensor.Rand([128, 1, 28, 28], DType.Float32, g);
            var yb = Tensor.RandInt(0, 10, [128], g);
            opt.ZeroGrad();
            var l = loss.Call(model.Call(xb), yb);
            l.Backward();
            opt.Step();
            double rel = Math.Abs(l.Item() - expected[step]) / Math.Abs(expected[step]);
            Assert.True(rel <= 1e-4, $"step {step}: loss {l.Item():R}, PyTorch {expected[step]:R} (relative difference {rel:E2})");
        }
    }
}
