namespace Labs.Micrograd;

/// <summary>§3: training the MLP with your engine.</summary>
public static class Training
{
    /// <summary>
    /// §3: one step of gradient descent on the mean squared error of <paramref name="model"/>'s first output over
    /// the examples: forward every example, loss = mean((y_pred - y)^2), zero every parameter's Grad, Backward,
    /// then p.Data -= learningRate * p.Grad. Returns the loss before the update.
    /// </summary>
    public static double Step(Mlp model, double[][] xs, double[] ys, double learningRate)
    {
        throw new NotImplementedException("README §3 Training a tiny MLP: Step");
    }
}
