using System.Diagnostics;
using System.Globalization;
using DlPath.Data.Datasets;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Kaggle's Titanic, end to end — the pipeline behind <c>examples/Titanic</c> and <c>dlpath project titanic</c>:
/// load and check the files, explore, plot, engineer features, compare seven models by stratified
/// cross-validation, and write a submission with the best one.
/// </summary>
public static class TitanicProject
{
    /// <summary>Runs every step, printing what a learner reads to <paramref name="log"/>.</summary>
    /// <exception cref="DatasetNotFoundException">No data folder was given and none was found.</exception>
    /// <exception cref="TitanicDataException">A file has a missing column, a malformed row or an unknown category.</exception>
    public static TitanicResult Run(TitanicOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Folds < 2)
        {
            throw new ArgumentException($"titanic: cross-validation needs at least 2 folds, got {options.Folds}", nameof(options));
        }
        var watch = Stopwatch.StartNew();
        var directory = options.DataDirectory ?? DataLocator.Default.Find("titanic");

        log.WriteLine($"== 1. Load train.csv and test.csv from {directory}");
        var data = TitanicData.Load(directory);
        var eda = TitanicEda.Summarize(data);
        log.WriteLine();
        log.WriteLine("== 2. Explore");
        log.Write(eda.ToText());

        var features = TitanicFeatures.Fit(data.Train, data.Test);
        var x = features.Transform(data.Train, TitanicData.TrainFile);
        var y = TitanicFeatures.Labels(data.Train);
        var xTest = features.Transform(data.Test, TitanicData.TestFile);

        var outDir = Path.GetFullPath(options.OutputDirectory);
        IReadOnlyList<string> plots = [];
        if (options.Plots)
        {
            log.WriteLine($"== 3. Plots (PNG) in {outDir}");
            plots = TitanicPlots.DrawAll(data, features, outDir);
            foreach (var p in plots)
            {
                log.WriteLine($"  {Path.GetFileName(p)}");
            }
            log.WriteLine();
        }

        log.WriteLine($"== 4. Features ({features.Names.Count}): {string.Join(", ", features.Names)}");
        log.WriteLine("Filled in (nothing is dropped):");
        foreach (var c in features.Imputed)
        {
            log.WriteLine($"  {c.Column,-9} {c.Train,4} train + {c.Test,3} test rows: {c.Method}");
        }
        log.WriteLine();

        log.WriteLine($"== 5. Stratified {options.Folds}-fold cross-validation (accuracy)");
        var scores = ModelComparison.Run(x, y, options.Folds, options.Seed,
            s => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Name,-34} {s.Mean:0.0000} ± {s.Std:0.0000}  ({s.Seconds:0.0} s)")));
        var partial = new TitanicResult(eda, features.Names, features.Imputed, scores, "", plots, 0);
        log.WriteLine();
        log.Write(partial.ScoreTable());
        log.WriteLine();

        var best = partial.Best;
        log.WriteLine($"== 6. Fit '{best.Name}' on all {data.Train.Count} passengers and predict test.csv");
        var model = ModelComparison.Create(best.Name, options.Seed);
        model.Fit(x, y);
        var predictions = model.Predict(xTest);
        var submission = Submission.Write(Path.Combine(outDir, Submission.FileName), data.Test, predictions);
        log.WriteLine($"  {submission}: {predictions.Length} rows, {predictions.Count(p => p == 1)} predicted survivors");
        var seconds = watch.Elapsed.TotalSeconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {seconds:0.0} s."));
        return partial with { SubmissionPath = submission, Seconds = seconds };
    }
}
