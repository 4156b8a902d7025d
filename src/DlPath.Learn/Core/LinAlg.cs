using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Learn;

/// <summary>Small dense helpers on <c>double[,]</c> / <c>double[]</c> used by the estimators.</summary>
internal static class LinAlg
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public static double[] Row(double[,] x, int i)
    {
        int d = x.GetLength(1);
        var r = new double[d];
        for (int j = 0; j < d; j++)
        {
            r[j] = x[i, j];
        }
        return r;
    }

    /// <summary>The rows of X as jagged arrays (fast row access for inner loops).</summary>
    public static double[][] Rows(double[,] x)
    {
        int n = x.GetLength(0);
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = Row(x, i);
        }
        return rows;
    }

    public static double[,] FromRows(IReadOnlyList<double[]> rows, int columns)
    {
        var x = new double[rows.Count, columns];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                x[i, j] = rows[i][j];
            }
        }
        return x;
    }

    public static double[,] TakeRows(double[,] x, IReadOnlyList<int> index)
    {
        int d = x.GetLength(1);
        var r = new double[index.Count, d];
        for (int i = 0; i < index.Count; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = x[index[i], j];
            }
        }
        return r;
    }

    public static T[] Take<T>(T[] y, IReadOnlyList<int> index)
    {
        var r = new T[index.Count];
        for (int i = 0; i < index.Count; i++)
        {
            r[i] = y[index[i]];
        }
        return r;
    }

    /// <summary>[1, x] for every row: the intercept column the course prepends.</summary>
    public static double[,] AddOnes(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, d + 1];
        for (int i = 0; i < n; i++)
        {
            r[i, 0] = 1;
            for (int j = 0; j < d; j++)
            {
                r[i, j + 1] = x[i, j];
            }
        }
        return r;
    }

    /// <summary>X θ.</summary>
    public static double[] MatVec(double[,] x, ReadOnlySpan<double> theta)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                s += x[i, j] * theta[j];
            }
            r[i] = s;
        }
        return r;
    }

    /// <summary>Xᵀ v.</summary>
    public static double[] TMatVec(double[,] x, ReadOnlySpan<double> v)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[d];
        for (int i = 0; i < n; i++)
        {
            double vi = v[i];
            if (vi == 0)
            {
                continue;
            }
            for (int j = 0; j < d; j++)
            {
                r[j] += x[i, j] * vi;
            }
        }
        return r;
    }

    /// <summary>A B with MathNet (its managed provider blocks the loops).</summary>
    public static double[,] MatMul(double[,] a, double[,] b) =>
        (Matrix<double>.Build.DenseOfArray(a) * Matrix<double>.Build.DenseOfArray(b)).ToArray();

    public static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0), d = a.GetLength(1);
        var r = new double[d, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[j, i] = a[i, j];
            }
        }
        return r;
    }

    public static double[] ColumnMeans(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var m = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[j] += x[i, j];
            }
        }
        for (int j = 0; j < d; j++)
        {
            m[j] /= n;
        }
        return m;
    }

    public static int[] ArgMaxRows(double[,] p)
    {
        int n = p.GetLength(0), k = p.GetLength(1);
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < k; c++)
            {
                if (p[i, c] > p[i, best])
                {
                    best = c;
                }
            }
            r[i] = best;
        }
        return r;
    }

    /// <summary>
    /// The minimum-norm least-squares solution pinv(A) b by SVD, dropping singular values below
    /// max(m, n) · ε · σ_max (NumPy's <c>lstsq</c> / MATLAB's <c>pinv</c> cut-off), so rank-deficient and
    /// all-zero systems are fine.
    /// </summary>
    public static double[] LeastSquares(double[,] a, double[] b)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b);
        if (a.GetLength(0) > a.GetLength(1))
        {
            // Tall: A = QR (thin), so pinv(A) b = pinv(R) Qᵀb and the SVD is only n x n.
            var qr = m.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            rhs = qr.Q.TransposeThisAndMultiply(rhs);
            m = qr.R;
        }
        var svd = m.Svd(computeVectors: true);
        var s = svd.S;
        double cutoff = Math.Max(a.GetLength(0), a.GetLength(1)) * 2.220446049250313e-16 * (s.Count > 0 ? s.Maximum() : 0);
        var utb = svd.U.TransposeThisAndMultiply(rhs);
        var coef = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(a.GetLength(1));
        for (int k = 0; k < s.Count; k++)
        {
            if (s[k] > cutoff && s[k] > 0)
            {
                coef += svd.VT.Row(k) * (utb[k] / s[k]);
            }
        }
        return coef.ToArray();
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log(1 + exp(z)) without overflow.</summary>
    public static double Softplus(double z) => z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));

    /// <summary>Softmax of each row in place.</summary>
    public static void SoftmaxRows(double[,] z)
    {
        int n = z.GetLength(0), k = z.GetLength(1);
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                max = Math.Max(max, z[i, c]);
            }
            double s = 0;
            for (int c = 0; c < k; c++)
            {
                z[i, c] = Math.Exp(z[i, c] - max);
                s += z[i, c];
            }
            for (int c = 0; c < k; c++)
            {
                z[i, c] /= s;
            }
        }
    }
}
