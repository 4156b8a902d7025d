namespace DlPath.Course.Progress;

/// <summary>
/// Times are stored in UTC with millisecond precision so that SQLite (text) and PostgreSQL (microseconds)
/// give back exactly what was written, and exports round-trip byte for byte.
/// </summary>
public static class Timestamps
{
    /// <summary>The time in UTC, truncated to whole milliseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset t)
    {
        var utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
