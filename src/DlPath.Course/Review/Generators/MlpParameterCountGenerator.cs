namespace DlPath.Course.Review.Generators;

/// <summary>Parameters of a fully connected network: Σ (n_in·n_out + n_out) over the Linear layers.</summary>
public sealed class MlpParameterCountGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "mlp-parameter-count";

    /// <inheritdoc />
    public string Title => "Parameters of an MLP";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int[] inputs = [784, 3072, 100, 64, 20];
        int[] hidden = [512, 256, 128, 100, 64, 32];
        int layers = random.Next(2, 4);
        var sizes = new List<int> { inputs[random.Next(inputs.Length)] };
        for (int i = 0; i < layers - 1; i++)
        {
            sizes.Add(hidden[random.Next(hidden.Length)]);
        }

        sizes.Add(new[] { 10, 2, 1, 100 }[random.Next(4)]);
        long total = 0;
        for (int i = 0; i + 1 < sizes.Count; i++)
        {
            total += (long)sizes[i] * sizes[i + 1] + sizes[i + 1];
        }

        return new GeneratedQuestion(
            Id,
            $"An MLP with layer sizes {string.Join(" → ", sizes)} (Linear layers with bias, ReLU between). Trainable parameters? Answer: one integer.",
            AnswerKey.Exact(total),
            "Each Linear(n_in, n_out) has n_in·n_out weights + n_out biases; activations have none. Total " + total + ".");
    }
}
