using DlPath.Course.Projects.Titanic;
using DlPath.Data.Datasets;

namespace DlPath.Course.Tests.Projects.Titanic;

/// <summary>The shared Kaggle files, read once for all Titanic tests, and small CSV texts for bad-input cases.</summary>
internal static class TitanicTestData
{
    private static readonly Lazy<TitanicDataset> Shared = new(() => TitanicData.Load(Directory));

    /// <summary>The folder with train.csv and test.csv (shared test data, or the learner's data root).</summary>
    public static string Directory => DataLocator.Default.Find("titanic");

    /// <summary>Both files, validated.</summary>
    public static TitanicDataset Dataset => Shared.Value;

    public const string TrainHeader = "PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked";

    public const string TestHeader = "PassengerId,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked";

    /// <summary>Three good train.csv rows (lines 2-4).</summary>
    public static readonly string[] TrainRows =
    [
        "1,0,3,\"Braund, Mr. Owen Harris\",male,22,1,0,A/5 21171,7.25,,S",
        "2,1,1,\"Cumings, Mrs. John Bradley (Florence Briggs Thayer)\",female,38,1,0,PC 17599,71.2833,C85,C",
        "3,1,3,\"Heikkinen, Miss. Laina\",female,,0,0,STON/O2. 3101282,7.925,,",
    ];

    /// <summary>Two good test.csv rows (lines 2-3).</summary>
    public static readonly string[] TestRows =
    [
        "892,3,\"Kelly, Mr. James\",male,34.5,0,0,330911,7.8292,,Q",
        "893,3,\"Wilkes, Mrs. James (Ellen Needs)\",female,47,1,0,363272,,,S",
    ];

    public static string Csv(string header, IEnumerable<string> rows) => string.Join("\n", rows.Prepend(header)) + "\n";

    /// <summary>Writes a train.csv/test.csv pair into a fresh temporary folder and returns it.</summary>
    public static string WriteFolder(string trainCsv, string testCsv)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dlpath-titanic-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TitanicData.TrainFile), trainCsv);
        File.WriteAllText(Path.Combine(dir, TitanicData.TestFile), testCsv);
        return dir;
    }
}
