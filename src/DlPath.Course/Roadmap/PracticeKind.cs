namespace DlPath.Course.Roadmap;

/// <summary>What kind of DlPath practice item a task points to.</summary>
public enum PracticeKind
{
    /// <summary>A cs231n-style lab with stubs and an offline grader (<c>dlpath lab start ID</c>).</summary>
    Lab,

    /// <summary>An end-to-end project program (<c>dlpath project ID</c>).</summary>
    Project,

    /// <summary>One of the ML course's programming exercises on its original data.</summary>
    Exercise,

    /// <summary>A spaced-repetition review deck (<c>dlpath quiz</c>).</summary>
    Deck,
}
