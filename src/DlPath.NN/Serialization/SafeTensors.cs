using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), which Python's
/// <c>safetensors.torch.save_file</c>/<c>load_file</c> use: an 8-byte little-endian header length N, N bytes of
/// JSON (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {str: str}}</c>,
/// padded with spaces to a multiple of 8), then the raw little-endian tensor bytes. Supports F32, F64, I64 and BOOL.
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (in their order) and string <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically: the bytes go to a temporary file next to it, which then replaces the
    /// target, so a crash never leaves a half-written checkpoint.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Serialize(tensors, metadata);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>The file's bytes for <paramref name="tensors"/> and <paramref name="metadata"/>.</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();
        var list = tensors.Select(kv => (kv.Key, Tensor: kv.Value.Detach().Contiguous())).ToList();
        var names = new HashSet<string>();
        foreach (var (name, _) in list)
        {
            if (name == "__metadata__" || !names.Add(name)) throw new ArgumentException($"safetensors: tensor name '{name}' is reserved or appears twice");
        }

        using var headerStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(headerStream))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, t) in list)
            {
                long size = (long)t.Numel * t.DType.ElementSize();
                w.WriteStartObject(name);
                w.WriteString("dtype", Code(t.DType));
                w.WriteStartArray("shape");
                foreach (int d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + size);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += size;
            }

            w.WriteEndObject();
        }

        // Pad the header with spaces so the data starts 8-byte aligned, as the Python writer does.
        var header = headerStream.ToArray().ToList();
        while ((header.Count + 8) % 8 != 0) header.Add((byte)' ');
        using var output = new MemoryStream();
        Span<byte> len = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Count);
        output.Write(len);
        output.Write(header.ToArray());
        foreach (var (_, t) in list) output.Write(RawBytes(t));
        return output.ToArray();
    }

    /// <summary>Reads a safetensors file: its tensors in header order and its metadata. Errors name the file and the tensor.</summary>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: no file at {path}", path);
        return Deserialize(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names them in errors.</summary>
    public static SafeTensorsContent Deserialize(ReadOnlySpan<byte> bytes, string source = "safetensors data")
    {
        RequireLittleEndian();
        if (bytes.Length < 8) throw new InvalidDataException($"{source}: too short for a safetensors file ({bytes.Length} bytes)");
        ulong n = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"{source}: header length {n} runs past the end of the file ({bytes.Length} bytes)");
        var data = bytes[(8 + (int)n)..];
        var tensors = new OrderedDictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes.Slice(8, (int)n)).TrimEnd(' '));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the header is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var entries = new List<(string Name, DType DType, int[] Shape, long Begin, long End)>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    foreach (var m in prop.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? string.Empty;
                    continue;
                }

                string code = prop.Value.GetProperty("dtype").GetString() ?? string.Empty;
                var dtype = ParseCode(code, prop.Name, source);
                int[] shape = prop.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                long[] off = prop.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (off.Length != 2 || off[0] < 0 || off[1] < off[0] || off[1] > data.Length)
                {
                    throw new InvalidDataException($"{source}: tensor '{prop.Name}' has data offsets [{string.Join(",", off)}] outside the {data.Length} data bytes");
                }

                long expected = (long)ShapeUtil.Numel(shape) * dtype.ElementSize();
                if (off[1] - off[0] != expected)
                {
                    throw new InvalidDataException($"{source}: tensor '{prop.Name}' of shape {ShapeUtil.Format(shape)} {code} needs {expected} bytes, its offsets span {off[1] - off[0]}");
                }

                entries.Add((prop.Name, dtype, shape, off[0], off[1]));
            }

            // Tensors come back in the order of their data (the writer's order), which is also the model's order.
            foreach (var e in entries.OrderBy(e => e.Begin))
            {
                tensors[e.Name] = FromBytes(data[(int)e.Begin..(int)e.End], e.DType, e.Shape);
            }
        }

        return new SafeTensorsContent(tensors, metadata);
    }

    private static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    private static DType ParseCode(string code, string name, string source) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I64" => DType.Int64,
        "BOOL" => DType.Bool,
        _ => throw new InvalidDataException($"{source}: tensor '{name}' has dtype {code}, which DlPath does not read (F32, F64, I64, BOOL); convert it in Python with .float()"),
    };

    private static byte[] RawBytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.AsSpan<float>()).ToArray(),
        DType.Float64 => MemoryMarshal.AsBytes(t.AsSpan<double>()).ToArray(),
        DType.Int64 => MemoryMarshal.AsBytes(t.AsSpan<long>()).ToArray(),
        _ => MemoryMarshal.AsBytes(t.AsSpan<bool>()).ToArray(),
    };

    private static Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, int[] shape) => dtype switch
    {
        DType.Float32 => Tensor.FromArray(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
        DType.Float64 => Tensor.FromArray(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
        DType.Int64 => Tensor.FromArray(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
        _ => Tensor.FromArray(bytes.ToArray().Select(b => b != 0).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape),
    };

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors: this reader/writer needs a little-endian machine");
    }
}
