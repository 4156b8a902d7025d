using DlPath.Tensors;

namespace DlPath.NN.Tests;

public sealed class ModuleTests
{
    private sealed class Block : Module
    {
        private readonly Conv2d _conv = new(1, 2, 3, generator: new Generator(1));
        private readonly BatchNorm2d _bn = new(2);

        public Parameter Scale { get; } = new(Tensor.Ones([1]));

        public override Tensor Forward(Tensor x) => _bn.Call(_conv.Call(x)) * Scale;
    }

    private sealed class Net : Module
    {
        public Sequential Features { get; } = new(new Block(), new Relu(), new MaxPool2d(2));

        public Linear Head { get; } = new(2 * 2 * 2, 3, generator: new Generator(2));

        public ModuleList Extras { get; } = new(new Linear(3, 3, generator: new Generator(3)), new Identity());

        public override Tensor Forward(Tensor x)
        {
            var y = Head.Call(Features.Call(x).Flatten(1));
            foreach (var m in Extras) y = m.Call(y);
            return y;
        }
    }

    [Fact]
    public void Parameters_and_buffers_get_torch_style_hierarchical_names()
    {
        var net = new Net();
        Assert.Equal(
            ["features.0.scale", "features.0.conv.weight", "features.0.conv.bias", "features.0.bn.weight", "features.0.bn.bias", "head.weight", "head.bias", "extras.0.weight", "extras.0.bias"],
            net.NamedParameters().Select(p => p.Name));
        Assert.Equal(["features.0.bn.running_mean", "features.0.bn.running_var", "features.0.bn.num_batches_tracked"], net.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["features", "head", "extras"], net.NamedChildren().Select(c => c.Name));
        Assert.Equal(12, net.StateDict().Count);
        Assert.Equal(["", "features", "features.0", "features.0.conv", "features.0.bn", "features.1", "features.2", "head", "extras", "extras.0", "extras.1"], net.NamedModules().Select(m => m.Name));
    }

    [Fact]
    public void State_dict_of_a_sequential_cnn_has_torch_keys()
    {
        var cnn = new Sequential(new Conv2d(1, 32, 3, padding: 1), new Relu(), new MaxPool2d(2), new Conv2d(32, 64, 3, padding: 1), new Relu(), new MaxPool2d(2), new Flatten(), new Linear(64 * 7 * 7, 128), new Relu(), new Linear(128, 10));
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"], cnn.StateDict().Keys);
        Assert.Equal(421642, cnn.ParameterCount());
    }

    [Fact]
    public void Load_state_dict_names_missing_unexpected_and_mis_shaped_keys()
    {
        var a = new Sequential(new Linear(4, 3), new Relu(), new Linear(3, 2));
        var sd = new Dictionary<string, Tensor>(a.StateDict());
        sd.Remove("2.bias");
        sd["2.extra"] = Tensor.Zeros(1);
        var e = Assert.Throws<InvalidOperationException>(() => a.LoadStateDict(sd));
        Assert.Contains("Missing key(s): '2.bias'", e.Message);
        Assert.Contains("Unexpected key(s): '2.extra'", e.Message);

        var loose = a.LoadStateDict(sd, strict: false);
        Assert.Equal(["2.bias"], loose.MissingKeys);
        Assert.Equal(["2.extra"], loose.UnexpectedKeys);

        sd = new Dictionary<string, Tensor>(a.StateDict()) { ["0.weight"] = Tensor.Zeros(3, 5) };
        var s = Assert.Throws<ShapeException>(() => a.LoadStateDict(sd));
        Assert.Contains("'0.weight'", s.Message);
        Assert.Contains("(3,5)", s.Message);
        Assert.Contains("(3,4)", s.Message);
    }

