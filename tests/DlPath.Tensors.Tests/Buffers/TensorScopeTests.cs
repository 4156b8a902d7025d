using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Tests.Buffers;

/// <summary>What a <see cref="TensorScope"/> releases, what it keeps, and the errors a released tensor gives.</summary>
[Collection(TensorPoolCollection.Name)]
public class TensorScopeTests
{
    [Fact]
    public void ReleasedTensorsAndTheirViewsThrowANamedError()
    {
        Tensor t, view, transposed, row;
        using (Tensor.Scope())
        {
            t = Tensor.Ones(128, 256);
            view = t.Reshape(256, 128);
            transposed = t.T;
            row = t[3];
            Assert.False(t.IsReleased);
            Assert.Equal(128f * 256f, t.Sum().Item<float>());
        }

        Assert.True(t.IsReleased);
        Assert.True(view.IsReleased);
        var e = Assert.Throws<InvalidOperationException>(() => t.ToArray<float>());
        Assert.Equal("this (128,256) float32 tensor was released when its Tensor.Scope() ended; call Keep() on it (or on a Clone() of it) before the scope ends, or create it outside the scope", e.Message);
        Assert.Contains("(256,128) float32 tensor was released", Assert.Throws<InvalidOperationException>(() => view.Sum()).Message);
        Assert.Contains("(256,128) float32 tensor was released", Assert.Throws<InvalidOperationException>(() => transposed.Contiguous()).Message);
        Assert.Contains("(256) float32 tensor was released", Assert.Throws<InvalidOperationException>(() => row.GetValue<float>(0)).Message);
        Assert.Throws<InvalidOperationException>(() => t.AddInPlace(Tensor.Ones(128, 256)));
        Assert.Throws<InvalidOperationException>(() => t.Keep());

        // Metadata stays readable, so messages and debuggers can still describe the tensor.
        Assert.Equal("(128,256)", t.ShapeString);
        Assert.Equal(DType.Float32, t.DType);
    }

