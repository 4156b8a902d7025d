namespace DlPath.Course.Review.Bank;

/// <summary>The lower-case names used in bank files, JSON and the command line.</summary>
public static class AreaNames
{
    /// <summary><c>math</c>, <c>ml</c>, <c>dl</c> or <c>dsa</c>.</summary>
    public static string ToName(this Area area) => area switch
    {
        Area.Math => "math",
        Area.Ml => "ml",
        Area.Dl => "dl",
        Area.Dsa => "dsa",
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, null),
    };

    /// <summary><c>recall</c>, <c>choice</c> or <c>generated</c>.</summary>
    public static string ToName(this CardKind kind) => kind switch
    {
        CardKind.Recall => "recall",
        CardKind.Choice => "choice",
        CardKind.Generated => "generated",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses an area name (case-insensitive).</summary>
    public static bool TryParseArea(string? text, out Area area)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "math": area = Area.Math; return true;
            case "ml": area = Area.Ml; return true;
            case "dl": area = Area.Dl; return true;
            case "dsa": area = Area.Dsa; return true;
            default: area = default; return false;
        }
    }

    /// <summary>Parses a kind name (case-insensitive).</summary>
    public static bool TryParseKind(string? text, out CardKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "recall": kind = CardKind.Recall; return true;
            case "choice": kind = CardKind.Choice; return true;
            case "generated": kind = CardKind.Generated; return true;
            default: kind = default; return false;
        }
    }
}
