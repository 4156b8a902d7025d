namespace DlPath.NN;

/// <summary>Tracks the best value of one log key, for EarlyStopping and ModelCheckpoint.</summary>
internal sealed class Monitor
{
    public Monitor(string key, MonitorMode mode, double minDelta, string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(minDelta);
        Key = key;
        Maximize = mode switch
        {
            MonitorMode.Max => true,
            MonitorMode.Min => false,
            _ => key.Contains("acc", StringComparison.OrdinalIgnoreCase) || key.Contains("auc", StringComparison.OrdinalIgnoreCase),
        };
        MinDelta = minDelta;
        Owner = owner;
        Best = Maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    public string Key { get; }

    public bool Maximize { get; }

    public double MinDelta { get; }

    public string Owner { get; }

    public double Best { get; private set; }

    /// <summary>The monitored value from the epoch logs; throws naming the keys there are when it is missing.</summary>
    public double Read(IReadOnlyDictionary<string, double> logs) => logs.TryGetValue(Key, out double v)
        ? v
        : throw new InvalidOperationException($"{Owner}: monitors '{Key}', but the epoch logs only have {string.Join(", ", logs.Keys)} (pass validation data for val_* keys, or metrics for their names)");

    /// <summary>True (and records it) when <paramref name="value"/> beats the best by more than MinDelta; NaN never improves.</summary>
    public bool Improves(double value)
    {
        if (double.IsNaN(value)) return false;
        bool better = Maximize ? value - MinDelta > Best : value + MinDelta < Best;
        if (better) Best = value;
        return better;
    }

    public void Reset() => Best = Maximize ? double.NegativeInfinity : double.PositiveInfinity;
}
