using DlPath.Course.Progress;
using DlPath.Course.Review.Sessions;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Review.Integration;

/// <summary>
/// Turns the store's lab results into <see cref="LabFailure"/>s: every lab whose latest attempt failed pulls
/// its topic's cards forward to the time of that attempt.
/// </summary>
public static class LabFailures
{
    // A lab's topic, as the bank names card topics. Labs not listed here fall back to the roadmap tasks that
    // practise them, which is broader (a whole course) but never misses a card.
    private static readonly Dictionary<string, string[]> s_topics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["micrograd"] = ["backprop"],
        ["layers"] = ["neural-networks", "backprop"],
        ["optim"] = ["optimization"],
        ["dropout"] = ["regularization"],
        ["batchnorm"] = ["batch-normalization"],
        ["cnn"] = ["cnn"],
        ["rnn"] = ["sequence-models"],
        ["attention"] = ["sequence-models"],
        ["linear-classifiers"] = ["logistic-regression", "svm"],
    };

    /// <summary>The card topics or roadmap task ids a lab's failure brings forward.</summary>
    public static IReadOnlyList<string> KeysFor(Guide guide, string labId)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(labId);
        if (s_topics.TryGetValue(labId, out var topics))
        {
            return topics;
        }

        var tasks = guide.Tasks
            .Where(t => t.Practice.Any(p => p.Kind is PracticeKind.Lab or PracticeKind.Exercise && string.Equals(p.Id, labId, StringComparison.OrdinalIgnoreCase)))
            .Select(t => t.Id)
            .ToList();

        // A lab id that is itself a task id (or unknown to the guide) still names something a card may carry.
        return tasks.Count > 0 ? tasks : [labId];
    }

    /// <summary>The failures to apply: one per key of every lab whose latest result did not pass.</summary>
    public static IReadOnlyList<LabFailure> FromResults(Guide guide, IEnumerable<LabResult> results)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(results);
        return
        [
            .. results
                .GroupBy(r => r.LabId, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.MaxBy(r => (r.At, r.Id))!)
                .Where(r => !r.Passed)
                .SelectMany(r => KeysFor(guide, r.LabId).Select(k => new LabFailure(k, r.At))),
        ];
    }
}
