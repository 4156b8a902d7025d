using SkiaSharp;

namespace DlPath.Web;

/// <summary>
/// Turns an uploaded PNG or JPEG of any size into the 28×28 grayscale image a Fashion-MNIST model expects, following
/// the dataset's own recipe (https://github.com/zalandoresearch/fashion-mnist#get-the-data): flatten onto white,
/// trim the edges that are close to the corner colour (within 5% of full intensity), resize the longest edge to
/// 28, sharpen (Gaussian unsharp mask, σ = 1), centre on a 28×28 canvas of the background colour, negate (the
/// dataset's garments are light on black), and scale to [0, 1]. Two deliberate differences: the resize averages
/// the pixels under each output pixel instead of skipping rows (a phone photo would otherwise alias badly), and
/// an image whose background is already dark is not negated, so a white-on-black drawing works as well.
/// The image's size is checked from its header before any pixel is decoded.
/// </summary>
public static class ImagePreprocessor
{
    /// <summary>The side of the output image.</summary>
    public const int Side = 28;

    /// <summary>Decodes and converts <paramref name="bytes"/>; throws <see cref="ApiException"/> (4xx) for a bad image.</summary>
    public static PreprocessedImage Process(ReadOnlySpan<byte> bytes, long maxPixels)
    {
        if (bytes.IsEmpty) throw ApiException.BadRequest("empty_image", "the uploaded image is empty");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) throw ApiException.BadRequest("not_an_image", "the upload is not an image SkiaSharp can read (send a PNG or JPEG)");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported_image", $"the image is {codec.EncodedFormat}; send a PNG or JPEG");
        }

        var info = codec.Info;
        long pixels = (long)info.Width * info.Height;
        if (pixels > maxPixels)
        {
            throw ApiException.BadRequest("image_too_large", $"the image is {info.Width}x{info.Height} = {pixels / 1e6:0.#} megapixels; the limit is {maxPixels / 1e6:0.#} megapixels");
        }

        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw ApiException.BadRequest("corrupt_image", $"the {codec.EncodedFormat} image cannot be decoded ({result})");
        }

        var gray = ToGray(bitmap);
        var pixels28 = Convert(gray, info.Width, info.Height);
        return new PreprocessedImage(pixels28, info.Width, info.Height, codec.EncodedFormat.ToString().ToLowerInvariant());
    }

    /// <summary>Luma (ITU-R 601) of each pixel after compositing onto white, 0..255.</summary>
    private static float[] ToGray(SKBitmap bitmap)
    {
        var bytes = bitmap.GetPixelSpan();
        var gray = new float[bitmap.Width * bitmap.Height];
        for (int i = 0; i < gray.Length; i++)
        {
            // Premultiplied: colour over white is c + (255 - alpha).
            int a = bytes[(4 * i) + 3], white = 255 - a;
            gray[i] = (0.299f * (bytes[4 * i] + white)) + (0.587f * (bytes[(4 * i) + 1] + white)) + (0.114f * (bytes[(4 * i) + 2] + white));
        }

        return gray;
    }

    /// <summary>The dataset's steps on a grayscale image (0..255) of <paramref name="width"/>×<paramref name="height"/>; returns 784 values in [0, 1].</summary>
    internal static float[] Convert(float[] gray, int width, int height)
    {
        float background = gray[0];
        // 1. Trim edges close to the corner colour.
        float threshold = 0.05f * 255;
        int top = height, bottom = -1, left = width, right = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (Math.Abs(gray[(y * width) + x] - background) <= threshold) continue;
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
                left = Math.Min(left, x);
                right = Math.Max(right, x);
            }
        }

        if (bottom < 0) (top, bottom, left, right) = (0, height - 1, 0, width - 1);
        int cw = right - left + 1, ch = bottom - top + 1;

        // 2. Longest edge to 28, by area averaging.
        double scale = (double)Side / Math.Max(cw, ch);
        int ow = Math.Clamp((int)Math.Round(cw * scale), 1, Side), oh = Math.Clamp((int)Math.Round(ch * scale), 1, Side);
        var small = Resample(gray, width, left, top, cw, ch, ow, oh);

        // 3. Sharpen; 4. centre on the background; 5. negate when the background is light.
        var sharp = Sharpen(small, ow, oh);
        var canvas = new float[Side * Side];
        Array.Fill(canvas, background);
        int ox = (Side - ow) / 2, oy = (Side - oh) / 2;
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++) canvas[((oy + y) * Side) + ox + x] = sharp[(y * ow) + x];
        }

        bool negate = background >= 128;
        for (int i = 0; i < canvas.Length; i++)
        {
            float v = Math.Clamp(canvas[i], 0, 255);
            canvas[i] = (negate ? 255 - v : v) / 255f;
        }

        return canvas;
    }

    // Box-filter resample of the crop (x0, y0, cw, ch) to ow×oh: each output pixel is the mean of the source area it covers.
    private static float[] Resample(float[] src, int stride, int x0, int y0, int cw, int ch, int ow, int oh)
    {
        var xs = Weights(cw, ow);
        var ys = Weights(ch, oh);
        var rows = new float[ch * ow];
        for (int y = 0; y < ch; y++)
        {
            for (int o = 0; o < ow; o++)
            {
                double sum = 0, total = 0;
                foreach (var (i, w) in xs[o])
                {
                    sum += w * src[((y0 + y) * stride) + x0 + i];
                    total += w;
                }

                rows[(y * ow) + o] = (float)(sum / total);
            }
        }

        var result = new float[oh * ow];
        for (int o = 0; o < oh; o++)
        {
            for (int x = 0; x < ow; x++)
            {
                double sum = 0, total = 0;
                foreach (var (i, w) in ys[o])
                {
                    sum += w * rows[(i * ow) + x];
                    total += w;
                }

                result[(o * ow) + x] = (float)(sum / total);
            }
        }

        return result;
    }

    // For each output index, the source indices it covers and how much of each (fractional at the ends).
    private static List<(int Index, double Weight)>[] Weights(int n, int m)
    {
        var result = new List<(int, double)>[m];
        double step = (double)n / m;
        for (int o = 0; o < m; o++)
        {
            double a = o * step, b = a + step;
            result[o] = [];
            for (int i = (int)Math.Floor(a); i < Math.Min(n, (int)Math.Ceiling(b)); i++)
            {
                double w = Math.Min(b, i + 1) - Math.Max(a, i);
                if (w > 1e-9) result[o].Add((i, w));
            }

            if (result[o].Count == 0) result[o].Add((Math.Min(n - 1, (int)a), 1));
        }

        return result;
    }

    // Unsharp mask: v + (v - gaussian(v)), Gaussian σ = 1 on a 5×5 window (edges clamped).
    private static float[] Sharpen(float[] v, int w, int h)
    {
        float[] k = [0.0545f, 0.2442f, 0.4026f, 0.2442f, 0.0545f];
        var tmp = new float[v.Length];
        var blur = new float[v.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int d = -2; d <= 2; d++) s += k[d + 2] * v[(y * w) + Math.Clamp(x + d, 0, w - 1)];
                tmp[(y * w) + x] = s;
            }
        }

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int d = -2; d <= 2; d++) s += k[d + 2] * tmp[(Math.Clamp(y + d, 0, h - 1) * w) + x];
                blur[(y * w) + x] = s;
            }
        }

        var result = new float[v.Length];
        for (int i = 0; i < v.Length; i++) result[i] = Math.Clamp((2 * v[i]) - blur[i], 0, 255);
        return result;
    }

    /// <summary>A 28×28 grayscale PNG of <paramref name="pixels"/> (784 values in [0, 1]): the preview of what the model sees.</summary>
    public static byte[] PreviewPng(float[] pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Gray8, SKAlphaType.Opaque));
        var span = bitmap.GetPixelSpan();
        for (int i = 0; i < Side * Side; i++) span[i] = (byte)Math.Clamp((int)Math.Round(pixels[i] * 255), 0, 255);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
