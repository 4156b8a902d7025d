// Kaggle's Titanic, end to end: the guide's first test of skill.
//
//   dotnet run --project examples/Titanic -- [--data DIR] [--out DIR] [--json] [--no-plots]
//
// Every step lives in DlPath.Course.Projects.Titanic so that `dlpath project titanic` runs the same code;
// read README.md next to this file for a walk through the output and the plots.
using DlPath.Course.Projects.Titanic;
using DlPath.Data.Datasets;
using DlPath.Data.Formats;

string? data = null;
string output = "titanic-output";
bool json = false, plots = true;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--json":
            json = true;
            break;
        case "--no-plots":
            plots = false;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: titanic [--data DIR] [--out DIR] [--json] [--no-plots]");
            Console.WriteLine("  --data DIR   folder with Kaggle's train.csv and test.csv (default: DLPATH_DATA, then 'dlpath data get titanic')");
            Console.WriteLine("  --out DIR    where submission.csv and the PNG plots go (default: titanic-output)");
            Console.WriteLine("  --json       print the report on stderr and only the JSON result on stdout");
            Console.WriteLine("  --no-plots   skip the four charts");
            return 0;
        default:
            Console.Error.WriteLine($"titanic: unknown argument '{args[i]}' (try --help)");
            return 1;
    }
}

// With --json the learner's report goes to stderr, so stdout holds nothing but the JSON document.
var log = json ? Console.Error : Console.Out;
try
{
    var result = TitanicProject.Run(new TitanicOptions { DataDirectory = data, OutputDirectory = output, Plots = plots }, log);
    if (json)
    {
        Console.Out.WriteLine(result.ToJson());
    }
    return 0;
}
catch (Exception e) when (e is DataFormatException or DatasetNotFoundException or FileNotFoundException)
{
    // A problem with the data is the learner's to fix: the message names the file, row and column.
    Console.Error.WriteLine($"titanic: {e.Message}");
    return 1;
}
