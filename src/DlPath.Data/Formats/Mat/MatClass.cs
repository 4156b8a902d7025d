namespace DlPath.Data.Formats.Mat;

/// <summary>
/// The MATLAB array class of a variable (the <c>mx*_CLASS</c> codes of the MAT level-5 format).
/// </summary>
public enum MatClass
{
    /// <summary>Cell array (<c>mxCELL_CLASS</c>).</summary>
    Cell = 1,
    /// <summary>Structure array (<c>mxSTRUCT_CLASS</c>).</summary>
    Struct = 2,
    /// <summary>Object (<c>mxOBJECT_CLASS</c>); not supported by the reader.</summary>
    Object = 3,
    /// <summary>Character array (<c>mxCHAR_CLASS</c>).</summary>
    Char = 4,
    /// <summary>Sparse array (<c>mxSPARSE_CLASS</c>).</summary>
    Sparse = 5,
    /// <summary>Double-precision array.</summary>
    Double = 6,
    /// <summary>Single-precision array.</summary>
    Single = 7,
    /// <summary>8-bit signed integer array.</summary>
    Int8 = 8,
    /// <summary>8-bit unsigned integer array (also the storage class of most logical arrays).</summary>
    UInt8 = 9,
    /// <summary>16-bit signed integer array.</summary>
    Int16 = 10,
    /// <summary>16-bit unsigned integer array.</summary>
    UInt16 = 11,
    /// <summary>32-bit signed integer array.</summary>
    Int32 = 12,
    /// <summary>32-bit unsigned integer array.</summary>
    UInt32 = 13,
    /// <summary>64-bit signed integer array.</summary>
    Int64 = 14,
    /// <summary>64-bit unsigned integer array.</summary>
    UInt64 = 15,
    /// <summary>Function handle; not supported by the reader.</summary>
    Function = 16,
    /// <summary>Opaque object (e.g. MATLAB classdef, tables); not supported by the reader.</summary>
    Opaque = 17,
}
