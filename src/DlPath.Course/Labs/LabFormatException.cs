namespace DlPath.Course.Labs;

/// <summary>A lab folder or lab.json that does not follow the lab format; the message names the file and field.</summary>
public sealed class LabFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LabFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
