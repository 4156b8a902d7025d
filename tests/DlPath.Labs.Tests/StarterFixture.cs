using System.Reflection;
using System.Runtime.Loader;
using DlPath.Course.Labs;

namespace DlPath.Labs.Tests;

/// <summary>
/// Every lab's untouched starter compiled once into one assembly (the labs use distinct namespaces), so each
/// starter can be graded in-process without ten separate builds.
/// </summary>
public sealed class StarterFixture : IDisposable
{
    public StarterFixture()
    {
        Directory = Repo.TempDir("starters");
        var sources = string.Join(Environment.NewLine, Repo.Catalog.Labs.Select(l =>
            $"    <Compile Include=\"{Path.Combine(l.StarterDirectory, "*.cs")}\" />"));
        var project = Path.Combine(Directory, "AllStarters.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              <ItemGroup>
            {sources}
                <Reference Include="DlPath.Tensors" HintPath="$(DlPathTensorsDll)" Private="false" />
              </ItemGroup>
            </Project>
            """);
        Build = new LabBuilder { NodeReuse = false }.Build(project, Repo.Tensors);
        if (Build.Succeeded)
            Assembly = new AssemblyLoadContext("starters").LoadFromAssemblyPath(Build.AssemblyPath);
    }

    public string Directory { get; }

    public BuildResult Build { get; }

    public Assembly? Assembly { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
