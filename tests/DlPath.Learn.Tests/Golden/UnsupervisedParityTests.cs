using DlPath.Learn.Cluster;
using DlPath.Learn.Decomposition;
using DlPath.Learn.Preprocessing;

namespace DlPath.Learn.Tests.Golden;

/// <summary>PCA and KMeans against scikit-learn on the standardised datasets.</summary>
public sealed class UnsupervisedParityTests
{
    public static TheoryData<string> Datasets() => ["iris", "wine", "breast_cancer", "digits"];

    private static double[,] Scaled(string dataset) => new StandardScaler().FitTransform(Parity.Dataset(dataset).Features);

    [Theory]
    [MemberData(nameof(Datasets))]
    public void PcaExplainedVarianceAndComponentMatch(string dataset)
    {
        var golden = LearnGolden.Unsupervised.Single(u => u.Dataset == dataset);
        var pca = new Pca();
        pca.Fit(Scaled(dataset));
        // Ratios of components with (numerically) zero variance are noise in both libraries.
        for (int k = 0; k < golden.PcaExplainedVarianceRatio.Length; k++)
        {
            Assert.Equal(golden.PcaExplainedVarianceRatio[k], pca.ExplainedVarianceRatio[k], 1e-8);
        }
        for (int j = 0; j < golden.PcaFirstComponent.Length; j++)
        {
            Assert.Equal(golden.PcaFirstComponent[j], pca.Components[0, j], 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void KMeansInertiaWithinOnePercent(string dataset)
    {
        var golden = LearnGolden.Unsupervised.Single(u => u.Dataset == dataset);
        var km = new KMeans { NClusters = golden.KMeansClusters, NInit = 10, RandomState = 0 };
        km.Fit(Scaled(dataset));
        Assert.True(km.Inertia <= golden.KMeansInertia * 1.01, $"{dataset}: inertia {km.Inertia:F3} vs scikit-learn {golden.KMeansInertia:F3}");
    }
}
