namespace DlPath.Web.Tests;

/// <summary>Uploads become 28×28 Fashion-MNIST-like inputs: trimmed, centred, light garment on black.</summary>
public sealed class ImagePreprocessorTests
{
    [Fact]
    public void A_dark_garment_on_white_becomes_a_light_centred_one_on_black()
    {
        var image = ImagePreprocessor.Process(TestModels.TrouserPng(600, 900), 25_000_000);
        Assert.Equal(784, image.Pixels.Length);
        Assert.Equal((600, 900, "png"), (image.OriginalWidth, image.OriginalHeight, image.Format));
        Assert.All(image.Pixels, v => Assert.InRange(v, 0f, 1f));
        // Background (corners) black after negation; the legs are bright.
        Assert.Equal(0f, image.Pixels[0]);
        Assert.Equal(0f, image.Pixels[783]);
        // Trimmed then resized by the longest edge: the trouser fills all 28 rows.
        // The crop is 240x720, so it becomes 9x28 centred in columns 9..17: left leg 9..12, gap 13, right leg 14..17.
        string Row(int y) => string.Concat(Enumerable.Range(0, 28).Select(x => image.Pixels[(y * 28) + x] > 0.5f ? '#' : '.'));
        Assert.Equal(".........#########..........", Row(1));
        Assert.Equal("#", Row(26)[10..11]);
        Assert.Equal(".", Row(26)[13..14]);
        Assert.Equal("#", Row(26)[16..17]);
        Assert.Equal(new string('.', 9), Row(26)[..9]);
    }

    [Fact]
    public void A_white_on_black_drawing_is_not_negated()
    {
        var gray = new float[100 * 100];
        for (int y = 30; y < 70; y++)
        {
            for (int x = 40; x < 60; x++) gray[(y * 100) + x] = 255;
        }

        var pixels = ImagePreprocessor.Convert(gray, 100, 100);
        Assert.Equal(0f, pixels[0]);
        Assert.True(pixels[(14 * 28) + 14] > 0.9f);
    }

    [Fact]
    public void Not_an_image_and_empty_uploads_are_refused()
    {
        Assert.Equal("not_an_image", Assert.Throws<ApiException>(() => ImagePreprocessor.Process("GIF? no"u8, 1000)).Code);
        Assert.Equal("empty_image", Assert.Throws<ApiException>(() => ImagePreprocessor.Process([], 1000)).Code);
        var tooBig = Assert.Throws<ApiException>(() => ImagePreprocessor.Process(TestModels.TrouserPng(), 1000));
        Assert.Equal(("image_too_large", 400), (tooBig.Code, tooBig.Status));
    }
}
