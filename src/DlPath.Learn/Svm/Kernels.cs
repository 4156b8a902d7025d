namespace DlPath.Learn.Svm;

/// <summary>Kernel functions, as the course writes them and as <see cref="Svc"/> uses them.</summary>
public static class Kernels
{
    /// <summary>The course's <c>gaussianKernel(x1, x2, sigma)</c> = exp(−‖x1 − x2‖² / (2σ²)).</summary>
    public static double Gaussian(double[] x1, double[] x2, double sigma)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        if (x1.Length != x2.Length)
        {
            throw new ArgumentException($"Gaussian kernel: x1 has {x1.Length} values but x2 has {x2.Length}");
        }
        Check.Positive("Gaussian kernel", nameof(sigma), sigma);
        return Math.Exp(-LinAlg.SquaredDistance(x1, x2) / (2 * sigma * sigma));
    }

    /// <summary>The course's <c>linearKernel</c>: ⟨x1, x2⟩.</summary>
    public static double Linear(double[] x1, double[] x2)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        return LinAlg.Dot(x1, x2);
    }

    internal static double Evaluate(KernelType kernel, double[] a, double[] b, double gamma, double coef0, int degree) => kernel switch
    {
        KernelType.Linear => LinAlg.Dot(a, b),
        KernelType.Poly => Math.Pow(gamma * LinAlg.Dot(a, b) + coef0, degree),
        _ => Math.Exp(-gamma * LinAlg.SquaredDistance(a, b)),
    };
}
