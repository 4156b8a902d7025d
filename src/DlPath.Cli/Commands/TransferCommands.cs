using System.CommandLine;
using DlPath.Course.Progress;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath export</c> and <c>dlpath import</c>: all progress as one JSON file that round-trips exactly.</summary>
public sealed class TransferCommands : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var exportFile = new Argument<string>("file") { Description = "Where to write the JSON ('-' for standard output)" };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists" };
        var export = new Command("export", "Write all progress (task states, every logged hour, lab results, reviews, settings) to a JSON file") { exportFile, force };
        export.SetAction(parse =>
        {
            var json = context.Store(parse).Export().ToJson();
            var path = parse.GetValue(exportFile)!;
            if (path == "-")
            {
                context.Output.Write(json);
                return 0;
            }

            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new CliException($"{path} already exists; use --force to overwrite it");
            }

            // Write next to the target and rename, so that a crash never leaves half an export behind.
            var temp = path + ".tmp";
            File.WriteAllText(temp, json);
            File.Move(temp, path, overwrite: true);
            context.Console.MarkupLine($"Exported progress to [bold]{Markup.Escape(path)}[/].");
            return 0;
        });

        var importFile = new Argument<string>("file") { Description = "A file written by dlpath export ('-' for standard input)" };
        var replace = new Option<bool>("--replace") { Description = "Replace the progress already in this home (default: import into an empty home only)" };
        var json = new Option<bool>("--json") { Description = "Print what was imported as JSON" };
        var import = new Command("import", "Load progress written by dlpath export; every entry or none") { importFile, replace, json };
        import.SetAction(parse =>
        {
            var path = parse.GetValue(importFile)!;
            string text;
            try
            {
                text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot read {path}: {e.Message}");
            }

            var snapshot = ProgressSnapshot.FromJson(text, path);
            var unknown = snapshot.Tasks.Select(t => t.Id).Concat(snapshot.Hours.Select(h => h.Task))
                .Where(id => context.Guide.Find(id) is null).Distinct().Order(StringComparer.Ordinal).ToList();
            context.Store(parse).Import(snapshot, parse.GetValue(replace));
            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    Imported = new { Tasks = snapshot.Tasks.Count, Hours = snapshot.Hours.Count, LabResults = snapshot.LabResults.Count, Reviews = snapshot.Reviews.Count, Settings = snapshot.Settings.Count },
                    UnknownTasks = unknown,
                });
                return 0;
            }

            context.Console.MarkupLine($"Imported {snapshot.Tasks.Count} task states, {snapshot.Hours.Count} hours entries, "
                                       + $"{snapshot.LabResults.Count} lab results, {snapshot.Reviews.Count} reviews.");
            if (unknown.Count > 0)
            {
                context.Error.WriteLine($"dlpath: warning: kept entries for tasks this version of the guide does not have: {string.Join(", ", unknown)}");
            }

            return 0;
        });

        root.Subcommands.Add(export);
        root.Subcommands.Add(import);
    }
}
