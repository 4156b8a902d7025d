using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

public sealed class LRFinderTests
{
    [Fact]
    public void Sweep_grows_exponentially_stops_on_divergence_and_restores_everything()
    {
        // Least squares: plain gradient descent diverges exponentially once lr passes 2 / (largest curvature).
        var g = new Generator(0);
        var x = Tensor.Randn([64, 2], generator: g);
        var y = (x.Select(1, 0) * 2 - x.Select(1, 1)).Unsqueeze(1);
        var model = new Sequential(new Linear(2, 1, generator: g));
        var optimizer = new Sgd(model.Parameters(), lr: 0.05, momentum: 0.9);
        var data = new DataLoader(new TensorDataset(x, y), batchSize: 16, shuffle: true, generator: g);
        // One real epoch first, so the optimizer has momentum state to restore.
        model.Fit(data, optimizer, new MseLoss(), epochs: 1);
        var before = ToyProblems.Weights(model);
        var stateBefore = optimizer.StateDict();
        model.Eval();

        var result = LRFinder.Run(model, data, optimizer, new MseLoss(), startLr: 1e-4, endLr: 1e4, iterations: 100);

        Assert.Equal(1e-4, result.LearningRates[0], 12);
        for (int i = 1; i < result.LearningRates.Count; i++)
        {
            Assert.Equal(Math.Pow(1e8, 0.01), result.LearningRates[i] / result.LearningRates[i - 1], 9);
        }

        // The sweep stops at 4x the best smoothed loss, long before lr = 1e4.
        Assert.True(result.Diverged);
        Assert.True(result.LearningRates.Count < 100);
        double best = result.SmoothedLosses.Min();
        Assert.True(result.SmoothedLosses[^1] > 4 * best || double.IsNaN(result.SmoothedLosses[^1]));
        Assert.Equal(result.Losses[0], result.SmoothedLosses[0], 12);
        Assert.InRange(result.Steepest, 1e-4, 1e2);
        Assert.InRange(result.MinimumOver10, 1e-5, 1e2);

        ToyProblems.AssertSameWeights(before, ToyProblems.Weights(model));
        Assert.False(model.Training);
        Assert.Equal(0.05, optimizer.ParamGroups[0].Lr);
        var stateAfter = optimizer.StateDict();
        foreach (var (index, entries) in stateBefore.State)
        {
            foreach (var (name, t) in entries) Assert.Equal(t.ToArray<float>(), stateAfter.State[index][name].ToArray<float>());
        }
    }

    [Fact]
    public void Suggestions_follow_fastai()
    {
        // A curve that is flat, falls fastest between points 40 and 41, bottoms out at 60 and rises.
        var lrs = Enumerable.Range(0, 100).Select(i => 1e-6 * Math.Pow(10, i / 10.0)).ToArray();
        var losses = Enumerable.Range(0, 100).Select(i => i < 40 ? 2.0 : i == 40 ? 1.9 : i <= 60 ? 1.0 - (i * 0.001) : 1.0 + ((i - 60) * 0.1)).ToArray();
        var (steepest, minimum) = LRFinder.Suggest(lrs, losses);
        Assert.Equal(lrs[40], steepest, 15);
        Assert.Equal(lrs[60] / 10, minimum, 15);
    }
}
