namespace DlPath.Cli;

/// <summary>The <c>dlpath</c> entry point.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Box-drawing and block characters in tables and charts need UTF-8 on every console.
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
