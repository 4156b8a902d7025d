namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex6.m and ex6_spam.m print (support vector machines).</summary>
public sealed record Ex6Result
{
    /// <summary>Gaussian kernel of x1 = (1, 2, 1), x2 = (0, 4, −1), σ = 2 (expected 0.324652).</summary>
    public required double GaussianKernelValue { get; init; }

    /// <summary>Training accuracy on dataset 1 with a linear kernel at C = 1 and C = 100 (the outlier is misclassified at C = 1).</summary>
    public required double[] Dataset1Accuracy { get; init; }

    /// <summary>Training accuracy on dataset 2 with the Gaussian kernel, C = 1, σ = 0.1.</summary>
    public required double Dataset2Accuracy { get; init; }

    /// <summary>Dataset 3: the C chosen on the validation set among 0.01 … 30 (1 in the course).</summary>
    public required double Dataset3C { get; init; }

    /// <summary>Dataset 3: the σ chosen (0.1 in the course).</summary>
    public required double Dataset3Sigma { get; init; }

    /// <summary>Dataset 3: validation accuracy at the chosen C and σ.</summary>
    public required double Dataset3ValidationAccuracy { get; init; }

    /// <summary>Spam classifier (linear, C = 0.1): training accuracy in percent (99.8 in the course).</summary>
    public required double SpamTrainAccuracy { get; init; }

    /// <summary>Spam classifier: test accuracy in percent (98.5–98.9 in the course).</summary>
    public required double SpamTestAccuracy { get; init; }

    /// <summary>The 15 vocabulary words with the largest weights (our, click, remov, guarante, visit, …).</summary>
    public required IReadOnlyList<string> TopSpamPredictors { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
