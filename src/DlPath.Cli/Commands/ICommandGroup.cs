using System.CommandLine;

namespace DlPath.Cli.Commands;

/// <summary>
/// A group of related <c>dlpath</c> commands, one file each (plan, progress, transfer...). New groups (train,
/// lab, quiz, review, project, course, data, bench, serve) are added as new implementations and listed in
/// <see cref="CliApp.Groups"/>.
/// </summary>
public interface ICommandGroup
{
    /// <summary>Adds the group's commands (and, for the dashboard, the root action) to <paramref name="root"/>.</summary>
    void Register(RootCommand root, CliContext context);
}
