using System.Collections.ObjectModel;

namespace DlPath.NN;

/// <summary>
/// What <see cref="ModuleTrainingExtensions.Fit"/> returns (Keras's <c>History</c>): one value per finished epoch for
/// each log key (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>val_accuracy</c>, ...), plus how long each
/// epoch's training and validation took. <c>history["val_loss"]</c> is Keras's <c>history.history["val_loss"]</c>.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly List<string> _keys = [];
    private readonly List<double> _trainSeconds = [];
    private readonly List<double> _validationSeconds = [];

    /// <summary>The number of finished epochs.</summary>
    public int Epochs => _trainSeconds.Count;

    /// <summary>The log keys in the order they first appeared.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Seconds spent in each epoch's training loop (without validation).</summary>
    public IReadOnlyList<double> TrainSeconds => _trainSeconds;

    /// <summary>Seconds spent in each epoch's validation (0 without validation data).</summary>
    public IReadOnlyList<double> ValidationSeconds => _validationSeconds;

    /// <summary>The per-epoch values of <paramref name="key"/>; throws naming the keys there are when it is absent.</summary>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var list)
        ? list
        : throw new KeyNotFoundException($"History: no values for '{key}'; it has {(_keys.Count == 0 ? "none yet" : string.Join(", ", _keys))}");

    /// <summary>True when some epoch logged <paramref name="key"/>.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>All values by key, in first-seen key order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ToDictionary() =>
        new ReadOnlyDictionary<string, IReadOnlyList<double>>(_keys.ToDictionary(k => k, k => (IReadOnlyList<double>)_values[k]));

    /// <summary>Adds one epoch's logs and timings.</summary>
    internal void Add(IReadOnlyDictionary<string, double> logs, double trainSeconds, double validationSeconds)
    {
        int epoch = Epochs;
        foreach (var (key, value) in logs)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                // A key that appears late (e.g. validation every few epochs) gets NaN for the epochs before.
                list = [.. Enumerable.Repeat(double.NaN, epoch)];
                _values[key] = list;
                _keys.Add(key);
            }

            list.Add(value);
        }

        foreach (var key in _keys)
        {
            if (_values[key].Count == epoch) _values[key].Add(double.NaN);
        }

        _trainSeconds.Add(trainSeconds);
        _validationSeconds.Add(validationSeconds);
    }
}
