namespace DlPath.Course.Review.Generators;

/// <summary>Trainable parameters of a Conv2d (+ optional BatchNorm2d): C_out·C_in·k_h·k_w (+ C_out bias) (+ 2·C_out).</summary>
public sealed class Conv2dParameterCountGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "conv2d-parameter-count";

    /// <inheritdoc />
    public string Title => "Parameters of a Conv2d layer";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int cin = new[] { 1, 3, 16, 32, 64 }[random.Next(5)], cout = new[] { 8, 16, 32, 64, 128 }[random.Next(5)];
        int k = new[] { 1, 3, 5 }[random.Next(3)];
        bool bias = random.Next(2) == 0, bn = random.Next(2) == 0;
        long count = (long)cout * cin * k * k + (bias ? cout : 0) + (bn ? 2 * cout : 0);
        string layer = $"Conv2d({cin}, {cout}, kernel_size={k}, bias={(bias ? "True" : "False")})" + (bn ? $" followed by BatchNorm2d({cout})" : string.Empty);
        return new GeneratedQuestion(
            Id,
            $"How many trainable parameters in {layer}? Answer: one integer.",
            AnswerKey.Exact(count),
            $"weights {cout}·{cin}·{k}·{k} = {(long)cout * cin * k * k}" + (bias ? $", bias {cout}" : string.Empty) +
            (bn ? $", BatchNorm γ and β {2 * cout} (running stats are buffers, not parameters)" : string.Empty) + $"; total {count}.");
    }
}
