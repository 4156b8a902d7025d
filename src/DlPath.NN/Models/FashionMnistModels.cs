using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// The two Fashion-MNIST workloads of the project's PyTorch reference script (bench/torch_fmnist.py in the shared
/// folder), layer for layer, with PyTorch's default initialisation drawn in PyTorch's order — so from the same seed
/// both start from the same weights. Inputs are (N, 1, 28, 28) float32 in [0, 1]; outputs are (N, 10) logits.
/// Train them with <c>Adam(lr: 1e-3)</c>, <see cref="CrossEntropyLoss"/> and batches of 128.
/// </summary>
public static class FashionMnistModels
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp", "cnn"];

    /// <summary>
    /// <c>Flatten → Linear(784, 256) → ReLU → Linear(256, 128) → ReLU → Linear(128, 10)</c> (235,146 parameters).
    /// </summary>
    /// <param name="generator">Draws the initial weights; default <see cref="Generator.Default"/>.</param>
    public static Sequential Mlp(Generator? generator = null) => new(
        new Flatten(),
        new Linear(784, 256, generator: generator),
        new Relu(),
        new Linear(256, 128, generator: generator),
        new Relu(),
        new Linear(128, 10, generator: generator));

    /// <summary>
    /// <c>Conv2d(1, 32, 3, padding 1) → ReLU → MaxPool2d(2) → Conv2d(32, 64, 3, padding 1) → ReLU → MaxPool2d(2) →
    /// Flatten → Linear(3136, 128) → ReLU → Linear(128, 10)</c> (421,642 parameters).
    /// </summary>
    /// <param name="generator">Draws the initial weights; default <see cref="Generator.Default"/>.</param>
    public static Sequential Cnn(Generator? generator = null) => new(
        new Conv2d(1, 32, 3, padding: 1, generator: generator),
        new Relu(),
        new MaxPool2d(2),
        new Conv2d(32, 64, 3, padding: 1, generator: generator),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(64 * 7 * 7, 128, generator: generator),
        new Relu(),
        new Linear(128, 10, generator: generator));

    /// <summary>The model called <paramref name="name"/> (<c>mlp</c> or <c>cnn</c>, any case).</summary>
    public static Sequential Create(string name, Generator? generator = null) => name?.ToLowerInvariant() switch
    {
        "mlp" => Mlp(generator),
        "cnn" => Cnn(generator),
        _ => throw new ArgumentException($"Fashion-MNIST: unknown model '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name)),
    };
}
