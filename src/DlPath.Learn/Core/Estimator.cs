using System.Reflection;

namespace DlPath.Learn;

/// <summary>
/// Base class of every DlPath.Learn estimator. Hyper-parameters are public settable properties marked
/// <see cref="HyperParameterAttribute"/> (scikit-learn keeps them as constructor arguments); fitted state is
/// everything else. Parameters are found by reflection so <see cref="Clone"/>, grid search and
/// cross-validation work for every estimator without per-class code.
/// </summary>
public abstract class Estimator : IEstimator
{
    /// <summary>True once <c>Fit</c> has completed.</summary>
    public bool IsFitted { get; protected set; }

    /// <summary>The estimator's name in messages (its type name).</summary>
    protected string Name => GetType().Name;

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<string, object?> GetParams()
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in HyperParameters(GetType()))
        {
            result[p.Name] = p.GetValue(this);
        }
        return result;
    }

    /// <inheritdoc />
    public virtual IEstimator SetParams(IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (name, value) in parameters)
        {
            SetParam(name, value);
        }
        return this;
    }

    /// <summary>Sets one hyper-parameter by name, converting numbers between int and double where needed.</summary>
    /// <exception cref="ArgumentException">Unknown name or a value of the wrong type.</exception>
    public virtual void SetParam(string name, object? value)
    {
        var p = HyperParameters(GetType()).FirstOrDefault(q => q.Name == name)
            ?? throw new ArgumentException($"{Name}.SetParams: unknown hyper-parameter '{name}'; known: {string.Join(", ", HyperParameters(GetType()).Select(q => q.Name))}", nameof(name));
        p.SetValue(this, ConvertValue(value, p.PropertyType, $"{Name}.{name}"));
    }

    /// <inheritdoc />
    public virtual IEstimator Clone()
    {
        var copy = (Estimator)(Activator.CreateInstance(GetType())
            ?? throw new InvalidOperationException($"{Name}: cannot create a new instance to clone into"));
        foreach (var p in HyperParameters(GetType()))
        {
            var value = p.GetValue(this);
            p.SetValue(copy, value is IEstimator e ? e.Clone() : value);
        }
        return copy;
    }

    /// <summary>Throws <see cref="NotFittedException"/> unless <c>Fit</c> has run.</summary>
    protected void EnsureFitted(string operation)
    {
        if (!IsFitted)
        {
            throw new NotFittedException(Name, operation);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}({string.Join(", ", GetParams().Select(kv => $"{kv.Key}={FormatValue(kv.Value)}"))})";

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    internal static IEnumerable<PropertyInfo> HyperParameters(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<HyperParameterAttribute>() != null)
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    internal static object? ConvertValue(object? value, Type target, string what)
    {
        if (value == null)
        {
            if (target.IsValueType && Nullable.GetUnderlyingType(target) == null)
            {
                throw new ArgumentException($"{what}: null is not a valid {target.Name}");
            }
            return null;
        }
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying.IsInstanceOfType(value))
        {
            return value;
        }
        if (underlying.IsEnum && value is string name && Enum.TryParse(underlying, name, ignoreCase: true, out var parsed))
        {
            return parsed;
        }
        if (value is IConvertible && (underlying == typeof(double) || underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(float)))
        {
            double d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            if (underlying != typeof(double) && underlying != typeof(float) && d != Math.Floor(d))
            {
                throw new ArgumentException($"{what}: {d} is not a whole number");
            }
            return Convert.ChangeType(d, underlying, System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new ArgumentException($"{what}: a {value.GetType().Name} cannot be used as a {underlying.Name}");
    }
}
