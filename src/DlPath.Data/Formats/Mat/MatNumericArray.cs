namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A numeric or logical MATLAB array. Whatever its class (double, single, int8..uint64, logical) and
/// whatever data type the file stored it in (MATLAB often stores a double matrix of small integers as
/// <c>miUINT8</c>), the values are handed out as <see cref="double"/>.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> MATLAB stores arrays column-major (first index fastest). <see cref="Values"/> is
/// <b>row-major</b> (last index fastest), the order of C, NumPy and DlPath tensors: for an r x c matrix,
/// MATLAB's <c>X(i+1, j+1)</c> is <c>Values[i * c + j]</c>; for the 128x128x3 bird image,
/// <c>A(y+1, x+1, ch+1)</c> is <c>Values[(y * 128 + x) * 3 + ch]</c> (height, width, channel).</para>
/// <para>64-bit integers beyond 2^53 lose precision in the conversion to double.</para>
/// </remarks>
public sealed class MatNumericArray : MatVariable
{
    internal MatNumericArray(string name, MatClass matClass, int[] dims, bool isGlobal, bool isLogical, double[] values, double[]? imaginary)
        : base(name, matClass, dims, isGlobal)
    {
        IsLogical = isLogical;
        Values = values;
        Imaginary = imaginary;
    }

    /// <summary>Whether the array is a MATLAB <c>logical</c> (values are 0 or 1).</summary>
    public bool IsLogical { get; }

    /// <summary>Whether the array has an imaginary part (<see cref="Imaginary"/>).</summary>
    public bool IsComplex => Imaginary is not null;

    /// <summary>The real parts in row-major order (see the remarks on the class). This is the reader's own
    /// array, not a copy.</summary>
    public double[] Values { get; }

    /// <summary>The imaginary parts in row-major order, or null for a real array.</summary>
    public double[]? Imaginary { get; }

    /// <summary>Rows of a 2-D array (<c>size(x, 1)</c>).</summary>
    public int Rows => Dims[0];

    /// <summary>Columns of a 2-D array (<c>size(x, 2)</c>); for an n-d array, the product of the trailing dims.</summary>
    public int Columns => Dims.Count == 2 ? Dims[1] : Count / Math.Max(1, Dims[0]);

    /// <summary>The element at a (zero-based) index with one entry per dimension.</summary>
    /// <exception cref="ArgumentException">The index has the wrong rank or is out of range.</exception>
    public double this[params int[] index]
    {
        get
        {
            if (index.Length != Dims.Count)
            {
                throw new ArgumentException($"'{Name}' has {Dims.Count} dimensions ({DimsText}) but the index has {index.Length}", nameof(index));
            }
            int flat = 0;
            for (int k = 0; k < index.Length; k++)
            {
                if ((uint)index[k] >= (uint)Dims[k])
                {
                    throw new ArgumentException($"index {index[k]} is out of range for dimension {k} of '{Name}' ({DimsText})", nameof(index));
                }
                flat = flat * Dims[k] + index[k];
            }
            return Values[flat];
        }
    }

    /// <summary>The value of a 1x1 array (MATLAB scalars such as <c>num_users</c>).</summary>
    /// <exception cref="InvalidOperationException">The array is not 1x1.</exception>
    public double Scalar => Count == 1
        ? Values[0]
        : throw new InvalidOperationException($"'{Name}' is {DimsText}, not a scalar");

    /// <summary>Copies a 2-D array into a <c>double[rows, cols]</c> (MATLAB's <c>X(i+1, j+1)</c> is <c>[i, j]</c>).</summary>
    /// <exception cref="InvalidOperationException">The array has more than two dimensions.</exception>
    public double[,] ToMatrix()
    {
        if (Dims.Count != 2)
        {
            throw new InvalidOperationException($"'{Name}' is {DimsText} ({Dims.Count}-D); ToMatrix needs a 2-D array, use Values and Dims instead");
        }
        var m = new double[Dims[0], Dims[1]];
        Buffer.BlockCopy(Values, 0, m, 0, Values.Length * sizeof(double));
        return m;
    }

    /// <summary>The values of a row or column vector (e.g. the course's 12x1 <c>y</c>) as a plain array copy.</summary>
    /// <exception cref="InvalidOperationException">The array is not a vector.</exception>
    public double[] ToVector()
    {
        int nonSingleton = Dims.Count(d => d != 1);
        if (nonSingleton > 1)
        {
            throw new InvalidOperationException($"'{Name}' is {DimsText}, not a vector");
        }
        return (double[])Values.Clone();
    }

    /// <summary>The values rounded to <see cref="int"/>, e.g. for label vectors such as <c>y</c>.</summary>
    /// <exception cref="InvalidOperationException">A value is not an integer in the range of int.</exception>
    public int[] ToInt32()
    {
        var result = new int[Values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double v = Values[i];
            if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
            {
                throw new InvalidOperationException($"'{Name}' element {i} is {v}, not an integer");
            }
            result[i] = (int)v;
        }
        return result;
    }
}
