using System.Text.Json.Serialization;

namespace DlPath.Course.Labs;

/// <summary>How one check ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    /// <summary>Within tolerance / the gate held.</summary>
    Passed,

    /// <summary>Ran and gave a wrong answer.</summary>
    Failed,

    /// <summary>The learner's function still throws NotImplementedException.</summary>
    NotImplemented,

    /// <summary>The learner's code threw (or a function is missing or has the wrong signature).</summary>
    Error,

    /// <summary>The check did not finish within the time limit (an infinite loop?).</summary>
    TimedOut,

    /// <summary>The grading process died during this check (stack overflow, out of memory, crash).</summary>
    Crashed,

    /// <summary>Not run because an earlier check timed out or crashed.</summary>
    NotRun,
}
