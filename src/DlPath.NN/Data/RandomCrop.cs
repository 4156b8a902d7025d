using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Pads each image by <see cref="Padding"/> pixels on every side (with <see cref="Fill"/>), then cuts out a
/// <see cref="Height"/> x <see cref="Width"/> window at a random position (<c>torchvision.transforms.RandomCrop</c>,
/// https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomCrop.html) — the classic CIFAR
/// augmentation "pad 4, crop 32". Positions are drawn as torchvision draws them: top = randint(0, H' - h + 1),
/// then left = randint(0, W' - w + 1), one image after the other; no draw when the padded image already has the
/// crop's size.
/// </summary>
public sealed class RandomCrop : Transform
{
    private readonly Generator? _generator;

    /// <summary>Creates a square crop.</summary>
    /// <param name="size">Output height and width.</param>
    /// <param name="padding">Pixels added on each side before cropping.</param>
    /// <param name="fill">Value of the padding pixels.</param>
    /// <param name="generator">Draws the positions; default <see cref="Generator.Default"/>.</param>
    public RandomCrop(int size, int padding = 0, double fill = 0, Generator? generator = null)
        : this(size, size, padding, fill, generator)
    {
    }

    /// <summary>Creates a height x width crop.</summary>
    /// <param name="height">Output height.</param>
    /// <param name="width">Output width.</param>
    /// <param name="padding">Pixels added on each side before cropping.</param>
    /// <param name="fill">Value of the padding pixels.</param>
    /// <param name="generator">Draws the positions; default <see cref="Generator.Default"/>.</param>
    public RandomCrop(int height, int width, int padding = 0, double fill = 0, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        Height = height;
        Width = width;
        Padding = padding;
        Fill = fill;
        _generator = generator;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Pixels of padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Value of the padding pixels.</summary>
    public double Fill { get; }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor input)
    {
        var batch = AsBatch(input, "RandomCrop");
        int h = batch.Size(2) + (2 * Padding), w = batch.Size(3) + (2 * Padding);
        if (h < Height || w < Width)
        {
            throw new ShapeException($"RandomCrop: the crop {Height}x{Width} is larger than the padded image {h}x{w} (input {input.ShapeString}, padding {Padding})");
        }

        var shape = batch.ShapeArray();
        shape[2] = Height;
        shape[3] = Width;
        var output = Tensor.Zeros(shape, batch.DType);
        switch (batch.DType)
        {
            case DType.Float32: Run(batch, output, (float)Fill); break;
            case DType.Float64: Run(batch, output, Fill); break;
            case DType.Int64: Run(batch, output, (long)Fill); break;
            default: throw new ArgumentException($"RandomCrop: dtype {batch.DType.Name()} is not supported");
        }

        return Restore(output, input);
    }

    private void Run<T>(Tensor batch, Tensor output, T fill)
        where T : unmanaged
    {
        var g = _generator ?? Generator.Default;
        int n = batch.Size(0), channels = batch.Size(1), ih = batch.Size(2), iw = batch.Size(3);
        int ph = ih + (2 * Padding), pw = iw + (2 * Padding);
        ReadOnlySpan<T> src = batch.AsSpan<T>();
        Span<T> dst = output.AsSpan<T>();
        Span<long> draw = stackalloc long[1];
        for (int i = 0; i < n; i++)
        {
            int top = 0, left = 0;
            if (ph != Height || pw != Width)
            {
                g.RandInt(draw, 0, ph - Height + 1);
                top = (int)draw[0];
                g.RandInt(draw, 0, pw - Width + 1);
                left = (int)draw[0];
            }

            // Output column x reads input column left + x - Padding; the valid ones form one contiguous run.
            int colStart = Math.Clamp(Padding - left, 0, Width);
            int colEnd = Math.Clamp(iw + Padding - left, colStart, Width);
            for (int c = 0; c < channels; c++)
            {
                int inPlane = ((i * channels) + c) * ih * iw, outPlane = ((i * channels) + c) * Height * Width;
                for (int y = 0; y < Height; y++)
                {
                    var row = dst.Slice(outPlane + (y * Width), Width);
                    int sy = top + y - Padding;
                    if (sy < 0 || sy >= ih)
                    {
                        row.Fill(fill);
                        continue;
                    }

                    row[..colStart].Fill(fill);
                    src.Slice(inPlane + (sy * iw) + left + colStart - Padding, colEnd - colStart).CopyTo(row[colStart..colEnd]);
                    row[colEnd..].Fill(fill);
                }
            }
        }
    }
}
