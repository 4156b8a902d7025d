using System.Diagnostics;

namespace DlPath.Cli.Tests;

/// <summary>Runs the real, built <c>dlpath</c> (dlpath.dll next to the tests) in a child process.</summary>
internal static class DlPathProcess
{
    public const string Today = "2026-12-16";

    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "dlpath.dll");
            Assert.True(File.Exists(path), $"the built dlpath is missing at {path}");
            return path;
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Starts dlpath with a clean environment: the given home, no DLPATH_DB unless given, a fixed today.</summary>
    public static Process Start(string home, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("DLPATH_DB");
        psi.Environment.Remove("DLPATH_DEBUG");
        psi.Environment["DLPATH_HOME"] = home;
        psi.Environment["DLPATH_TODAY"] = Today;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }

        return Process.Start(psi)!;
    }

    public static Result Run(string home, params string[] args) => Run(home, args, null);

    public static Result Run(string home, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env, string? stdin = null)
    {
        using var p = Start(home, args, env, stdin is not null);
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dlpath {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new Result(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