    [Fact]
    public void State_dict_shares_storage_and_load_copies_values()
    {
        var a = new Linear(3, 2);
        var b = new Linear(3, 2);
        Assert.True(a.StateDict()["weight"].SharesStorageWith(a.Weight.Value));
        b.LoadStateDict(a.StateDict());
        Assert.Equal(a.Weight.Value.ToArray<float>(), b.Weight.Value.ToArray<float>());
        Assert.False(b.Weight.Value.SharesStorageWith(a.Weight.Value));
        Assert.True(b.Weight.RequiresGrad);
    }

    [Fact]
    public void ZeroGrad_sets_gradients_to_null_by_default_or_zero_fills()
    {
        var m = new Linear(3, 2);
        Functional.MseLoss(m.Call(Tensor.Ones(4, 3)), Tensor.Zeros(4, 2)).Backward();
        Assert.NotNull(m.Weight.Grad);
        var grad = m.Weight.Grad!;
        m.ZeroGrad(setToNone: false);
        Assert.Same(grad, m.Weight.Grad);
        Assert.All(grad.ToArray<float>(), v => Assert.Equal(0f, v));
        m.ZeroGrad();
        Assert.Null(m.Weight.Grad);
        Assert.Null(m.Bias!.Grad);
    }

    [Fact]
    public void Train_and_eval_reach_every_module_and_switch_dropout()
    {
        var net = new Net();
        net.Eval();
        Assert.All(net.Modules(), m => Assert.False(m.Training));
        net.Train();
        Assert.All(net.Modules(), m => Assert.True(m.Training));

        var drop = new Sequential(new Dropout(0.5, new Generator(1)));
        var x = Tensor.Ones(100);
        var y = drop.Call(x).ToArray<float>();
        Assert.All(y, v => Assert.True(v == 0f || v == 2f));
        Assert.Contains(0f, y);
        drop.Eval();
        Assert.Same(x, drop.Call(x));
    }

