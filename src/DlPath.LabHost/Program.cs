using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using DlPath.Course.Labs;
using DlPath.LabHost;

// The grading process: dlpath starts it with a time limit and a GC heap limit, reads the marked event lines
// from stdout, and turns a missing result (time-out, stack overflow, crash) into a verdict itself.
// Usage: DlPath.LabHost --lab <lab folder> --assembly <learner's built .dll>
string? labDir = null, assemblyPath = null;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--lab": labDir = args[i + 1]; break;
        case "--assembly": assemblyPath = args[i + 1]; break;
    }
}

var stdout = Console.Out;
void Emit(GraderEvent e)
{
    lock (stdout)
    {
        stdout.WriteLine(GraderEvent.Marker + JsonSerializer.Serialize(e, LabJson.Compact));
        stdout.Flush();
    }
}

if (labDir is null || assemblyPath is null)
{
    Console.Error.WriteLine("usage: DlPath.LabHost --lab <lab folder> --assembly <learner assembly .dll>");
    return 2;
}

try
{
    var lab = LabLoader.Load(labDir);
    // Default context: the learner's assembly binds to this process's DlPath.Tensors, the one the checks use.
    Assembly assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
    var subject = new LabSubject(assembly, lab.Namespace);
    CheckRunner.Run(lab, subject, id => Emit(new GraderEvent("start", id)), r => Emit(new GraderEvent("result", r.Id, r)));
    Emit(new GraderEvent("done"));
    return 0;
}
catch (Exception e) when (e is LabFormatException or FileNotFoundException or BadImageFormatException or KeyNotFoundException)
{
    Emit(new GraderEvent("fatal", Message: e.Message));
    return 3;
}
