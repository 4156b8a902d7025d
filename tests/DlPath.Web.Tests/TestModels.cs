using DlPath.NN;
using DlPath.NN.Onnx;
using DlPath.Tensors;
using SkiaSharp;

namespace DlPath.Web.Tests;

/// <summary>Small models with random weights and test images, made on the fly (nothing is trained).</summary>
internal static class TestModels
{
    public static Sequential Mlp(ulong seed = 1) => new(
        new Flatten(),
        new Linear(784, 32, generator: new Generator(seed)),
        new Relu(),
        new Linear(32, 10, generator: new Generator(seed + 1)));

    public static Sequential Cnn(ulong seed = 2) => new(
        new Conv2d(1, 4, 3, padding: 1, generator: new Generator(seed)),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(4 * 14 * 14, 10, generator: new Generator(seed + 1)));

    /// <summary>A folder with mlp.safetensors and cnn.safetensors.</summary>
    public static string ModelsFolder()
    {
        string dir = Directory.CreateTempSubdirectory("dlpath-web-models-").FullName;
        SequentialCheckpoint.Save(Path.Combine(dir, "mlp.safetensors"), Mlp(), [1, 28, 28]);
        SequentialCheckpoint.Save(Path.Combine(dir, "cnn.safetensors"), Cnn(), [1, 28, 28]);
        return dir;
    }

    /// <summary>A PNG: a dark shape (a "trouser": two legs) on white, <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] TrouserPng(int width = 300, int height = 400)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = new SKColor(40, 40, 60) };
            canvas.DrawRect(width * 0.3f, height * 0.1f, width * 0.4f, height * 0.15f, paint);
            canvas.DrawRect(width * 0.3f, height * 0.2f, width * 0.15f, height * 0.7f, paint);
            canvas.DrawRect(width * 0.55f, height * 0.2f, width * 0.15f, height * 0.7f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Random values in [0, 1) for <paramref name="n"/> examples of 784.</summary>
    public static float[][] RandomPixels(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 784).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
    }

    /// <summary>Softmax probabilities of <paramref name="model"/> on <paramref name="pixels"/>, computed directly.</summary>
    public static float[] Probabilities(Sequential model, float[] pixels)
    {
        model.Eval();
        using (Tensor.NoGrad())
        {
            return model.Call(Tensor.FromArray(pixels, 1, 1, 28, 28)).Softmax(1).ToArray<float>();
        }
    }
}
