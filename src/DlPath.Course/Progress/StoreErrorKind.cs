namespace DlPath.Course.Progress;

/// <summary>Why the progress store refused an operation.</summary>
public enum StoreErrorKind
{
    /// <summary>The file is damaged or is not a database at all.</summary>
    Corrupt,

    /// <summary>The file or database belongs to another program.</summary>
    Foreign,

    /// <summary>The database was written by a newer DlPath with a schema this one does not know.</summary>
    Newer,

    /// <summary>The database cannot be reached or opened (permissions, server down, bad connection string).</summary>
    Unavailable,

    /// <summary>The data given is invalid (hours out of range, an import file that does not parse...).</summary>
    Invalid,

    /// <summary>The operation would overwrite existing progress without being asked to.</summary>
    Conflict,
}
