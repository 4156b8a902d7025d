namespace DlPath.Learn.Svm;

/// <summary>The kernel of <see cref="Svc"/>.</summary>
public enum KernelType
{
    /// <summary>K(x, x') = ⟨x, x'⟩.</summary>
    Linear,

    /// <summary>K(x, x') = (γ⟨x, x'⟩ + coef0)^degree.</summary>
    Poly,

    /// <summary>K(x, x') = exp(−γ‖x − x'‖²); the course's Gaussian kernel with γ = 1/(2σ²).</summary>
    Rbf,
}
