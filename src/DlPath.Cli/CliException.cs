namespace DlPath.Cli;

/// <summary>A mistake the learner can fix: printed as one clear message, never as a stack trace.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(string message)
        : base(message)
    {
    }
}
