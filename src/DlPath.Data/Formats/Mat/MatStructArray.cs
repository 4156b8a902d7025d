namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A MATLAB structure array: <see cref="FieldNames"/> and, for each element (row-major order) and field,
/// a value. Most saved structs are 1x1; for those <c>s["field"]</c> reads a field directly.
/// </summary>
public sealed class MatStructArray : MatVariable
{
    private readonly MatVariable[] _values; // element-major: [element * fieldCount + field]
    private readonly string[] _fieldNames;

    internal MatStructArray(string name, int[] dims, bool isGlobal, string[] fieldNames, MatVariable[] values)
        : base(name, MatClass.Struct, dims, isGlobal)
    {
        _fieldNames = fieldNames;
        _values = values;
    }

    /// <summary>The field names in the order they were saved.</summary>
    public IReadOnlyList<string> FieldNames => _fieldNames;

    /// <summary>A field of a 1x1 struct.</summary>
    /// <exception cref="InvalidOperationException">The struct array has more than one element.</exception>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    public MatVariable this[string field] => Count == 1
        ? Get(0, field)
        : throw new InvalidOperationException($"'{Name}' is a {DimsText} struct array; use Get(element, \"{field}\")");

    /// <summary>A field of the element at a row-major <paramref name="element"/> index.</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The element index is out of range.</exception>
    public MatVariable Get(int element, string field)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(element, Count);
        int f = Array.IndexOf(_fieldNames, field);
        if (f < 0)
        {
            throw new KeyNotFoundException($"struct '{Name}' has no field '{field}'; its fields are: {string.Join(", ", FieldNames)}");
        }
        return _values[element * _fieldNames.Length + f];
    }
}
