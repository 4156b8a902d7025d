using System.CommandLine;
using DlPath.Course.Progress;
using DlPath.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath serve</c>: the web dashboard, the model playground and the prediction API.</summary>
public sealed class ServeCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, ';'-separated (default {ServeOptions.DefaultUrls}: this machine only; any other address needs {ServeOptions.TokenVariable})",
            HelpName = "URLS",
            DefaultValueFactory = _ => ServeOptions.DefaultUrls,
        };
        var models = new Option<string?>("--models")
        {
            Description = "Folder of .safetensors checkpoints to serve (default: HOME/models when it exists)",
            HelpName = "DIR",
        };
        var command = new Command("serve", "Serve the dashboard, the model playground and the prediction API on Kestrel") { urls, models };
        command.SetAction(parse =>
        {
            string home = context.Home(parse);
            string? dir = parse.GetValue(models);
            if (dir is not null && !Directory.Exists(dir)) throw new CliException($"--models: no folder '{dir}'");
            dir ??= Path.Combine(home, "models") is var fallback && Directory.Exists(fallback) ? fallback : null;
            var options = new ServeOptions
            {
                Urls = parse.GetValue(urls) ?? ServeOptions.DefaultUrls,
                ModelsDirectory = dir,
                OpenStore = () => ProgressStoreFactory.Open(home, context.Environment),
                Today = () => context.Today,
                Now = () => context.Now,
                Token = context.Environment(ServeOptions.TokenVariable),
            };
            var app = DlPathWeb.Build(options);
            app.Start();
            foreach (var address in app.Urls) context.Output.WriteLine($"dlpath serve: dashboard {address}/  playground {address}/playground  API {address}/openapi/v1.json");
            context.Output.WriteLine(dir is null ? "No models folder: pass --models DIR to serve checkpoints." : $"Models from {dir}");
            context.Output.WriteLine("Press Ctrl+C to stop.");
            app.WaitForShutdown();
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
