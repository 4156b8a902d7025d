using System.CommandLine;
using DlPath.Data.Datasets;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath data list | where NAME | get NAME</c>: which datasets the path uses, where each one was found,
/// and a verified download from its public origin into the data directory.
/// </summary>
public sealed class DataCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var listJson = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var list = new Command("list", "The datasets DlPath knows, and where each one is found on this machine") { listJson };
        list.SetAction(parse =>
        {
            var locator = Locator(context);
            var rows = DatasetCatalog.All.Select(d => new { d.Name, d.Description, Found = locator.TryFind(d.Name), Fetch = d.FetchCommand }).ToList();
            if (parse.GetValue(listJson))
            {
                JsonOut.Write(context.Output, new { DataRoot = locator.DataRoot, Datasets = rows });
                return 0;
            }

            var table = new Table().AddColumns("dataset", "where", "what");
            foreach (var r in rows)
            {
                table.AddRow(r.Name, r.Found is null ? $"[yellow]missing[/] ({Markup.Escape(r.Fetch)})" : Markup.Escape(r.Found), Markup.Escape(r.Description));
            }

            context.Console.Write(table);
            return 0;
        });

        var whereName = new Argument<string>("name") { Description = "Dataset name (fashion-mnist, titanic, ml-course, sklearn)" };
        var where = new Command("where", "Print the directory a dataset is read from (or how to get it)") { whereName };
        where.SetAction(parse =>
        {
            var dataset = Dataset(parse.GetValue(whereName)!);
            context.Output.WriteLine(Locator(context).Find(dataset.Name));
            return 0;
        });

        var getName = new Argument<string>("name") { Description = "Dataset name (fashion-mnist, titanic, ml-course, sklearn)" };
        var dir = new Option<string?>("--dir") { Description = "Data directory to download into (default: $DLPATH_DATA or the per-user data directory)" };
        var getJson = new Option<bool>("--json") { Description = "Print what was downloaded as JSON" };
        var get = new Command("get", "Download a dataset from its public origin and verify every file's checksum") { getName, dir, getJson };
        get.SetAction(async (parse, cancel) =>
        {
            var dataset = Dataset(parse.GetValue(getName)!);
            var dataRoot = parse.GetValue(dir) ?? Locator(context).DataRoot
                ?? throw new CliException("no data directory: set DLPATH_DATA or pass --dir DIR");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var downloader = new Downloader(http);
            bool json = parse.GetValue(getJson);
            DatasetDownloadResult result;
            try
            {
                var progress = new Progress<DownloadProgress>(p =>
                {
                    if (!json && p.TotalBytes is { } total && p.BytesReceived == total)
                    {
                        context.Console.MarkupLine($"  {Markup.Escape(p.RelativePath)}: {total / 1024.0 / 1024.0:F1} MB");
                    }
                });
                if (!json) context.Console.MarkupLine($"Downloading [bold]{dataset.Name}[/] from {Markup.Escape(dataset.Origin)} into {Markup.Escape(Path.Combine(dataRoot, dataset.Name))}");
                result = await downloader.DownloadAsync(dataset, dataRoot, progress, cancel);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"data get {dataset.Name}: {e.Message}");
            }

            if (json)
            {
                JsonOut.Write(context.Output, new
                {
                    result.Directory,
                    result.Downloaded,
                    result.AlreadyPresent,
                    OptionalFailures = result.OptionalFailures.Select(f => new { Path = f.RelativePath, f.Reason }),
                });
                return 0;
            }

            context.Console.MarkupLine($"[green]{dataset.Name}[/]: {result.Downloaded.Count} file(s) downloaded and verified, {result.AlreadyPresent.Count} already present.");
            foreach (var (path, reason) in result.OptionalFailures)
            {
                context.Console.MarkupLine($"[yellow]optional file {Markup.Escape(path)} not fetched[/]: {Markup.Escape(reason)}");
            }

            return 0;
        });

        root.Subcommands.Add(new Command("data", "Datasets: list them, find them, download them") { list, where, get });
    }

    private static DataLocator Locator(CliContext context) =>
        new(context.Environment(DataLocator.DataEnvironmentVariable) is { Length: > 0 } d ? d : DataLocator.DefaultDataRoot(), true, SharedDataFolder.TryFind());

    private static DatasetInfo Dataset(string name) => DatasetCatalog.TryGet(name)
        ?? throw new CliException($"unknown dataset '{name}': known datasets are {string.Join(", ", DatasetCatalog.All.Select(d => d.Name))}");
}
