using System.Diagnostics;
using System.Text;

namespace DlPath.Course.Labs;

/// <summary>Runs a child process with a time limit, streaming its stdout lines; kills the whole tree on timeout.</summary>
internal static class ProcessRunner
{
    /// <summary>The outcome of a run.</summary>
    internal sealed record Outcome(int ExitCode, bool TimedOut, string StdErr, TimeSpan Elapsed);

    /// <summary>Runs <paramref name="start"/>, calling <paramref name="onLine"/> for each stdout line.</summary>
    internal static Outcome Run(ProcessStartInfo start, TimeSpan limit, Action<string> onLine, CancellationToken cancel = default)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) onLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            // Keep the head (where the runtime writes "Stack overflow." before thousands of repeated frames)
            // and stop there: a learner's runaway Console.Error loop must not fill memory.
            if (e.Data is null) return;
            lock (stderr)
            {
                if (stderr.Length < 32_000) stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited;
        using (cancel.Register(() => Kill(process)))
        {
            exited = process.WaitForExit(limit);
        }

        if (!exited) Kill(process);
        process.WaitForExit(); // drains the redirected streams
        lock (stderr)
        {
            return new Outcome(exited ? process.ExitCode : -1, !exited, stderr.ToString(), watch.Elapsed);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
