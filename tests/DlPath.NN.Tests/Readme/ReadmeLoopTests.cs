using DlPath.Tensors;

namespace DlPath.NN.Tests.Readme;

/// <summary>The five-line loop of README.md, as written, on a toy problem.</summary>
public class ReadmeLoopTests
{
    [Fact]
    public void FiveLineLoopTrains()
    {
        var g = new Generator(5);
        var inputs = Tensor.Randn([64, 4], generator: g);
        var labels = inputs.Sum(1).Gt(0).Long();
        var model = new Sequential(new Linear(4, 16, generator: g), new Relu(), new Linear(16, 2, generator: g));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var loader = new DataLoader(new TensorDataset(inputs, labels), batchSize: 16, shuffle: true, generator: g);
        double first = Functional.CrossEntropy(model.Call(inputs), labels).Item();
        for (int epoch = 0; epoch < 20; epoch++)
        {
            foreach (var (x, y) in loader)
            {
                optimizer.ZeroGrad();
                var loss = Functional.CrossEntropy(model.Call(x), y);
                loss.Backward();
                optimizer.Step();
            }
        }

        double last = Functional.CrossEntropy(model.Call(inputs), labels).Item();
        Assert.True(last < first / 2, $"loss went from {first} to {last}");
    }

    [Fact]
    public void ScopedLoopTrains()
    {
        var g = new Generator(5);
        var inputs = Tensor.Randn([64, 4], generator: g);
        var labels = inputs.Sum(1).Gt(0).Long();
        var model = new Sequential(new Linear(4, 16, generator: g), new Relu(), new Linear(16, 2, generator: g));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var loader = new DataLoader(new TensorDataset(inputs, labels), batchSize: 16, shuffle: true, generator: g);
        var losses = new List<double>();
        for (int epoch = 0; epoch < 20; epoch++)
        {
            foreach (var (x, y) in loader)
            {
                using var scope = Tensor.Scope();
                optimizer.ZeroGrad(setToNone: false);
                var loss = Functional.CrossEntropy(model.Call(x), y);
                loss.Backward();
                optimizer.Step();
                losses.Add(loss.Item());
            }
        }

        Assert.Equal(80, losses.Count);
        Assert.True(losses.Skip(76).Average() < losses.Take(4).Average() / 2, $"loss went from {losses[0]} to {losses[^1]}");
    }
}
