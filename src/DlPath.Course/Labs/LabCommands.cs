namespace DlPath.Course.Labs;

/// <summary>
/// What <c>dlpath lab list | start | check | hint | reset</c> do, as result objects the CLI renders with
/// <see cref="LabRenderer"/> or prints as JSON. The CLI only parses arguments and picks the sink.
/// </summary>
public sealed class LabCommands
{
    private readonly LabCatalog _catalog;
    private readonly LabWorkspace _workspace;
    private readonly LabGrader _grader;
    private readonly ILabResultSink _sink;
    private readonly Dictionary<string, LabVerdict> _lastVerdicts = new(StringComparer.Ordinal);

    /// <summary>Creates the commands over a catalogue, a workspace, a grader and a result sink.</summary>
    public LabCommands(LabCatalog catalog, LabWorkspace workspace, LabGrader grader, ILabResultSink sink)
    {
        _catalog = catalog;
        _workspace = workspace;
        _grader = grader;
        _sink = sink;
    }

    /// <summary>The default set-up: the labs folder found from the current directory, ~/.dlpath/labs, the grader next to the program.</summary>
    public static LabCommands CreateDefault(ILabResultSink sink) => new(
        new LabCatalog(LabCatalog.LocateRoot()),
        new LabWorkspace(LabWorkspace.DefaultRoot()),
        new LabGrader(LabHostLocator.LocateHost()),
        sink);

    /// <summary>The catalogue.</summary>
    public LabCatalog Catalog => _catalog;

    /// <summary><c>dlpath lab list</c>.</summary>
    public IReadOnlyList<LabListItem> List()
    {
        var passed = _sink.PassedLabs();
        return _catalog.Labs.Select(l => new LabListItem(
            l.Id, l.Title, l.Summary, l.Task, _workspace.IsStarted(l), passed.Contains(l.Id), l.Checks.Count)).ToList();
    }

    /// <summary><c>dlpath lab start &lt;id&gt; [--force]</c>.</summary>
    /// <exception cref="InvalidOperationException">Already started and not forced.</exception>
    public LabStartResult Start(string id, bool force = false)
    {
        var lab = _catalog.Get(id);
        var backup = _workspace.Start(lab, _grader.TensorsAssembly, force);
        return new LabStartResult(lab.Id, _workspace.DirectoryOf(lab), lab.ReadmePath, backup);
    }

    /// <summary><c>dlpath lab reset &lt;id&gt;</c>: the starter again, the learner's files kept in a backup folder.</summary>
    public LabStartResult Reset(string id) => Start(id, force: true);

    /// <summary><c>dlpath lab check &lt;id&gt;</c>: build, grade, record.</summary>
    /// <exception cref="InvalidOperationException">The lab was not started.</exception>
    public LabVerdict Check(string id, CancellationToken cancel = default)
    {
        var lab = _catalog.Get(id);
        if (!_workspace.IsStarted(lab))
            throw new InvalidOperationException($"lab '{lab.Id}' is not started: run 'dlpath lab start {lab.Id}' first");
        // The props file names this machine's DlPath.Tensors; rewrite it in case DlPath moved since 'start'.
        _workspace.WriteProps(lab, _grader.TensorsAssembly);
        var verdict = _grader.Check(lab, _workspace.ProjectOf(lab), cancel);
        _lastVerdicts[lab.Id] = verdict;

        bool completes = false;
        if (verdict.Passed)
        {
            var passed = new HashSet<string>(_sink.PassedLabs(), StringComparer.Ordinal) { lab.Id };
            completes = _catalog.ForTask(lab.Task).All(l => passed.Contains(l.Id));
        }

        _sink.Record(lab, verdict, LabJson.Serialize(verdict, indented: false), completes);
        return verdict;
    }

    /// <summary>
    /// <c>dlpath lab hint &lt;id&gt;</c>: the hints for the failed checks of the last verdict (this session or
    /// <paramref name="lastVerdict"/> from the store), else the lab's hints in order.
    /// </summary>
    public LabHintResult Hint(string id, LabVerdict? lastVerdict = null)
    {
        var lab = _catalog.Get(id);
        lastVerdict ??= _lastVerdicts.GetValueOrDefault(lab.Id);
        if (lastVerdict is not null && !lastVerdict.Passed)
        {
            var failed = lastVerdict.Checks
                .Where(c => !c.Passed && c.Status != CheckStatus.NotRun)
                .Select(c => (c.Id, c.Hint ?? lab.HintFor(c.Id, c.Mistake) ?? ""))
                .Where(h => h.Item2.Length > 0)
                .ToList();
            if (failed.Count > 0) return new LabHintResult(lab.Id, true, failed);
        }

        var general = lab.Checks.Select(c => (c.Id, c.Hint)).ToList();
        return new LabHintResult(lab.Id, false, general);
    }
}
