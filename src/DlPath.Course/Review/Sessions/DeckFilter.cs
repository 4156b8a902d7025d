using DlPath.Course.Review.Bank;

namespace DlPath.Course.Review.Sessions;

/// <summary>Which cards a session draws from: one area, or all of them (<c>mixed</c>).</summary>
public enum DeckFilter
{
    /// <summary>Every area, DSA included.</summary>
    Mixed,

    /// <summary>Math only.</summary>
    Math,

    /// <summary>Classical ML only.</summary>
    Ml,

    /// <summary>Deep learning only.</summary>
    Dl,

    /// <summary>Data structures and algorithms only.</summary>
    Dsa,
}

/// <summary>Parsing and matching of <see cref="DeckFilter"/>.</summary>
public static class DeckFilters
{
    /// <summary>Parses <c>math|ml|dl|dsa|mixed</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Anything else; the message lists the choices.</exception>
    public static DeckFilter Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "mixed" => DeckFilter.Mixed,
        "math" => DeckFilter.Math,
        "ml" => DeckFilter.Ml,
        "dl" => DeckFilter.Dl,
        "dsa" => DeckFilter.Dsa,
        _ => throw new FormatException($"deck '{text}' is not one of math, ml, dl, dsa, mixed."),
    };

    /// <summary>Whether a card of <paramref name="area"/> belongs to the deck.</summary>
    public static bool Includes(this DeckFilter deck, Area area) => deck switch
    {
        DeckFilter.Mixed => true,
        DeckFilter.Math => area == Area.Math,
        DeckFilter.Ml => area == Area.Ml,
        DeckFilter.Dl => area == Area.Dl,
        DeckFilter.Dsa => area == Area.Dsa,
        _ => false,
    };
}
