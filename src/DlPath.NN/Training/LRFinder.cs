using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// The learning-rate range test of fast.ai's <c>lr_find</c> (Leslie Smith, "Cyclical Learning Rates", 2017;
/// https://docs.fast.ai/callback.schedule.html#learner.lr_find): train for up to <c>iterations</c> mini-batches while
/// the learning rate grows exponentially from <c>startLr</c> to <c>endLr</c>, record the smoothed loss, stop once it
/// diverges, then put the model and the optimizer back exactly as they were. Pick a learning rate where the curve
/// still falls steeply — a bit before the minimum.
/// </summary>
/// <example><code>
/// var found = LRFinder.Run(model, trainLoader, new Adam(model.Parameters()), new CrossEntropyLoss());
/// Console.WriteLine($"try lr ~ {found.Steepest:G2} (min/10: {found.MinimumOver10:G2})");
/// </code></example>
public static class LRFinder
{
    /// <summary>Runs the sweep; the model's weights, training mode and the optimizer's state and learning rates are restored afterwards.</summary>
    /// <param name="model">The model (trained temporarily).</param>
    /// <param name="data">Training batches; cycled through when it has fewer than <paramref name="iterations"/>.</param>
    /// <param name="optimizer">The optimizer whose learning rate is swept (every parameter group gets the same rate).</param>
    /// <param name="loss">The loss (a scalar per batch).</param>
    /// <param name="startLr">The first learning rate (fast.ai: 1e-7).</param>
    /// <param name="endLr">The rate the sweep approaches (fast.ai: 10); step i uses startLr·(endLr/startLr)^(i/iterations).</param>
    /// <param name="iterations">The most steps (fast.ai: 100).</param>
    /// <param name="stopOnDivergence">Stop when the smoothed loss exceeds 4x the best one or is NaN.</param>
    /// <param name="beta">Smoothing of the loss average (fast.ai: 0.98).</param>
    public static LRFinderResult Run(Module model, DataLoader data, Optimizer optimizer, Loss loss,
        double startLr = 1e-7, double endLr = 10, int iterations = 100, bool stopOnDivergence = true, double beta = 0.98)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(startLr > 0) || !(endLr > startLr)) throw new ArgumentOutOfRangeException(nameof(startLr), $"LRFinder: need 0 < startLr < endLr, got startLr={startLr}, endLr={endLr}");
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 2);
        if (beta is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta), beta, "LRFinder: beta must be in [0, 1)");
        if (data.Count == 0) throw new ArgumentException("LRFinder: the loader yields no batches", nameof(data));

        var weights = EarlyStopping.Snapshot(model);
        var optimizerState = optimizer.StateDict();
        bool wasTraining = model.Training;
        var lrs = new List<double>(iterations);
        var raw = new List<double>(iterations);
        var smoothed = new List<double>(iterations);
        bool diverged = false;
        try
        {
            model.Train();
            double avg = 0, best = double.PositiveInfinity;
            int step = 0;
            while (step < iterations && !diverged)
            {
                foreach (var (x, y) in data)
                {
                    double lr = startLr * Math.Pow(endLr / startLr, (double)step / iterations);
                    foreach (var g in optimizer.ParamGroups) g.Lr = lr;
                    double l;
                    using (Tensor.Scope())
                    {
                        // As in Fit: the step's tensors are reused by the next one, gradients are zeroed in place.
                        optimizer.ZeroGrad(setToNone: false);
                        var value = loss.Call(model.Call(x), y);
                        value.Backward();
                        optimizer.Step();
                        l = value.Item();
                    }

                    // fast.ai's AvgSmoothLoss: an EMA debiased by 1 - beta^count, as Adam debiases its moments.
                    avg = (beta * avg) + ((1 - beta) * l);
                    double smooth = avg / (1 - Math.Pow(beta, step + 1));
                    lrs.Add(lr);
                    raw.Add(l);
                    smoothed.Add(smooth);
                    step++;
                    if (smooth < best) best = smooth;
                    if (stopOnDivergence && (double.IsNaN(smooth) || smooth > 4 * best))
                    {
                        diverged = true;
                        break;
                    }

                    if (step >= iterations) break;
                }
            }
        }
        finally
        {
            model.LoadStateDict(weights);
            optimizer.LoadStateDict(optimizerState);
            model.Train(wasTraining);
            optimizer.ZeroGrad();
        }

        var (steepest, minimum) = Suggest(lrs, smoothed);
        return new LRFinderResult(lrs, raw, smoothed, diverged, steepest, minimum);
    }

    /// <summary>
    /// fast.ai's <c>steep</c> and <c>minimum</c> suggestions over the curve, skipping the first tenth and the last five
    /// points as lr_find does (when the curve is long enough) and anything from the first NaN on.
    /// </summary>
    internal static (double Steepest, double MinimumOver10) Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        int end = losses.Count;
        for (int i = 0; i < losses.Count; i++)
        {
            if (double.IsNaN(losses[i])) { end = i; break; }
        }

        int start = lrs.Count / 10;
        int stop = end - 5;
        if (stop - start < 2) (start, stop) = (0, end);
        if (stop - start < 1) return (double.NaN, double.NaN);

        int argMin = start;
        for (int i = start; i < stop; i++)
        {
            if (losses[i] < losses[argMin]) argMin = i;
        }

        double steepest = double.NaN;
        if (stop - start >= 2)
        {
            // The most negative slope d loss / d log(lr); fast.ai reports the lr at the left end of that segment.
            double bestSlope = double.PositiveInfinity;
            for (int i = start; i < stop - 1; i++)
            {
                double slope = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
                if (slope < bestSlope)
                {
                    bestSlope = slope;
                    steepest = lrs[i];
                }
            }
        }

        return (steepest, lrs[argMin] / 10);
    }
}
