namespace DlPath.Course.Review.Generators;

/// <summary>Eigenvalues of a 2×2 integer matrix, built as P diag(λ1, λ2) P⁻¹ with det P = 1 so they are integers.</summary>
public sealed class Eigenvalue2x2Generator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "eigenvalue-2x2";

    /// <inheritdoc />
    public string Title => "Eigenvalues of a 2x2 matrix";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int l1 = random.Next(-4, 8);
        int l2;
        do
        {
            l2 = random.Next(-4, 8);
        }
        while (l2 == l1);

        if (l2 > l1)
        {
            (l1, l2) = (l2, l1);
        }

        // P = [[1, p], [q, 1 + p q]] has det 1, so P⁻¹ = [[1 + p q, -p], [-q, 1]] is integer too.
        int p = random.Next(-2, 3), q = random.Next(-2, 3);
        long[,] pm = { { 1, p }, { q, 1 + p * q } };
        long[,] pinv = { { 1 + p * q, -p }, { -q, 1 } };
        long[,] a = new long[2, 2];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                a[i, j] = pm[i, 0] * l1 * pinv[0, j] + pm[i, 1] * l2 * pinv[1, j];
            }
        }

        string prompt = $"Eigenvalues of A = [[{a[0, 0]}, {a[0, 1]}], [{a[1, 0]}, {a[1, 1]}]]? Answer: larger, smaller.";
        string why = $"trace = {a[0, 0] + a[1, 1]}, det = {a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]}; λ² - trace·λ + det = 0 gives λ = {l1}, {l2}.";
        return new GeneratedQuestion(Id, prompt, AnswerKey.Exact(l1, l2), why);
    }
}
