using System.Globalization;
using DlPath.Course.Progress;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Integration;

/// <summary>The learner's scheduler settings, kept in the store's settings table.</summary>
public static class ReviewSettings
{
    /// <summary>FSRS weights fitted by <c>dlpath review optimize</c>: 21 numbers separated by commas.</summary>
    public const string WeightsKey = "review.fsrs_weights";

    /// <summary>Desired retention (0..1).</summary>
    public const string RetentionKey = "review.desired_retention";

    /// <summary>The scheduler options: default FSRS-6 unless the learner has fitted weights or set a retention.</summary>
    /// <exception cref="FormatException">A stored setting cannot be read (the message names the key).</exception>
    public static SchedulerOptions Load(IProgressStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = new SchedulerOptions();
        if (store.GetSetting(WeightsKey) is { Length: > 0 } weights)
        {
            options = options with { Parameters = ParseWeights(weights) };
        }

        if (store.GetSetting(RetentionKey) is { Length: > 0 } retention)
        {
            if (!double.TryParse(retention, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) || r is <= 0 or >= 1)
            {
                throw new FormatException($"setting {RetentionKey} = '{retention}' is not a retention between 0 and 1 (e.g. 0.9).");
            }

            options = options with { DesiredRetention = r };
        }

        return options;
    }

    /// <summary>Stores fitted weights (null goes back to the defaults).</summary>
    public static void SaveWeights(IProgressStore store, FsrsParameters? parameters)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.SetSetting(WeightsKey, parameters is null
            ? null
            : string.Join(",", parameters.Weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture))));
    }

    private static FsrsParameters ParseWeights(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new FormatException($"setting {WeightsKey}: weight #{i + 1} '{parts[i]}' is not a number.");
            }
        }

        try
        {
            return new FsrsParameters(values);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"setting {WeightsKey}: {e.Message}", e);
        }
    }
}
