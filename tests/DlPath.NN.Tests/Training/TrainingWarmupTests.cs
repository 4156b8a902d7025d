using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

public sealed class TrainingWarmupTests
{
    [Fact]
    public async Task Takes_the_given_number_of_steps_on_the_model_it_builds()
    {
        Sequential? built = null;
        Adam? adam = null;
        float[]? initialBias = null;
        await TrainingWarmup.Start(
            () =>
            {
                built = new Sequential(new Flatten(), new Linear(12, 5, generator: new Generator(3)), new Relu(), new Linear(5, 3, generator: new Generator(4)));
                initialBias = built.StateDict()["3.bias"].ToArray<float>();
                return built;
            },
            [4, 1, 3, 4],
            p => adam = new Adam(p, 1e-2),
            steps: 3);

        Assert.NotNull(built);
        Assert.NotNull(adam);

        // Every parameter has Adam state of three steps; the last bias moved (a zero batch still has a loss gradient there).
        var state = adam.StateDict().State;
        Assert.Equal(4, state.Count);
        Assert.All(state.Values, s => Assert.Equal(3.0, s["step"].To(DType.Float64).ToArray<double>()[0]));
        Assert.NotEqual(initialBias, built.StateDict()["3.bias"].ToArray<float>());
    }

    [Fact]
    public async Task Runs_the_model_in_training_mode_on_a_zero_batch_of_the_given_shape()
    {
        var probe = new ShapeProbe();
        await TrainingWarmup.Start(() => new Sequential(probe, new Flatten(), new Linear(6, 2, generator: new Generator(0))), [5, 2, 3], p => new Sgd(p, 0.1));

        Assert.Equal([5, 2, 3], probe.Shape);
        Assert.True(probe.WasTraining);
        Assert.True(probe.AllZero);
    }

    [Fact]
    public async Task Fails_with_the_error_the_first_real_step_would_raise()
    {
        static Module Build() => new Sequential(new Flatten(), new Linear(7, 2, generator: new Generator(0)));
        var direct = Assert.ThrowsAny<Exception>(() => Build().Call(Tensor.Zeros(4, 1, 2, 3)));

        var warmup = TrainingWarmup.Start(Build, [4, 1, 2, 3], p => new Adam(p));
        var fromWarmup = await Assert.ThrowsAnyAsync<Exception>(() => warmup);
        Assert.Equal(direct.GetType(), fromWarmup.GetType());
        Assert.Equal(direct.Message, fromWarmup.Message);
    }

    [Theory]
    [InlineData(new int[0], 1)]
    [InlineData(new[] { 0, 4 }, 1)]
    [InlineData(new[] { 4, -1 }, 1)]
    [InlineData(new[] { 4, 2 }, 0)]
    public void Refuses_a_shape_without_a_batch_or_fewer_than_one_step(int[] shape, int steps)
    {
        // Thrown by Start itself, before any thread is involved.
        var e = Assert.ThrowsAny<ArgumentException>(() => { _ = TrainingWarmup.Start(() => new Linear(2, 2), shape, p => new Adam(p), steps); });
        Assert.Contains(steps < 1 ? "steps" : "shape", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Passes its input through and records what it saw.</summary>
    private sealed class ShapeProbe : Module
    {
        public int[] Shape { get; private set; } = [];

        public bool WasTraining { get; private set; }

        public bool AllZero { get; private set; }

        public override Tensor Forward(Tensor input)
        {
            Shape = input.ShapeArray();
            WasTraining = Training;
            AllZero = input.ToArray<float>().All(v => v == 0f);
            return input;
        }
    }
}
