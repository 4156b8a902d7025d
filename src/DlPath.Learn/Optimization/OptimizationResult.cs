namespace DlPath.Learn.Optimization;

/// <summary>What a minimiser found.</summary>
/// <param name="Theta">The parameters at the end.</param>
/// <param name="Cost">J at <paramref name="Theta"/>.</param>
/// <param name="CostHistory">The cost after each iteration (the course's <c>J_history</c> / fmincg's <c>fX</c>).</param>
/// <param name="Iterations">Iterations (gradient steps, or line searches for CG and L-BFGS) performed.</param>
/// <param name="Converged">True when a convergence test stopped the run before the iteration limit.</param>
public sealed record OptimizationResult(double[] Theta, double Cost, IReadOnlyList<double> CostHistory, int Iterations, bool Converged);
