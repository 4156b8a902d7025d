namespace DlPath.Course.Roadmap;

/// <summary>Finds the known ids closest to a mistyped one, for "did you mean ml/week3?" messages.</summary>
public static class TaskIdSuggester
{
    /// <summary>Up to <paramref name="max"/> known ids close to <paramref name="input"/>, best first.</summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> known, int max = 3)
    {
        var needle = Normalize(input);
        if (needle.Length == 0)
        {
            return [];
        }

        var scored = new List<(string Id, double Score)>();
        foreach (var id in known)
        {
            var candidate = Normalize(id);
            var distance = Levenshtein(needle, candidate);
            // The last segment alone also counts: "week3" should find "ml/week3".
            var slash = candidate.LastIndexOf('/');
            if (slash >= 0)
            {
                distance = Math.Min(distance, Levenshtein(needle, candidate[(slash + 1)..]) + 1);
            }

            // Accept about one edit in three characters: typos and transpositions, not unrelated words.
            var allowed = Math.Max(2, needle.Length / 3);
            if (distance <= allowed)
            {
                scored.Add((id, distance));
            }
            else if (candidate.StartsWith(needle, StringComparison.Ordinal) && needle.Length >= 2)
            {
                scored.Add((id, allowed + 0.5));
            }
        }

        if (scored.Count == 0)
        {
            return [];
        }

        // Only the closest matches: "ml/wek3" suggests ml/week3, not every week one edit further away.
        var best = scored.Min(s => s.Score);
        return scored.Where(s => s.Score <= best).OrderBy(s => s.Id, StringComparer.Ordinal)
            .Take(max).Select(s => s.Id).ToList();
    }

    private static string Normalize(string s) =>
        s.Trim().ToLowerInvariant().Replace('\\', '/').Replace(' ', '-').Replace('_', '-');

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    internal static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
