namespace DlPath.Data.Formats.Mat;

/// <summary>The data types (<c>mi*</c> codes) of MAT level-5 data elements.</summary>
internal enum MatDataType
{
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Single = 7,
    Double = 9,
    Int64 = 12,
    UInt64 = 13,
    Matrix = 14,
    Compressed = 15,
    Utf8 = 16,
    Utf16 = 17,
    Utf32 = 18,
}

/// <summary>Sizes and names of <see cref="MatDataType"/> values.</summary>
internal static class MatDataTypes
{
    /// <summary>Bytes per element of a numeric or text data type, or 0 for container types and unknown codes.</summary>
    public static int ElementSize(int type) => (MatDataType)type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 or MatDataType.Utf16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single or MatDataType.Utf32 => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>The spec's name of a data type code, e.g. <c>miDOUBLE</c>, for error messages.</summary>
    public static string Name(int type) => Enum.IsDefined(typeof(MatDataType), type)
        ? "mi" + ((MatDataType)type).ToString().ToUpperInvariant()
        : $"unknown data type {type}";
}
