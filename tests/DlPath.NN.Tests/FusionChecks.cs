using DlPath.Tensors;
using DlPath.Tensors.Autograd;

namespace DlPath.NN.Tests;

/// <summary>What the fusion tests (ReLU + pool, conv + ReLU + pool) check with: graph nodes by name, a pool full of NaN, bit and relative comparisons.</summary>
internal static class FusionChecks
{
    /// <summary>How many nodes named <paramref name="name"/> the graph behind <paramref name="output"/> holds.</summary>
    public static int CountNodes(Tensor output, string name)
    {
        var seen = new HashSet<GradFn>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<GradFn>();
        if (output.GradFn is { } root) stack.Push(root);
        int count = 0;
        while (stack.Count > 0)
        {
            var fn = stack.Pop();
            if (!seen.Add(fn)) continue;
            if (fn.Name == name) count++;
            foreach (var input in fn.Inputs)
            {
                if (input.GradFn is { } next) stack.Push(next);
            }
        }

        return count;
    }

    /// <summary>Leaves NaN-filled storages of <paramref name="numel"/> elements in the tensor pool, so a kernel that skips a cell of a pooled output shows it.</summary>
    public static void PoisonPool(int numel, DType dtype = DType.Float32)
    {
        using (Tensor.Scope())
        {
            for (int i = 0; i < 4; i++) Tensor.Full([numel], double.NaN, dtype);
        }
    }

    /// <summary>
    /// |actual - expected| &lt;= rel * |expected| per element, with the tensor's largest magnitude as a floor for the
    /// scale: a sum that cancels to near 0 keeps the rounding error of its terms, not of its result.
    /// </summary>
    public static void AssertRelClose(Tensor expected, Tensor actual, double rel, string what)
    {
        Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
        var e = expected.Contiguous().To(DType.Float64).ToArray<double>();
        var a = actual.Contiguous().To(DType.Float64).ToArray<double>();
        double scale = e.Length == 0 ? 0 : e.Max(Math.Abs);
        for (int i = 0; i < e.Length; i++)
        {
            double tol = rel * Math.Max(Math.Abs(e[i]), scale);
            if (!(Math.Abs(a[i] - e[i]) <= tol)) Assert.Fail($"{what}: element {i} is {a[i]}, expected {e[i]} (tolerance {tol})");
        }
    }

    /// <summary>Equal bit patterns (so +0 and -0 differ), except that any NaN equals any NaN.</summary>
    public static void AssertBits(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
        Assert.Equal(expected.DType, actual.DType);
        var e = expected.Contiguous().To(DType.Float64).ToArray<double>();
        var a = actual.Contiguous().To(DType.Float64).ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            bool same = double.IsNaN(e[i]) ? double.IsNaN(a[i]) : BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]);
            if (!same) Assert.Fail($"{what}: element {i} is {a[i]}, expected {e[i]}");
        }
    }
}
