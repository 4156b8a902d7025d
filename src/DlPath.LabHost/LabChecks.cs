namespace DlPath.LabHost;

/// <summary>The check implementations of one lab, registered under the ids its lab.json lists.</summary>
public abstract class LabChecks
{
    private readonly Dictionary<string, Func<CheckContext, CheckOutcome>> _checks = new(StringComparer.Ordinal);

    /// <summary>The lab id.</summary>
    public abstract string LabId { get; }

    /// <summary>Check implementations by id.</summary>
    public IReadOnlyDictionary<string, Func<CheckContext, CheckOutcome>> Checks => _checks;

    /// <summary>Registers the implementation of check <paramref name="id"/>.</summary>
    protected void Add(string id, Func<CheckContext, CheckOutcome> check) => _checks.Add(id, check);
}