    [Fact]
    public void Apply_visits_children_before_parents_and_can_reinitialise()
    {
        var net = new Net();
        var order = new List<string>();
        net.Apply(m => order.Add(m.GetType().Name));
        Assert.Equal("Net", order[^1]);
        Assert.True(order.IndexOf("Conv2d") < order.IndexOf("Block"));
        net.Apply(m =>
        {
            if (m is Linear l) Init.Zeros(l.Weight);
        });
        Assert.All(net.Head.Weight.Value.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void To_float64_converts_parameters_and_floating_buffers_only()
    {
        var bn = new BatchNorm1d(3);
        bn.To(DType.Float64);
        Assert.Equal(DType.Float64, bn.Weight!.DType);
        Assert.Equal(DType.Float64, bn.RunningMean!.Value.DType);
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.Value.DType);
        Assert.True(bn.Weight.RequiresGrad);
        Assert.Equal(DType.Float64, bn.Call(Tensor.Randn([4, 3], DType.Float64, new Generator(1))).DType);
    }

    [Fact]
    public void Batch_norm_counts_batches_and_uses_running_statistics_in_eval()
    {
        var bn = new BatchNorm1d(2, momentum: null);
        bn.Call(Tensor.FromArray(new float[] { 1, 10, 3, 30 }, 2, 2));
        bn.Call(Tensor.FromArray(new float[] { 5, 50, 7, 70 }, 2, 2));
        Assert.Equal(2L, bn.NumBatchesTracked!.Value.Item<long>());

        // momentum None: a cumulative average of the batch means (2 and 6), and of the unbiased variances (2 and 2).
        Assert.Equal([4f, 40f], bn.RunningMean!.Value.ToArray<float>());
        Assert.Equal([2f, 200f], bn.RunningVar!.Value.ToArray<float>());
        bn.Eval();
        var y = bn.Call(Tensor.FromArray(new float[] { 4, 40 }, 1, 2)).ToArray<float>();
        Assert.Equal(0f, y[0], 5);
        Assert.Equal(0f, y[1], 5);
    }

    [Fact]
    public void Summary_lists_layers_shapes_and_parameter_counts()
    {
        var mlp = new Sequential(new Flatten(), new Linear(784, 256), new Relu(), new Linear(256, 128), new Relu(), new Linear(128, 10));
        mlp.Train();
        string s = mlp.Summary([1, 1, 28, 28]);
        Assert.Contains("1 (Linear)", s);
        Assert.Contains("(1,256)", s);
        Assert.Contains("200,960", s);
        Assert.Contains("Total params: 235,146", s);
        Assert.Contains("Trainable params: 235,146", s);
        Assert.True(mlp.Training, "Summary restores the training mode");

        foreach (var p in mlp[1].Parameters()) p.RequiresGrad = false;
        Assert.Contains("Non-trainable params: 200,960", mlp.Summary([2, 784]));
    }

    [Fact]
    public void ToString_reads_like_pytorch()
    {
        var m = new Sequential(new Linear(4, 3), new Relu(), new Conv2d(1, 2, 3, padding: 1, bias: false));
        Assert.Equal(
            "Sequential(\n  (0): Linear(in_features=4, out_features=3, bias=True)\n  (1): Relu()\n  (2): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n)",
            m.ToString());
    }

    [Fact]
    public void Sequential_is_indexable_and_modulelist_has_no_forward()
    {
        var seq = new Sequential(new Linear(2, 2), new Relu());
        Assert.IsType<Relu>(seq[-1]);
        Assert.Equal(2, seq.Count);
        seq.Add(new Tanh());
        Assert.Equal("2", seq.NamedChildren().Last().Name);
        Assert.Throws<InvalidOperationException>(() => new ModuleList(new Relu()).Forward(Tensor.Zeros(1)));
    }

    [Fact]
    public void Forward_hooks_see_every_call_until_disposed()
    {
        var m = new Linear(2, 3);
        int calls = 0;
        using (m.RegisterForwardHook((_, _, y) => calls += y.Shape[1]))
        {
            m.Call(Tensor.Ones(1, 2));
        }

        m.Call(Tensor.Ones(1, 2));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Layer_errors_name_the_shapes()
    {
        var e = Assert.Throws<ShapeException>(() => new Linear(784, 10).Call(Tensor.Zeros(64, 128)));
        Assert.Contains("(64,128)", e.Message);
        Assert.Contains("784", e.Message);
        var c = Assert.Throws<ShapeException>(() => new Conv2d(3, 8, 3).Call(Tensor.Zeros(1, 1, 8, 8)));
        Assert.Contains("1 channels", c.Message);
        Assert.Throws<ShapeException>(() => new BatchNorm2d(3).Call(Tensor.Zeros(2, 4, 2, 2)));
        Assert.Throws<IndexOutOfRangeException>(() => new Embedding(3, 2).Call(Tensor.FromArray(new long[] { 0, 3 })));
    }

    [Fact]
    public void Embedding_padding_row_starts_at_zero_and_gets_no_gradient()
    {
        var emb = new Embedding(5, 3, paddingIdx: 1, generator: new Generator(1));
        Assert.All(emb.Weight.Value.Select(0, 1).ToArray<float>(), v => Assert.Equal(0f, v));
        emb.Call(Tensor.FromArray(new long[] { 1, 2, 1, 0 })).Sum().Backward();
        Assert.All(emb.Weight.Grad!.Select(0, 1).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(emb.Weight.Grad!.Select(0, 2).ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.Contains("padding_idx=1", emb.ToString());
    }

    private sealed class Residual(Module inner) : Module
    {
        public override Tensor Forward(Tensor x) => x + inner.Call(x);
    }

    [Fact]
    public void Modules_captured_by_a_primary_constructor_are_found()
    {
        var r = new Residual(new Linear(3, 3));
        Assert.Equal(["inner.weight", "inner.bias"], r.NamedParameters().Select(p => p.Name));
    }
}
