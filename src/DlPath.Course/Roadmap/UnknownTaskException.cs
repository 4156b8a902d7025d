namespace DlPath.Course.Roadmap;

/// <summary>A task id that is not in the roadmap; the message suggests the closest ids.</summary>
public sealed class UnknownTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownTaskException(string id, IReadOnlyList<string> suggestions)
        : base(suggestions.Count > 0
            ? $"unknown task '{id}': did you mean {string.Join(" or ", suggestions)}?"
            : $"unknown task '{id}': run 'dlpath plan' or 'dlpath status' to see the task ids")
    {
        Id = id;
        Suggestions = suggestions;
    }

    /// <summary>The id that was not found.</summary>
    public string Id { get; }

    /// <summary>The closest known ids, best first (may be empty).</summary>
    public IReadOnlyList<string> Suggestions { get; }
}
