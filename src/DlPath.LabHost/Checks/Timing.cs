using System.Diagnostics;
using System.Globalization;

namespace DlPath.LabHost.Checks;

/// <summary>Best-of-n wall-clock timing for the speed reports (naive vs vectorised, closed-form backward).</summary>
internal static class Timing
{
    /// <summary>The fastest of <paramref name="repeats"/> runs of <paramref name="action"/>, in milliseconds (one warm-up run first).</summary>
    internal static double BestMs(Action action, int repeats = 3)
    {
        action();
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var w = Stopwatch.StartNew();
            action();
            best = Math.Min(best, w.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>"naive 12.3 ms, vectorised 0.4 ms: 30.8x faster".</summary>
    internal static string Report(string slowName, double slowMs, string fastName, double fastMs) => string.Create(
        CultureInfo.InvariantCulture,
        $"{slowName} {slowMs:0.###} ms, {fastName} {fastMs:0.###} ms: {slowMs / Math.Max(fastMs, 1e-6):0.#}x {(slowMs >= fastMs ? "faster" : "slower")}");
}
