namespace Labs.Micrograd.Bugs.NoZeroGrad;

// Seeded bug: gradients are never reset between steps.
public static class Training
{
    public static double Step(Labs.Micrograd.Mlp model, double[][] xs, double[] ys, double learningRate)
    {
        Labs.Micrograd.Value loss = new(0);
        for (int i = 0; i < xs.Length; i++)
        {
            var diff = model.Forward(xs[i])[0] - ys[i];
            loss += diff * diff;
        }

        loss /= xs.Length;
        loss.Backward();
        foreach (var p in model.Parameters()) p.Data -= learningRate * p.Grad;
        return loss.Data;
    }
}
