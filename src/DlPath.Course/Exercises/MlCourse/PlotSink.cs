namespace DlPath.Course.Exercises.MlCourse;

/// <summary>Where an exercise writes its figures, and the list of files it wrote (in the result's <c>plots</c>).</summary>
internal sealed class PlotSink
{
    private readonly string? _directory;
    private readonly List<string> _written = [];

    public PlotSink(string? directory, string exercise)
    {
        _directory = directory is null ? null : Path.Combine(directory, exercise);
    }

    /// <summary>False when the run draws no figures.</summary>
    public bool Enabled => _directory is not null;

    /// <summary>The files written so far.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>Draws a figure when plots are on: <paramref name="draw"/> gets the full file path.</summary>
    public void Draw(string fileName, Action<string> draw)
    {
        if (_directory is null)
        {
            return;
        }
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, fileName);
        draw(path);
        _written.Add(path);
    }
}
