namespace DlPath.Course.Labs;

/// <summary>
/// The learner's copies of the starters: <c>&lt;root&gt;/&lt;lab id&gt;/</c>, one project per lab. Starting a lab copies
/// its starter here and never overwrites the learner's work unless asked to.
/// </summary>
public sealed class LabWorkspace
{
    /// <summary>Environment variable overriding the workspace root.</summary>
    public const string RootVariable = "DLPATH_LAB_WORKSPACE";

    /// <summary>The props file written next to the learner's project; it points the build at DlPath.Tensors.</summary>
    public const string PropsFile = "DlPath.Lab.props";

    /// <summary>Creates a workspace at <paramref name="root"/>.</summary>
    public LabWorkspace(string root) => Root = Path.GetFullPath(root);

    /// <summary>The workspace root.</summary>
    public string Root { get; }

    /// <summary>The default root: <see cref="RootVariable"/>, else <c>~/.dlpath/labs</c>.</summary>
    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dlpath", "labs");

    /// <summary>The learner's folder for <paramref name="lab"/>.</summary>
    public string DirectoryOf(LabDefinition lab) => Path.Combine(Root, lab.Id);

    /// <summary>The learner's project file for <paramref name="lab"/>.</summary>
    public string ProjectOf(LabDefinition lab) => Path.Combine(DirectoryOf(lab), lab.Project);

    /// <summary>Whether the learner has started <paramref name="lab"/>.</summary>
    public bool IsStarted(LabDefinition lab) => File.Exists(ProjectOf(lab));

    /// <summary>
    /// Copies the starter into the workspace. When the lab was already started, nothing is touched unless
    /// <paramref name="force"/>; then the learner's files are first moved to a dated backup folder.
    /// </summary>
    /// <returns>The backup folder when one was made, else null.</returns>
    /// <exception cref="InvalidOperationException">Already started and not forced.</exception>
    public string? Start(LabDefinition lab, string tensorsAssembly, bool force = false)
    {
        var target = DirectoryOf(lab);
        string? backup = null;
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            if (!force)
                throw new InvalidOperationException($"lab '{lab.Id}' is already started in {target}; your work is kept. Use --force to start over (your files are backed up first).");
            backup = $"{target}.backup-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            Directory.Move(target, backup);
        }

        CopyStarter(lab.StarterDirectory, target);
        WriteProps(lab, tensorsAssembly);
        return backup;
    }

    /// <summary>(Re)writes the props file that points the learner's project at <paramref name="tensorsAssembly"/>.</summary>
    public void WriteProps(LabDefinition lab, string tensorsAssembly)
    {
        var props = $"""
            <Project>
              <!-- Written by dlpath: where this machine's DlPath.Tensors.dll is. Safe to delete; dlpath rewrites it. -->
              <PropertyGroup>
                <DlPathTensorsDll>{System.Security.SecurityElement.Escape(Path.GetFullPath(tensorsAssembly))}</DlPathTensorsDll>
              </PropertyGroup>
            </Project>

            """;
        File.WriteAllText(Path.Combine(DirectoryOf(lab), PropsFile), props);
    }

    private static void CopyStarter(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" || relative == PropsFile) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
