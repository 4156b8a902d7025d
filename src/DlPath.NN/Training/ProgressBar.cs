using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DlPath.NN;

/// <summary>
/// Shows training progress (Keras's <c>verbose=1</c> bar, fast.ai's progress bar). On a terminal it redraws one live
/// line per epoch — bar, batches done, ETA, running loss and throughput — at most every <see cref="RefreshInterval"/>,
/// then leaves the epoch's summary. When the output is redirected (a log file, CI), it writes just one summary line
/// per epoch, so logs stay readable:
/// <code>
/// epoch 1/10  469/469  7.8s  7,692 samples/s  loss 0.5012  accuracy 0.8231  val_loss 0.4310  val_accuracy 0.8452
/// </code>
/// </summary>
public sealed class ProgressBar : Callback
{
    private const int BarWidth = 24;
    private readonly TextWriter _out;
    private readonly Stopwatch _epochClock = new();
    private TimeSpan _lastDraw;
    private double _lossSum;
    private long _samples;
    private int _lastLineLength;

    /// <summary>Creates the bar.</summary>
    /// <param name="output">Where to write; default <see cref="Console.Out"/>.</param>
    /// <param name="interactive">Draw the live bar; default: when the output is the console and it is not redirected.</param>
    public ProgressBar(TextWriter? output = null, bool? interactive = null)
    {
        _out = output ?? Console.Out;
        Interactive = interactive ?? (output is null && !Console.IsOutputRedirected);
    }

    /// <summary>Whether the live bar is drawn (otherwise one line per epoch).</summary>
    public bool Interactive { get; }

    /// <summary>The shortest time between two redraws of the live bar.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public override void OnEpochBegin(TrainingContext context, int epoch)
    {
        _lossSum = 0;
        _samples = 0;
        _lastDraw = TimeSpan.Zero;
        _lastLineLength = 0;
        _epochClock.Restart();
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
    {
        long size = logs.TryGetValue("size", out double s) ? (long)s : 0;
        _lossSum += logs.TryGetValue("loss", out double l) ? l * size : 0;
        _samples += size;
        if (!Interactive) return;
        var now = _epochClock.Elapsed;
        int done = batch + 1, total = context.StepsPerEpoch;
        if (done < total && now - _lastDraw < RefreshInterval) return;
        _lastDraw = now;
        double perStep = now.TotalSeconds / done;
        var eta = TimeSpan.FromSeconds(perStep * Math.Max(0, total - done));
        int filled = total == 0 ? BarWidth : (int)((long)BarWidth * done / total);
        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"epoch {context.Epoch + 1}/{context.Epochs} [")
            .Append('=', filled).Append(filled < BarWidth ? ">" : string.Empty).Append(' ', Math.Max(0, BarWidth - filled - 1))
            .Append(CultureInfo.InvariantCulture, $"] {done}/{total}  ETA {FormatTime(eta)}  loss {_lossSum / Math.Max(1, _samples):F4}  {Throughput(now):N0} samples/s")
            .ToString();
        Draw(line);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var train = context.History.TrainSeconds.Count > 0 ? context.History.TrainSeconds[^1] : _epochClock.Elapsed.TotalSeconds;
        var sb = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{context.Epochs}  {context.StepsPerEpoch}/{context.StepsPerEpoch}  {train:F1}s  {_samples / Math.Max(train, 1e-9):N0} samples/s");
        foreach (var (key, value) in logs) sb.Append(CultureInfo.InvariantCulture, $"  {key} {value:F4}");
        if (Interactive) Draw(sb.ToString());
        else _out.Write(sb.ToString());
        _out.WriteLine();
        _out.Flush();
    }

    private double Throughput(TimeSpan elapsed) => elapsed.TotalSeconds <= 0 ? 0 : _samples / elapsed.TotalSeconds;

    /// <summary>Overwrites the current line (carriage return, then blanks over what the previous draw left).</summary>
    private void Draw(string line)
    {
        _out.Write('\r');
        _out.Write(line);
        if (line.Length < _lastLineLength) _out.Write(new string(' ', _lastLineLength - line.Length));
        _lastLineLength = line.Length;
        _out.Flush();
    }

    private static string FormatTime(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
