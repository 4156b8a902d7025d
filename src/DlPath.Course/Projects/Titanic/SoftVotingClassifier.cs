using DlPath.Learn;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Soft voting (scikit-learn's <c>VotingClassifier(voting="soft")</c>): fits a clone of every member and
/// predicts the class with the highest mean probability. Members must give probabilities
/// (<see cref="IClassifier.PredictProba"/>).
/// </summary>
public sealed class SoftVotingClassifier : Classifier
{
    private readonly (string Name, IClassifier Estimator)[] _members;
    private IClassifier[] _fitted = [];

    /// <summary>Creates the ensemble from named, unfitted members.</summary>
    public SoftVotingClassifier(params (string Name, IClassifier Estimator)[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Length == 0)
        {
            throw new ArgumentException("SoftVotingClassifier: needs at least one member", nameof(members));
        }
        _members = members;
    }

    /// <summary>The members, unfitted.</summary>
    public IReadOnlyList<(string Name, IClassifier Estimator)> Members => _members;

    /// <inheritdoc />
    public override IEstimator Clone() => new SoftVotingClassifier([.. _members.Select(m => (m.Name, (IClassifier)m.Estimator.Clone()))]);

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        // Members see the class indices 0..K-1 as labels, so their probability columns line up with ours.
        var labels = y.Select(v => (double)v).ToArray();
        _fitted = _members.Select(m =>
        {
            var member = (IClassifier)m.Estimator.Clone();
            member.Fit(x, labels);
            if (member.Classes.Length != classCount)
            {
                throw new InvalidOperationException($"SoftVotingClassifier: member '{m.Name}' saw {member.Classes.Length} classes, the ensemble {classCount}");
            }
            return member;
        }).ToArray();
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x) => Average(_fitted.Select(m => m.PredictProba(x)).ToList());

    /// <summary>The element-wise mean of equally shaped probability matrices.</summary>
    public static double[,] Average(IReadOnlyList<double[,]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var first = probabilities[0];
        var mean = new double[first.GetLength(0), first.GetLength(1)];
        foreach (var p in probabilities)
        {
            if (p.GetLength(0) != mean.GetLength(0) || p.GetLength(1) != mean.GetLength(1))
            {
                throw new ArgumentException($"SoftVotingClassifier: probabilities of shape ({p.GetLength(0)}, {p.GetLength(1)}) and ({mean.GetLength(0)}, {mean.GetLength(1)}) cannot be averaged");
            }
            for (int i = 0; i < p.GetLength(0); i++)
            {
                for (int j = 0; j < p.GetLength(1); j++)
                {
                    mean[i, j] += p[i, j] / probabilities.Count;
                }
            }
        }
        return mean;
    }
}
