namespace DlPath.Data.Datasets;

/// <summary>
/// One split of Fashion-MNIST: <see cref="Count"/> 28x28 grey images, pixel values 0..255, stored one
/// after another row by row (image <c>i</c> is <c>Images[i*784 .. (i+1)*784]</c>), and their labels 0..9.
/// </summary>
/// <param name="Images">Pixels, <c>Count * 28 * 28</c> bytes, row-major (N, 28, 28).</param>
/// <param name="Labels">One class index (0..9) per image; <see cref="FashionMnist.ClassNames"/> names them.</param>
public sealed record FashionMnistSplit(byte[] Images, byte[] Labels)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The pixels of one image (a view, not a copy).</summary>
    public ReadOnlySpan<byte> Image(int index) =>
        Images.AsSpan(index * FashionMnist.PixelsPerImage, FashionMnist.PixelsPerImage);
}
