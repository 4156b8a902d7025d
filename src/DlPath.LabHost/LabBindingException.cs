namespace DlPath.LabHost;

/// <summary>The learner's assembly lacks a type or method the lab grades, or it has another signature.</summary>
public sealed class LabBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabBindingException(string message) : base(message)
    {
    }
}
