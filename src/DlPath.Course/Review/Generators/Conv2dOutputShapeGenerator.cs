namespace DlPath.Course.Review.Generators;

/// <summary>Output shape of a Conv2d: H_out = ⌊(H + 2p - d(k - 1) - 1) / s⌋ + 1 (PyTorch's formula).</summary>
public sealed class Conv2dOutputShapeGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "conv2d-output-shape";

    /// <inheritdoc />
    public string Title => "Output shape of a Conv2d layer";

    /// <summary>One spatial output size, as PyTorch computes it.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding, int dilation) =>
        (int)Math.Floor((size + 2.0 * padding - dilation * (kernel - 1) - 1) / stride) + 1;

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int n = random.Next(1, 65), cin = new[] { 1, 3, 16, 32, 64 }[random.Next(5)], cout = new[] { 8, 16, 32, 64, 128 }[random.Next(5)];
        int h, w, k, s, p, d, ho, wo;
        do
        {
            // Padding up to half the kernel, as real layers use; redraw the rare input too small for the dilated kernel.
            h = random.Next(7, 65);
            w = random.Next(7, 65);
            k = new[] { 1, 3, 5, 7 }[random.Next(4)];
            s = random.Next(1, 4);
            p = random.Next(0, k / 2 + 1);
            d = random.Next(10) < 8 ? 1 : 2;
            ho = OutputSize(h, k, s, p, d);
            wo = OutputSize(w, k, s, p, d);
        }
        while (ho < 1 || wo < 1);
        string dil = d == 1 ? string.Empty : $", dilation={d}";
        return new GeneratedQuestion(
            Id,
            $"x has shape ({n}, {cin}, {h}, {w}). y = Conv2d({cin}, {cout}, kernel_size={k}, stride={s}, padding={p}{dil})(x). " +
            "Shape of y? Answer: N, C, H, W.",
            AnswerKey.Exact(n, cout, ho, wo),
            $"H_out = ⌊({h} + 2·{p} - {d}·({k}-1) - 1)/{s}⌋ + 1 = {ho}; W_out = {wo}; channels = out_channels = {cout}.");
    }
}
