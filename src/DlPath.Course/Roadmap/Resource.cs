namespace DlPath.Course.Roadmap;

/// <summary>A resource the guide points to for a task: a course, a paper, a book, a documentation page.</summary>
/// <param name="Title">Human-readable title.</param>
/// <param name="Url">Absolute http(s) link.</param>
public sealed record Resource(string Title, string Url);
