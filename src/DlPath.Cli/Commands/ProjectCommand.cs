using System.CommandLine;
using DlPath.Course.Projects.Titanic;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath project titanic [--data DIR] [--out DIR] [--json]</c>: the guide's end-to-end projects. A thin
/// command: the work is done by the project's pipeline in DlPath.Course, which <c>examples/</c> also runs.
/// </summary>
public sealed class ProjectCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Folder with Kaggle's train.csv and test.csv (default: DLPATH_DATA, or run 'dlpath data get titanic')", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Where submission.csv and the plots go (default: titanic-output)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout (the report goes to stderr)" };
        var titanic = new Command("titanic", "Kaggle Titanic end to end: explore, plot, engineer features, compare seven models by 5-fold CV, write submission.csv")
        {
            data, output, json,
        };
        titanic.SetAction(parse =>
        {
            bool asJson = parse.GetValue(json);
            var options = new TitanicOptions
            {
                DataDirectory = parse.GetValue(data),
                OutputDirectory = parse.GetValue(output) ?? new TitanicOptions().OutputDirectory,
            };
            // With --json, stdout holds only the JSON document; the learner still sees the report on stderr.
            var result = TitanicProject.Run(options, asJson ? context.Error : context.Output);
            if (asJson)
            {
                JsonOut.WriteRaw(context.Output, result.ToJson());
            }
            return 0;
        });
        var command = new Command("project", "Run one of the guide's end-to-end projects") { titanic };
        root.Subcommands.Add(command);
    }
}
