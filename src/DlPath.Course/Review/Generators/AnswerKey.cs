using System.Globalization;

namespace DlPath.Course.Review.Generators;

/// <summary>
/// The expected numbers of a generated card and the rule that checks a learner's answer exactly.
/// </summary>
/// <remarks>
/// An answer is a list of numbers separated by commas, spaces or semicolons (brackets are ignored). A
/// whole number or a fraction <c>a/b</c> must equal the expected value exactly. A decimal must equal the
/// expected value rounded to the number of decimals written, and carry at least
/// <see cref="MinimumDecimals"/> decimals unless it is exact (so 1/3 accepts <c>0.333</c> and
/// <c>0.3333</c>, but not <c>0.33</c> or <c>0.334</c>; 1/2 accepts <c>0.5</c>).
/// </remarks>
public sealed class AnswerKey
{
    /// <summary>Decimals an inexact decimal answer must carry.</summary>
    public const int MinimumDecimals = 3;

    private readonly decimal[] _values;
    private readonly Fraction?[] _exact;

    private AnswerKey(decimal[] values, Fraction?[] exact)
    {
        _values = values;
        _exact = exact;
    }

    /// <summary>Number of values expected.</summary>
    public int Count => _values.Length;

    /// <summary>A key of exact rational values.</summary>
    public static AnswerKey Exact(params Fraction[] values) =>
        new([.. values.Select(v => v.ToDecimal())], [.. values.Select(v => (Fraction?)v)]);

    /// <summary>A key of real values known only approximately (e.g. a softmax), checked by rounding.</summary>
    public static AnswerKey Real(params double[] values) =>
        new([.. values.Select(v => (decimal)v)], new Fraction?[values.Length]);

    /// <summary>The canonical answer: fractions as <c>a/b</c>, reals to 4 decimals.</summary>
    public string Format() => string.Join(", ", _values.Select((v, i) => _exact[i] is { } f
        ? f.ToString()
        : Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture)));

    /// <summary>Whether <paramref name="response"/> matches every expected value, in order.</summary>
    public bool Check(string? response) => Explain(response) is null;

    /// <summary>Null when the answer is right; otherwise a short reason a learner can act on.</summary>
    public string? Explain(string? response)
    {
        if (string.IsNullOrWhiteSpace(response))
        {
            return "no answer given";
        }

        var tokens = response.Split([',', ' ', ';', '\t', '(', ')', '[', ']'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != _values.Length)
        {
            return $"expected {_values.Length} number(s), got {tokens.Length}";
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            if (!Matches(tokens[i], i))
            {
                return $"value #{i + 1} ('{tokens[i]}') is not right";
            }
        }

        return null;
    }

    private bool Matches(string token, int i)
    {
        if (token.Contains('/') || !token.Contains('.'))
        {
            if (!Fraction.TryParse(token, out var f))
            {
                return false;
            }

            return _exact[i] is { } exact ? f == exact : f.ToDecimal() == _values[i];
        }

        if (!decimal.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
        {
            return false;
        }

        int decimals = token.Length - token.IndexOf('.', StringComparison.Ordinal) - 1;
        if (_exact[i] is { } ex && d * ex.Denominator == ex.Numerator)
        {
            return true;
        }

        return decimals >= MinimumDecimals && Math.Round(_values[i], decimals, MidpointRounding.AwayFromZero) == d;
    }
}
