namespace DlPath.Tensors.Tests.Core;

/// <summary>The engine tour of README.md, run as written, so the README cannot drift from the API.</summary>
[Collection(nameof(Generators.DefaultGeneratorCollection))]
public class ReadmeTourTests
{
    [Fact]
    public void TourRunsAndAnSgdStepLowersTheLoss()
    {
        Tensor.ManualSeed(0);
        var x = Tensor.Randn([64, 784]);
        var y = Tensor.RandInt(0, 10, [64]);
        var w = (Tensor.Randn([784, 10]) * 0.01).RequireGrad();
        var b = Tensor.Zeros([10]).RequireGrad();

        var logits = x.MatMul(w) + b;
        var loss = -logits.LogSoftmax(dim: 1).Gather(1, y.Unsqueeze(1)).Mean();
        loss.Backward();

        using (Tensor.NoGrad())
        {
            w.SubInPlace(w.Grad! * 0.1);
        }

        string row = logits[0, ..3].ToString();
        Assert.StartsWith("tensor([", row);
        Assert.EndsWith("grad_fn=<SliceBackward>)", row);
        Assert.Equal([784, 10], w.Grad!.ShapeArray());
        Assert.Equal([10], b.Grad!.ShapeArray());

        var after = -(x.MatMul(w) + b).LogSoftmax(dim: 1).Gather(1, y.Unsqueeze(1)).Mean();
        Assert.True(after.Item<float>() < loss.Item<float>(), $"loss went from {loss.Item<float>()} to {after.Item<float>()}");
    }
}
