using System.CommandLine;
using System.Text.Json;
using DlPath.Course.Exercises.MlCourse;
using DlPath.Data.Datasets;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath course ml ex1 … ex8</c>: runs one of the ML course's programming exercises end to end on its
/// original data, prints what the original script prints, and draws its figures as PNGs.
/// </summary>
public sealed class CourseCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var ml = new Command("ml", "Andrew Ng's Machine Learning course: the eight programming exercises");
        foreach (var (name, description) in MlCourseExercises.Descriptions)
        {
            var data = new Option<string?>("--data") { Description = "A folder holding ex1/ … ex8/ (default: searched, see dlpath data where ml-course)" };
            var plots = new Option<string?>("--plots") { Description = "Write the exercise's figures as PNGs into DIR/" + name };
            var json = new Option<bool>("--json") { Description = "Print the quantities as one JSON object (snake_case)" };
            var seed = new Option<int>("--seed") { Description = "Seed for the randomised parts", DefaultValueFactory = _ => 0 };
            var exercise = new Command(name, description) { data, plots, json, seed };
            exercise.SetAction(parse =>
            {
                object result;
                try
                {
                    result = MlCourseExercises.Run(name, new ExerciseOptions(parse.GetValue(data), parse.GetValue(plots), parse.GetValue(seed)));
                }
                catch (DatasetNotFoundException e)
                {
                    throw new CliException(e.Message);
                }
                catch (FileNotFoundException e)
                {
                    throw new CliException(e.Message);
                }

                string text = ExerciseJson.Serialize(result);
                if (parse.GetValue(json))
                {
                    JsonOut.WriteRaw(context.Output, text);
                    return 0;
                }

                context.Console.MarkupLine($"[bold]{name}[/]: {Markup.Escape(description)}");
                using var doc = JsonDocument.Parse(text);
                Print(context, doc.RootElement, indent: 0);
                return 0;
            });
            ml.Subcommands.Add(exercise);
        }

        root.Subcommands.Add(new Command("course", "The courses the path follows, as runnable exercises") { ml });
    }

    // The quantities as "name: value" lines, nested results indented, long arrays summarised.
    private static void Print(CliContext context, JsonElement e, int indent)
    {
        string pad = new(' ', indent);
        foreach (var p in e.EnumerateObject())
        {
            string label = p.Name.Replace('_', ' ');
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    context.Output.WriteLine($"{pad}{label}:");
                    Print(context, p.Value, indent + 2);
                    break;
                case JsonValueKind.Array when p.Value.GetArrayLength() > 12:
                    var first = string.Join(", ", p.Value.EnumerateArray().Take(6).Select(v => v.ToString()));
                    context.Output.WriteLine($"{pad}{label}: [{first}, … {p.Value.GetArrayLength()} values]");
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    context.Output.WriteLine($"{pad}{label}: {p.Value}");
                    break;
            }
        }
    }
}
