namespace DlPath.Course.Review.Generators;

/// <summary>Determinant of a 3×3 integer matrix by cofactor expansion.</summary>
public sealed class Determinant3x3Generator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "determinant-3x3";

    /// <inheritdoc />
    public string Title => "Determinant of a 3x3 matrix";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var m = new long[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                m[i, j] = random.Next(-3, 5);
            }
        }

        long c0 = m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1];
        long c1 = m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0];
        long c2 = m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0];
        long det = m[0, 0] * c0 - m[0, 1] * c1 + m[0, 2] * c2;
        string Row(int i) => $"[{m[i, 0]}, {m[i, 1]}, {m[i, 2]}]";
        return new GeneratedQuestion(
            Id,
            $"det of A = [{Row(0)}, {Row(1)}, {Row(2)}]? Answer: one integer.",
            AnswerKey.Exact(det),
            $"Expand along the first row: {m[0, 0]}·({c0}) - {m[0, 1]}·({c1}) + {m[0, 2]}·({c2}) = {det}.");
    }
}
