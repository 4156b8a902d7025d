namespace Labs.Micrograd;

/// <summary>Reference solution (tests only).</summary>
public static class Training
{
    public static double Step(Mlp model, double[][] xs, double[] ys, double learningRate)
    {
        Value loss = new(0);
        for (int i = 0; i < xs.Length; i++)
        {
            var diff = model.Forward(xs[i])[0] - ys[i];
            loss += diff * diff;
        }

        loss /= xs.Length;
        foreach (var p in model.Parameters()) p.Grad = 0;
        loss.Backward();
        foreach (var p in model.Parameters()) p.Data -= learningRate * p.Grad;
        return loss.Data;
    }
}
