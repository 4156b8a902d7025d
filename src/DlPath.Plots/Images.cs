using SkiaSharp;

namespace DlPath.Plots;

/// <summary>
/// Pictures that are pixels rather than charts: a grid of small grey images (the course's <c>displayData</c>
/// for digits, faces and hidden units) and colour images (the k-means compressed bird), saved as PNG.
/// </summary>
public static class Images
{
    /// <summary>
    /// Tiles grey images into a grid, each scaled to its own [-max|v|, max|v|] range as <c>displayData</c> does
    /// (so weights and pixels both show their pattern), with a one-pixel dark border between tiles.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="images">The images, each of <paramref name="height"/> × <paramref name="width"/> values.</param>
    /// <param name="height">Rows of each image.</param>
    /// <param name="width">Columns of each image.</param>
    /// <param name="columnMajor">True when each image is stored column by column (MATLAB data such as ex3data1).</param>
    /// <param name="columns">Tiles per row; default the ceiling of the square root of the count.</param>
    /// <param name="scale">Screen pixels per image pixel.</param>
    public static string Grid(string path, IReadOnlyList<double[]> images, int height, int width, bool columnMajor = false, int? columns = null, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("image grid: no images", nameof(images));
        }
        for (int k = 0; k < images.Count; k++)
        {
            if (images[k].Length != height * width)
            {
                throw new ArgumentException($"image grid: image {k} has {images[k].Length} values, expected {height}x{width} = {height * width}", nameof(images));
            }
        }
        int cols = columns ?? (int)Math.Ceiling(Math.Sqrt(images.Count));
        int rows = (images.Count + cols - 1) / cols;
        const int pad = 1;
        int gridH = pad + rows * (height + pad), gridW = pad + cols * (width + pad);
        var grey = new byte[gridH * gridW]; // 0 = the dark padding
        for (int k = 0; k < images.Count; k++)
        {
            var img = images[k];
            double maxAbs = img.Max(Math.Abs);
            if (maxAbs == 0)
            {
                maxAbs = 1;
            }
            int top = pad + (k / cols) * (height + pad), left = pad + (k % cols) * (width + pad);
            for (int r = 0; r < height; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    double v = columnMajor ? img[c * height + r] : img[r * width + c];
                    grey[(top + r) * gridW + left + c] = (byte)Math.Round((v / maxAbs + 1) / 2 * 255);
                }
            }
        }
        var rgb = new byte[grey.Length * 3];
        for (int i = 0; i < grey.Length; i++)
        {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey[i];
        }
        return Rgb(path, rgb, gridH, gridW, scale);
    }

    /// <summary>Saves an RGB image (height × width × 3 bytes, row-major) as PNG, enlarged <paramref name="scale"/> times without smoothing.</summary>
    public static string Rgb(string path, byte[] rgb, int height, int width, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (height <= 0 || width <= 0 || rgb.Length != height * width * 3)
        {
            throw new ArgumentException($"RGB image: {rgb.Length} bytes for {height}x{width}x3 = {Math.Max(0, height * width * 3)}", nameof(rgb));
        }
        if (scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "RGB image: scale must be at least 1");
        }
        using var bitmap = new SKBitmap(width * scale, height * scale, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height * scale; y++)
        {
            for (int x = 0; x < width * scale; x++)
            {
                int i = ((y / scale) * width + x / scale) * 3;
                bitmap.SetPixel(x, y, new SKColor(rgb[i], rgb[i + 1], rgb[i + 2]));
            }
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
        return path;
    }

    /// <summary>Reads a PNG's pixel size from its header (for checks; no decoding).</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var f = File.OpenRead(path);
        if (f.Read(header) != 24 || header[1] != (byte)'P' || header[2] != (byte)'N' || header[3] != (byte)'G')
        {
            throw new InvalidDataException($"'{path}' is not a PNG file");
        }
        int w = (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19];
        int h = (header[20] << 24) | (header[21] << 16) | (header[22] << 8) | header[23];
        return (w, h);
    }
}
