using System.Globalization;
using System.Text;

namespace DlPath.Course.Projects.Titanic;

/// <summary>Kaggle's submission file: header <c>PassengerId,Survived</c>, one row per test passenger, in test.csv's order.</summary>
public static class Submission
{
    /// <summary>The file name Kaggle's examples use.</summary>
    public const string FileName = "submission.csv";

    /// <summary>Writes the submission (creating the folder) and returns its full path.</summary>
    /// <param name="path">Where to write.</param>
    /// <param name="test">test.csv's passengers, in file order.</param>
    /// <param name="survived">The prediction for each, 0 or 1.</param>
    public static string Write(string path, IReadOnlyList<Passenger> test, IReadOnlyList<double> survived)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(survived);
        if (test.Count != survived.Count)
        {
            throw new ArgumentException($"submission: {survived.Count} predictions for {test.Count} test passengers", nameof(survived));
        }
        var sb = new StringBuilder("PassengerId,Survived\n");
        for (int i = 0; i < test.Count; i++)
        {
            if (survived[i] is not (0 or 1))
            {
                throw new ArgumentException($"submission: the prediction for PassengerId {test[i].PassengerId} is {survived[i]}; Kaggle expects 0 or 1", nameof(survived));
            }
            sb.Append(test[i].PassengerId.ToString(CultureInfo.InvariantCulture)).Append(',').Append(survived[i] == 1 ? '1' : '0').Append('\n');
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, sb.ToString());
        return full;
    }
}
