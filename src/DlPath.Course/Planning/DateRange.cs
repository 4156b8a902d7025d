using System.Globalization;

namespace DlPath.Course.Planning;

/// <summary>An inclusive range of days, written <c>2026-12-24..2027-01-01</c> (or one date for one day).</summary>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive).</param>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    /// <summary>True when <paramref name="day"/> is inside the range.</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>Parses <c>YYYY-MM-DD..YYYY-MM-DD</c> or <c>YYYY-MM-DD</c>; the message names the bad part.</summary>
    public static DateRange Parse(string text)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"'{text}' is not a date range: write START..END, for example 2026-12-24..2027-01-01");
        }

        var start = ParseDate(parts[0], text);
        var end = parts.Length == 2 ? ParseDate(parts[1], text) : start;
        if (end < start)
        {
            throw new FormatException($"'{text}': the range ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
        }

        return new DateRange(start, end);
    }

    /// <summary>Parses a calendar date in ISO 8601 form (<c>YYYY-MM-DD</c>).</summary>
    public static DateOnly ParseDate(string text, string? context = null)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        var where = context is not null && context != text ? $" in '{context}'" : "";
        throw new FormatException($"'{text}'{where} is not a date: use YYYY-MM-DD, for example 2026-12-07");
    }

    /// <inheritdoc />
    public override string ToString() =>
        Start == End ? Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                     : $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
