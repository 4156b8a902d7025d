using DlPath.Learn.Svm;

namespace DlPath.Learn.Tests;

public sealed class SvmTests
{
    [Fact]
    public void GaussianKernelMatchesTheCourseScript()
    {
        Assert.Equal(0.324652, Kernels.Gaussian([1, 2, 1], [0, 4, -1], 2), 6);
    }

    [Fact]
    public void Ex6LinearBoundaryMisclassifiesOnlyTheOutlierAtCOne()
    {
        var mat = TestData.Mat("ex6/ex6data1.mat");
        var x = mat.GetMatrix("X");
        var y = mat.GetNumeric("y").ToVector();
        var svm = new Svc { Kernel = KernelType.Linear, C = 1 };
        svm.Fit(x, y);
        Assert.Equal(y.Length - 1, (int)Math.Round(svm.Score(x, y) * y.Length));
        // At C = 100 the outlier is fitted too (the course's point about C).
        var hard = new Svc { Kernel = KernelType.Linear, C = 100 };
        hard.Fit(x, y);
        Assert.Equal(1.0, hard.Score(x, y));
    }

    [Fact]
    public void Ex6GaussianKernelFollowsTheNonLinearBoundary()
    {
        var mat = TestData.Mat("ex6/ex6data2.mat");
        var x = mat.GetMatrix("X");
        var y = mat.GetNumeric("y").ToVector();
        double sigma = 0.1;
        var svm = new Svc { Kernel = KernelType.Rbf, C = 1, Gamma = 1 / (2 * sigma * sigma) };
        svm.Fit(x, y);
        Assert.True(svm.Score(x, y) > 0.98, $"training accuracy {svm.Score(x, y)}");
    }

    [Fact]
    public void SolutionSatisfiesTheDualConstraintsAndMarginConditions()
    {
        var x = TestData.Blobs(20, [(0, 0), (2.5, 2.5)], 0.9, 7, out var y);
        var svm = new Svc { Kernel = KernelType.Linear, C = 1, Tol = 1e-6 };
        svm.Fit(x, y);
        var f = svm.DecisionFunction(x);
        for (int i = 0; i < y.Length; i++)
        {
            double margin = (y[i] == 1 ? 1 : -1) * f[i];
            bool isSupport = svm.Support.Contains(i);
            // KKT: non-support vectors lie on or outside the margin (y f ≥ 1).
            if (!isSupport)
            {
                Assert.True(margin >= 1 - 1e-3, $"sample {i}: y f = {margin}");
            }
        }
    }

    [Fact]
    public void PolynomialAndRbfKernelsSolveXor()
    {
        var x = new double[,] { { 0, 0 }, { 1, 1 }, { 0, 1 }, { 1, 0 }, { 0.1, 0.1 }, { 0.9, 0.9 }, { 0.1, 0.9 }, { 0.9, 0.1 } };
        double[] y = [0, 0, 1, 1, 0, 0, 1, 1];
        var rbf = new Svc { Kernel = KernelType.Rbf, C = 100, Gamma = 2 };
        rbf.Fit(x, y);
        Assert.Equal(1.0, rbf.Score(x, y));
        var poly = new Svc { Kernel = KernelType.Poly, Degree = 2, C = 100, Gamma = 1, Coef0 = 1 };
        poly.Fit(x, y);
        Assert.Equal(1.0, poly.Score(x, y));
    }

    [Fact]
    public void MultiClassVotesOneVsOne()
    {
        var x = TestData.Blobs(15, [(0, 0), (5, 0), (0, 5), (5, 5)], 0.5, 3, out var y);
        var svm = new Svc();
        svm.Fit(x, y);
        Assert.Equal(1.0, svm.Score(x, y));
        Assert.Equal(6, svm.PairwiseDecision(x).GetLength(1));
    }

    [Fact]
    public void ProbabilitiesAreRefusedWithAReason()
    {
        var x = TestData.Blobs(5, [(0, 0), (3, 3)], 0.3, 1, out var y);
        var svm = new Svc();
        svm.Fit(x, y);
        var e = Assert.Throws<NotSupportedException>(() => svm.PredictProba(x));
        Assert.Contains("DecisionFunction", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Svc { C = -1 }.Fit(x, y));
    }
}
