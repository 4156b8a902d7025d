using System.CommandLine;
using DlPath.NN.Onnx;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath export onnx CHECKPOINT OUT.onnx</c>: a trained model as an ONNX file for ONNX Runtime and friends.</summary>
public sealed class ExportCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "A .safetensors checkpoint saved by dlpath (its metadata names the architecture)" };
        var output = new Argument<string>("OUT") { Description = "The .onnx file to write" };
        var onnx = new Command("onnx", $"Export a checkpoint to ONNX (opset {OnnxExporter.Opset}, dynamic batch)") { checkpoint, output };
        onnx.SetAction(parse =>
        {
            string input = parse.GetValue(checkpoint)!, target = parse.GetValue(output)!;
            if (!File.Exists(input)) throw new CliException($"export: no checkpoint '{input}'");
            try
            {
                var loaded = SequentialCheckpoint.Load(input);
                OnnxExporter.Save(target, loaded.Model, loaded.InputShape);
                context.Output.WriteLine($"wrote {target}: {loaded.Model.Count} layers, {loaded.Model.ParameterCount():N0} parameters, input (N, {string.Join(", ", loaded.InputShape)})");
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                throw new CliException(e.Message);
            }

            return 0;
        });
        // `dlpath export FILE` (progress, TransferCommands) already exists: onnx becomes its subcommand, and the
        // parser matches the word "onnx" as the subcommand before it would take it as the progress file's name.
        if (root.Subcommands.FirstOrDefault(c => c.Name == "export") is { } export)
        {
            export.Subcommands.Add(onnx);
        }
        else
        {
            root.Subcommands.Add(new Command("export", "Export trained models to other formats") { onnx });
        }
    }
}
