namespace DlPath.Data.Formats.Mat;

/// <summary>
/// The variables of a MATLAB MAT level-5 file (<c>save</c> up to <c>-v7</c>; the format of the ML course's
/// <c>.mat</c> files), read into plain .NET arrays.
/// </summary>
/// <example>
/// <code>
/// var mat = MatFile.Read("ex5data1.mat");
/// double[,] X = mat.GetMatrix("X");          // 12 x 1
/// var theta1 = MatFile.Read("ex4weights.mat").GetNumeric("Theta1");  // Dims 25 x 401, Values row-major
/// </code>
/// </example>
/// <remarks>
/// Numeric arrays come out row-major (see <see cref="MatNumericArray"/>). Compressed (<c>-v7</c>) and
/// uncompressed variables, both byte orders, every numeric storage type, logical, char, cell, struct and
/// sparse arrays are read; objects, function handles and v7.3 (HDF5) files are reported as unsupported.
/// Malformed input raises <see cref="MatFormatException"/> (a <see cref="DataFormatException"/>).
/// </remarks>
public sealed class MatFile
{
    private readonly Dictionary<string, MatVariable> _byName;

    internal MatFile(string fileName, string header, bool isBigEndian, List<MatVariable> variables)
    {
        FileName = fileName;
        Header = header;
        IsBigEndian = isBigEndian;
        Variables = variables;
        _byName = new Dictionary<string, MatVariable>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            _byName[v.Name] = v; // MATLAB cannot save two variables of one name; if a file does, the last wins as in load()
        }
    }

    /// <summary>Reads a MAT file from disk.</summary>
    /// <exception cref="MatFormatException">The file is not a readable MAT level-5 file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static MatFile Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Reads a MAT file from a stream (read to its end).</summary>
    /// <param name="stream">The MAT file's bytes.</param>
    /// <param name="sourceName">The name used in error messages, typically the file name.</param>
    public static MatFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), sourceName);
    }

    /// <summary>Parses the bytes of a MAT file.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="sourceName">The name used in error messages, typically the file name.</param>
    public static MatFile Parse(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MatParser(sourceName).Parse(data);
    }

    /// <summary>The file (or source) name the data came from, as used in error messages.</summary>
    public string FileName { get; }

    /// <summary>The header text, e.g. <c>MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: ...</c>.</summary>
    public string Header { get; }

    /// <summary>Whether the file was written big-endian ("MI").</summary>
    public bool IsBigEndian { get; }

    /// <summary>The variables in file order.</summary>
    public IReadOnlyList<MatVariable> Variables { get; }

    /// <summary>The variable names in file order.</summary>
    public IEnumerable<string> Names => Variables.Select(v => v.Name);

    /// <summary>The variable of a name.</summary>
    /// <exception cref="KeyNotFoundException">No such variable; the message lists the ones there are.</exception>
    public MatVariable this[string name] => _byName.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"MAT file '{FileName}' has no variable '{name}'; it has: {string.Join(", ", Names)}");

    /// <summary>Whether the file has a variable of this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks a variable up without throwing.</summary>
    public bool TryGetVariable(string name, out MatVariable? variable) => _byName.TryGetValue(name, out variable);

    /// <summary>A numeric or logical variable (a sparse one is expanded to dense).</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    /// <exception cref="InvalidOperationException">The variable is not numeric.</exception>
    public MatNumericArray GetNumeric(string name) => this[name] switch
    {
        MatNumericArray n => n,
        MatSparseArray s => s.ToDense(),
        var other => throw new InvalidOperationException($"MAT file '{FileName}': variable '{name}' is a {other.DimsText} {other.Class} array, not a numeric one"),
    };

    /// <summary>A 2-D numeric variable as <c>double[rows, cols]</c>.</summary>
    public double[,] GetMatrix(string name) => GetNumeric(name).ToMatrix();
}
