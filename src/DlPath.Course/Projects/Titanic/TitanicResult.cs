using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DlPath.Course.Projects.Titanic;

/// <summary>Everything one run of the project produced.</summary>
/// <param name="Eda">The exploratory summary.</param>
/// <param name="FeatureNames">The engineered features, in column order.</param>
/// <param name="Imputed">What was filled in, per column.</param>
/// <param name="Models">Cross-validation scores, in the order the models were compared.</param>
/// <param name="SubmissionPath">Full path of submission.csv.</param>
/// <param name="PlotPaths">Full paths of the PNG charts (empty when plots were off).</param>
/// <param name="Seconds">Wall-clock time of the whole run.</param>
public sealed record TitanicResult(
    EdaSummary Eda,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<ImputedColumn> Imputed,
    IReadOnlyList<ModelScore> Models,
    string SubmissionPath,
    IReadOnlyList<string> PlotPaths,
    double Seconds)
{
    /// <summary>The model with the best mean CV accuracy (the first one on a tie).</summary>
    public ModelScore Best => Models.Aggregate((a, b) => b.Mean > a.Mean ? b : a);

    /// <summary>The mean ± std table of the models, best marked.</summary>
    public string ScoreTable()
    {
        int width = Math.Max(5, Models.Max(m => m.Name.Length));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"model".PadRight(width)}  accuracy mean ± std  seconds\n");
        foreach (var m in Models)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{m.Name.PadRight(width)}  {m.Mean,13:0.0000} ± {m.Std:0.0000}  {m.Seconds,7:0.0}{(m == Best ? "  <- best" : "")}\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The <c>--json</c> document: <c>{"models":[{"name","cv_mean","cv_std"}], "best":{"name","cv_mean"},
    /// "submission":"path", "imputed":{"Age":{"train","test","method"}, ...}}</c>.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var m in Models)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("cv_mean", Math.Round(m.Mean, 6));
                w.WriteNumber("cv_std", Math.Round(m.Std, 6));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("best");
            w.WriteString("name", Best.Name);
            w.WriteNumber("cv_mean", Math.Round(Best.Mean, 6));
            w.WriteEndObject();
            w.WriteString("submission", SubmissionPath);
            w.WriteStartObject("imputed");
            foreach (var c in Imputed)
            {
                w.WriteStartObject(c.Column);
                w.WriteNumber("train", c.Train);
                w.WriteNumber("test", c.Test);
                w.WriteString("method", c.Method);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
