namespace DlPath.Learn.Optimization;

/// <summary>
/// A differentiable objective: given parameters θ, returns the cost J(θ) and its gradient ∂J/∂θ
/// (the course's <c>[J, grad] = costFunction(theta)</c>).
/// </summary>
public delegate (double Cost, double[] Gradient) CostFunction(double[] theta);
