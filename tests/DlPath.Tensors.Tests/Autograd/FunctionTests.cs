using DlPath.Tensors.Autograd;

namespace DlPath.Tensors.Tests.Autograd;

/// <summary>The public custom-function API: user-written forward/backward plugged into the engine.</summary>
public class FunctionTests
{
    private static Tensor X(params int[] shape)
    {
        var data = new double[ShapeUtil.Numel(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = Math.Cos(i * 0.9) * 0.8;
        return Tensor.FromArray(data, shape);
    }

    [Fact]
    public void CustomExpPassesGradCheckAndComposesWithBuiltIns()
    {
        var r = GradCheck.Check(x => (MyExp.Apply(x[0] * x[1]) + x[1]).Sum(1) * 2.0, [X(3, 4), X(4)]);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void CustomLinearPassesGradCheck()
    {
        var r = GradCheck.Check(x => MyLinear.Apply(x[0], x[1], x[2]).MatMul(x[3]), [X(5, 3), X(4, 3), X(4), X(4, 2)]);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void WrongBackwardFailsGradCheck()
    {
        var r = GradCheck.Check(x => WrongSquare.Apply(x[0]), [X(2, 3)]);
        Assert.False(r.Passed);
        Assert.InRange(r.RelativeError, 0.3, 0.34); // analytic x vs numeric 2x: |x - 2x| / (|x| + |2x|) = 1/3
    }

    [Fact]
    public void GraphNodeIsNamedAfterTheFunctionAndChecksSavedVersions()
    {
        var x = X(3).RequireGrad();
        var y = MyLinear.Apply(x.Unsqueeze(0), X(2, 3), X(2));
        Assert.Equal("MyLinearBackward", y.GradFn!.Name);
        Assert.Same(x, y.GradFn.Inputs[0].GradFn!.Inputs[0]);

        // MyLinear saves its input; changing that tensor in place before backward must be caught.
        var h = Tensor.FromArray(new double[] { 1, 2 }).RequireGrad() * 1.0;
        var w = MyLinear.Apply(h.Unsqueeze(0), X(1, 2), X(1));
        h.MulInPlace(2);
        var ex = Assert.Throws<InvalidOperationException>(() => w.Sum().Backward());
        Assert.Contains("modified by an in-place operation", ex.Message);
    }

    [Fact]
    public void ForwardRunsWithoutRecordingAndIdentityKeepsInputsIntact()
    {
        var x = X(2).RequireGrad();
        var y = Identity.Apply(x);
        Assert.NotSame(x, y);
        Assert.True(x.IsLeaf);
        Assert.True(y.SharesStorageWith(x));
        (y * 3.0).Sum().Backward();
        Assert.Equal(new double[] { 3, 3 }, x.Grad!.ToArray<double>());

        using (Tensor.NoGrad())
        {
            Assert.Null(MyExp.Apply(x).GradFn);
        }

        Assert.Null(MyExp.Apply(X(2)).GradFn);
    }

    [Fact]
    public void InstancesCarrySettings()
    {
        var scale = new Scale { Factor = -2.5 };
        var r = GradCheck.Check(x => scale.Invoke(x[0]) * x[0], [X(4)]);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal(new double[] { -2.5 * 0.8 }, scale.Invoke(X(1)).ToArray<double>());
    }

    [Fact]
    public void BackwardWithTheWrongShapeIsReported()
    {
        var x = X(2, 3).RequireGrad();
        var e = Assert.Throws<ShapeException>(() => BadShape.Apply(x).Sum().Backward());
        Assert.Contains("BadShapeBackward: Backward returned a gradient of shape (3) for input 0 of shape (2,3)", e.Message);
    }
}
