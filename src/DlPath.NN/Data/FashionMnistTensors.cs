using DlPath.Data.Datasets;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Turns the bytes of <see cref="FashionMnist"/> into tensors, as the reference PyTorch script does.</summary>
public static class FashionMnistTensors
{
    /// <summary>
    /// Images as float32 (N, 1, 28, 28) with pixels scaled to [0, 1] (<c>uint8 / 255</c> in float32, bit for bit
    /// NumPy's <c>astype(np.float32) / 255</c>) and labels as int64 (N), for the first <paramref name="limit"/> samples
    /// (all when null).
    /// </summary>
    public static (Tensor Images, Tensor Labels) ToTensors(FashionMnistSplit split, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        int n = Math.Min(limit ?? split.Count, split.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        const int pixels = FashionMnist.PixelsPerImage;
        var images = new float[n * pixels];
        var bytes = split.Images.AsSpan(0, n * pixels);
        for (int i = 0; i < images.Length; i++) images[i] = bytes[i] / 255f;
        var labels = new long[n];
        for (int i = 0; i < n; i++) labels[i] = split.Labels[i];
        return (Tensor.WrapArray(images, n, 1, FashionMnist.ImageSize, FashionMnist.ImageSize), Tensor.WrapArray(labels, n));
    }
}
