namespace DlPath.Learn.Optimization;

/// <summary>The minimiser an estimator trained by optimisation uses.</summary>
public enum Solver
{
    /// <summary>Limited-memory BFGS (<see cref="Lbfgs"/>), scikit-learn's default.</summary>
    Lbfgs,

    /// <summary>Polack–Ribière conjugate gradients with Rasmussen's line search (<see cref="Fmincg"/>), the course's minimiser.</summary>
    ConjugateGradient,

    /// <summary>Batch gradient descent with a fixed learning rate (<see cref="GradientDescent"/>).</summary>
    GradientDescent,
}
