using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Learn.Linear;

/// <summary>
/// L2-regularised least squares (scikit-learn's <c>Ridge</c>): minimises ‖y − Xw − b‖² + α‖w‖², the
/// intercept unpenalised (solved on centred data by Cholesky).
/// </summary>
public sealed class Ridge : Regressor
{
    /// <summary>Regularisation strength α ≥ 0. Default 1.</summary>
    [HyperParameter]
    public double Alpha { get; set; } = 1.0;

    /// <summary>Fit an intercept. Default true.</summary>
    [HyperParameter]
    public bool FitIntercept { get; set; } = true;

    /// <summary>The feature weights.</summary>
    public double[] Coef { get; private set; } = [];

    /// <summary>The intercept.</summary>
    public double Intercept { get; private set; }

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[] y)
    {
        Check.NonNegative(Name, nameof(Alpha), Alpha);
        int n = x.GetLength(0), d = x.GetLength(1);
        var xm = FitIntercept ? LinAlg.ColumnMeans(x) : new double[d];
        double ym = FitIntercept ? y.Average() : 0;
        var xc = new double[n, d];
        var yc = new double[n];
        for (int i = 0; i < n; i++)
        {
            yc[i] = y[i] - ym;
            for (int j = 0; j < d; j++)
            {
                xc[i, j] = x[i, j] - xm[j];
            }
        }
        var a = Matrix<double>.Build.DenseOfArray(xc);
        var gram = a.TransposeThisAndMultiply(a) + Alpha * Matrix<double>.Build.DenseIdentity(d);
        var rhs = a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(yc));
        Coef = Alpha > 0 ? gram.Cholesky().Solve(rhs).ToArray() : LinAlg.LeastSquares(xc, yc);
        Intercept = ym - LinAlg.Dot(Coef, xm);
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        var p = LinAlg.MatVec(x, Coef);
        for (int i = 0; i < p.Length; i++)
        {
            p[i] += Intercept;
        }
        return p;
    }
}
