using System.Globalization;

namespace DlPath.NN.Onnx;

/// <summary>
/// A <see cref="Sequential"/> checkpoint that knows its own architecture: the weights of a
/// <see cref="Checkpoint"/> file plus the metadata <see cref="SequentialSpec.MetadataKey"/> (layer list),
/// <see cref="SequentialSpec.InputShapeKey"/> and <see cref="SequentialSpec.LabelsKey"/>. Files saved by
/// <c>dlpath train fashion-mnist</c> (metadata <c>model=mlp|cnn</c>) load too.
/// </summary>
/// <param name="Model">The model with the file's weights, in eval mode.</param>
/// <param name="InputShape">The shape of one example, without the batch dimension, e.g. (1, 28, 28).</param>
/// <param name="Labels">One name per output class.</param>
/// <param name="Metadata">The file's metadata.</param>
public sealed record SequentialCheckpoint(Sequential Model, int[] InputShape, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The ten Fashion-MNIST classes, in label order.</summary>
    public static IReadOnlyList<string> FashionMnistLabels { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Saves <paramref name="model"/> with its architecture, input shape and labels so that <see cref="Load"/>
    /// (the server, the ONNX exporter) can rebuild it. <paramref name="labels"/> defaults to the Fashion-MNIST classes.
    /// </summary>
    public static void Save(string path, Sequential model, int[] inputShape, IReadOnlyList<string>? labels = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var meta = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata);
        meta[SequentialSpec.MetadataKey] = SequentialSpec.Describe(model);
        meta[SequentialSpec.InputShapeKey] = SequentialSpec.FormatShape(inputShape);
        meta[SequentialSpec.LabelsKey] = string.Join(',', labels ?? FashionMnistLabels);
        Checkpoint.Save(path, model, metadata: meta);
    }

    /// <summary>Loads a checkpoint written by <see cref="Save"/> or by the Fashion-MNIST trainer.</summary>
    /// <exception cref="InvalidDataException">The file is not a safetensors checkpoint, has no architecture, or its
    /// weights do not fit it; the message names the file and what is wrong.</exception>
    public static SequentialCheckpoint Load(string path)
    {
        string file = Path.GetFileName(path);
        var meta = SafeTensors.Load(path).Metadata;
        string? architecture = meta.GetValueOrDefault(SequentialSpec.MetadataKey);
        string? known = meta.TryGetValue("model", out var name) ? SequentialSpec.KnownArchitecture(name) : null;
        architecture ??= known ?? throw new InvalidDataException(
            $"checkpoint {file}: no '{SequentialSpec.MetadataKey}' metadata and no known 'model' name, so the model cannot be rebuilt (save it with SequentialCheckpoint.Save)");
        Sequential model;
        try
        {
            model = SequentialSpec.Build(architecture);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"checkpoint {file}: {e.Message}");
        }

        Checkpoint.Load(path, model);
        model.Eval();
        int[] inputShape = meta.TryGetValue(SequentialSpec.InputShapeKey, out var shapeText)
            ? ParseShape(shapeText, file)
            : known is not null ? [1, 28, 28] : throw new InvalidDataException($"checkpoint {file}: no '{SequentialSpec.InputShapeKey}' metadata (e.g. 1,28,28)");
        var labels = meta.TryGetValue(SequentialSpec.LabelsKey, out var labelText) ? labelText.Split(',') : (IReadOnlyList<string>)FashionMnistLabels;
        return new SequentialCheckpoint(model, inputShape, labels, meta);
    }

    private static int[] ParseShape(string text, string file)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var dims = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
            {
                throw new InvalidDataException($"checkpoint {file}: '{SequentialSpec.InputShapeKey}' is '{text}'; expected positive integers separated by commas");
            }
        }

        return dims;
    }
}