    [Fact]
    public void KeptTensorsAndViewsOfKeptStorageSurvive()
    {
        Tensor a, b, aView, c, cBase;
        using (var scope = Tensor.Scope())
        {
            a = Tensor.Arange(0, 6, 1, DType.Float32).Keep();
            b = scope.Keep(Tensor.Full([2, 3], 5.0));
            aView = a.Reshape(2, 3);
            cBase = Tensor.Arange(0, 12, 1, DType.Float64);
            c = cBase.Narrow(0, 2, 4);
            c.Keep(); // keeping a view keeps the whole storage, so the base survives too
            Assert.True(scope.IsActive);
        }

        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, a.ToArray<float>());
        Assert.Equal(new float[] { 5, 5, 5, 5, 5, 5 }, b.ToArray<float>());
        Assert.Equal(new float[] { 3, 4, 5 }, aView[1].ToArray<float>());
        Assert.Equal(new double[] { 2, 3, 4, 5 }, c.ToArray<double>());
        Assert.False(cBase.IsReleased);
    }

    [Fact]
    public void TensorsFromOutsideTheScopeAndWrappedArraysAreNeverReleased()
    {
        var outside = Tensor.Ones(4, 4);
        var callerArray = new float[] { 1, 2, 3 };
        Tensor wrapped, copied, inPlaceTarget = Tensor.Zeros(3);
        using (Tensor.Scope())
        {
            outside.AddInPlace(Tensor.Ones(4, 4));
            wrapped = Tensor.WrapArray(callerArray);
            copied = Tensor.FromArray(callerArray);
            inPlaceTarget.CopyFrom(wrapped * 2);
        }

        Assert.All(outside.ToArray<float>(), v => Assert.Equal(2f, v));
        Assert.False(wrapped.IsReleased);
        Assert.Equal(callerArray, wrapped.ToArray<float>());
        Assert.True(copied.IsReleased);
        Assert.Equal(new float[] { 2, 4, 6 }, inPlaceTarget.ToArray<float>());
    }

    [Fact]
    public void NestedScopesReleaseInnermostFirst()
    {
        using var outer = Tensor.Scope();
        var o1 = Tensor.Ones(5);
        Tensor i1;
        using (var inner = Tensor.Scope())
        {
            i1 = Tensor.Ones(6);
            var o2 = o1 * 2; // created in the inner scope, so it dies with it, though its input lives on
            Assert.True(inner.RecordedCount >= 2);
            Assert.Equal(10f, o2.Sum().Item<float>());
        }

        Assert.True(i1.IsReleased);
        Assert.False(o1.IsReleased);
        Assert.Equal(5f, o1.Sum().Item<float>());
        outer.Dispose();
        Assert.True(o1.IsReleased);
        Assert.False(outer.IsActive);
        outer.Dispose(); // a second Dispose does nothing
    }

    [Fact]
    public void EndingAnOuterScopeEndsTheInnerOnesLeftOpen()
    {
        var outer = Tensor.Scope();
        var inner = Tensor.Scope();
        var t = Tensor.Ones(3);
        outer.Dispose();
        Assert.False(inner.IsActive);
        Assert.True(t.IsReleased);

        // Nothing is recorded any more: a new tensor is ordinary memory.
        var after = Tensor.Ones(3);
        inner.Dispose();
        Assert.False(after.IsReleased);
    }

    [Fact]
    public void AnotherThreadsTensorsAreUntouched()
    {
        Tensor fromWorker;
        Tensor fromMain;
        using (Tensor.Scope())
        {
            fromMain = Tensor.Ones(7);
            Tensor? made = null;
            var maker = new Thread(() => made = Tensor.Full([7], 3.0));
            maker.Start();
            maker.Join();
            fromWorker = made!;
        }

        Assert.True(fromMain.IsReleased);
        Assert.False(fromWorker.IsReleased);
        Assert.Equal(21f, fromWorker.Sum().Item<float>());

        // And a scope on a worker thread does not record this thread's tensors.
        var gate = new ManualResetEventSlim();
        var done = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            using (Tensor.Scope())
            {
                gate.Wait();
            }

            done.Set();
        });
        worker.Start();
        var mine = Tensor.Ones(8);
        gate.Set();
        done.Wait();
        worker.Join();
        Assert.False(mine.IsReleased);
    }

    [Fact]
    public void AScopeMustEndOnItsOwnThread()
    {
        var scope = Tensor.Scope();
        try
        {
            Exception? error = null;
            var other = new Thread(() =>
            {
                try
                {
                    scope.Dispose();
                }
                catch (InvalidOperationException e)
                {
                    error = e;
                }
            });
            other.Start();
            other.Join();
            Assert.IsType<InvalidOperationException>(error);
            Assert.True(scope.IsActive);
        }
        finally
        {
            scope.Dispose();
        }
    }

    [Fact]
    public void LeafGradientsSurviveAndAccumulateInPlace()
    {
        var w = Tensor.FromArray(new double[] { 1, 2, 3 }).RequireGrad();
        using (Tensor.Scope())
        {
            var loss = (w * w).Sum();
            loss.Backward();
        }

        var grad = w.Grad!;
        Assert.Equal(new double[] { 2, 4, 6 }, grad.ToArray<double>());

        // Zeroed in place, the next steps write into the same buffer: no gradient allocation after the first step.
        for (int step = 0; step < 2; step++)
        {
            using var scope = Tensor.Scope();
            grad.Zero();
            (w * 3).Sum().Backward();
            (w * w).Sum().Backward();
        }

        Assert.Same(grad, w.Grad);
        Assert.Equal(new double[] { 5, 7, 9 }, w.Grad!.ToArray<double>());
    }

    [Fact]
    public void BackwardAfterTheScopeEndedNamesTheReleasedTensor()
    {
        var w = Tensor.FromArray(new float[] { 1, 2, 3 }).RequireGrad();
        Tensor loss;
        using (Tensor.Scope())
        {
            loss = (w.Exp() * 2).Sum().Keep();
        }

        // The loss was kept, but what its graph saved was not: a clear error instead of reading reused memory.
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("was released when its Tensor.Scope() ended", e.Message);
    }

    [Fact]
    public void ASecondScopeReusesTheFirstOnesMemoryAndStillComputesCorrectly()
    {
        var gen = new Generator(3);
        var a = Tensor.Randn([63, 129], DType.Float32, gen);
        var b = Tensor.Randn([129, 17], DType.Float32, gen);
        float[] expected;
        using (Tensor.Scope())
        {
            expected = (a.MatMul(b).Relu() + 1).Sum(1).ToArray<float>();
            _ = Tensor.Full([63, 129], 9.0); // leaves a dirty array of this length in the pool
        }

        long reused = TensorPool.Reused;
        using (Tensor.Scope())
        {
            Assert.Equal(expected, (a.MatMul(b).Relu() + 1).Sum(1).ToArray<float>());
            Assert.All(Tensor.Zeros(63, 129).ToArray<float>(), v => Assert.Equal(0f, v));
        }

        Assert.True(TensorPool.Reused - reused >= 4, $"only {TensorPool.Reused - reused} arrays came from the pool");
    }

    [Fact]
    public void AScopedStepAllocatesAlmostNothingOnceWarm()
    {
        // A small MLP step by hand (784 -> 256 -> 10, batch 128): its activations, gradients and update temporaries
        // come to about 2 MB, all of which a warm scope takes from the pool.
        var gen = new Generator(1);
        var x = Tensor.Rand([128, 784], DType.Float32, gen);
        var w1 = (Tensor.Randn([784, 256], DType.Float32, gen) * 0.05).RequireGrad();
        var w2 = (Tensor.Randn([256, 10], DType.Float32, gen) * 0.05).RequireGrad();
        long Step(bool scoped)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            using (scoped ? Tensor.Scope() : null)
            {
                w1.Grad?.Zero();
                w2.Grad?.Zero();
                var z = x.MatMul(w1).Relu().MatMul(w2);
                var loss = (z * z).Mean();
                loss.Backward();
                using (Tensor.NoGrad())
                {
                    w1.SubInPlace(w1.Grad! * 0.01);
                    w2.SubInPlace(w2.Grad! * 0.01);
                }
            }

            return GC.GetAllocatedBytesForCurrentThread() - start;
        }

        // Warm up both ways (the JIT allocates on first calls), then measure one step with an empty pool and no scope.
        for (int i = 0; i < 3; i++) Step(scoped: true);
        Step(scoped: false);
        TensorPool.Clear();
        long unscoped = Step(scoped: false);
        for (int i = 0; i < 2; i++) Step(scoped: true);

        const int steps = 5;
        long total = 0;
        for (int i = 0; i < steps; i++) total += Step(scoped: true);
        long perStep = total / steps;
        Assert.True(unscoped > 1 << 20, $"without the pool a step should allocate over 1 MB, got {unscoped}");
        Assert.True(perStep < 1 << 20, $"a warm scoped step allocated {perStep} bytes");
        Assert.True(perStep < unscoped / 8, $"a warm scoped step allocated {perStep} bytes, an unpooled one {unscoped}");
    }
}
