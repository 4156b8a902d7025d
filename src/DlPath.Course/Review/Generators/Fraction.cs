using System.Globalization;
using System.Numerics;

namespace DlPath.Course.Review.Generators;

/// <summary>An exact rational number (normalised, positive denominator) for checking numeric answers exactly.</summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    /// <summary>Creates <paramref name="numerator"/> / <paramref name="denominator"/> in lowest terms.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Fraction(long numerator, long denominator = 1)
    {
        if (denominator == 0)
        {
            throw new DivideByZeroException($"fraction {numerator}/0 has a zero denominator.");
        }

        long g = (long)BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (g == 0)
        {
            g = 1;
        }

        if (denominator < 0)
        {
            g = -g;
        }

        Numerator = numerator / g;
        Denominator = denominator / g;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public long Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public long Denominator { get; }

    /// <summary>Whether the value is a whole number.</summary>
    public bool IsInteger => Denominator == 1;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>The value as a decimal (28 significant digits).</summary>
    public decimal ToDecimal() => (decimal)Numerator / Denominator;

    /// <summary>Converts an integer.</summary>
    public static implicit operator Fraction(long value) => new(value);

    /// <summary>Sum.</summary>
    public static Fraction operator +(Fraction a, Fraction b) =>
        new(checked(a.Numerator * b.Denominator + b.Numerator * a.Denominator), checked(a.Denominator * b.Denominator));

    /// <summary>Difference.</summary>
    public static Fraction operator -(Fraction a, Fraction b) => a + -b;

    /// <summary>Negation.</summary>
    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    /// <summary>Product.</summary>
    public static Fraction operator *(Fraction a, Fraction b) =>
        new(checked(a.Numerator * b.Numerator), checked(a.Denominator * b.Denominator));

    /// <summary>Quotient.</summary>
    public static Fraction operator /(Fraction a, Fraction b) =>
        new(checked(a.Numerator * b.Denominator), checked(a.Denominator * b.Numerator));

    /// <summary>Ordering.</summary>
    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public int CompareTo(Fraction other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <summary>Parses <c>3</c>, <c>-3/7</c> (not decimals: those are checked by rounding).</summary>
    public static bool TryParse(string text, out Fraction value)
    {
        value = default;
        var parts = text.Split('/');
        if (parts.Length is < 1 or > 2
            || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return false;
        }

        long d = 1;
        if (parts.Length == 2 && (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out d) || d == 0))
        {
            return false;
        }

        value = new Fraction(n, d);
        return true;
    }

    /// <summary><c>a/b</c>, or <c>a</c> for whole numbers.</summary>
    public override string ToString() => IsInteger
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
