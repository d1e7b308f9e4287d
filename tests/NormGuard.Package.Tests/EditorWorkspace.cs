using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace NormGuard.Package.Tests;

/// <summary>
/// A folder of consumer projects that restore the packed NormGuard package as a user's would: a <c>nuget.config</c>
/// naming only the local package folder, and a private global packages folder, so the package under test is the one
/// just packed (its version does not change between builds) and is extracted once for all the projects of a test class.
/// </summary>
public sealed class EditorWorkspace : IDisposable
{
    public EditorWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "normguard-editor-" + Guid.NewGuid().ToString("N"));
        Consumers = Path.Combine(Root, "consumers");
        Directory.CreateDirectory(Consumers);
        File.WriteAllText(Path.Combine(Consumers, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Metadata("PackageDirectory")}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Consumers, "packages")}" />
              </config>
            </configuration>
            """);
    }

    /// <summary>The work folder; tools installed from nuget.org go here, outside <see cref="Consumers"/>.</summary>
    public string Root { get; }

    /// <summary>Where the consumer projects live, under the nuget.config that points at the packed package.</summary>
    public string Consumers { get; }

    public static string Metadata(string key) =>
        typeof(EditorWorkspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>
    /// Copies <paramref name="sourceFolder"/> (under the test output's Editor folder) to a new consumer project named
    /// <paramref name="name"/>: every file but the project template and <c>*.fixed</c> expectations, and the template as
    /// <c>name.csproj</c> referencing the packed version.
    /// </summary>
    public string CreateProject(string name, string sourceFolder, string template)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Editor", sourceFolder);
        string project = Path.Combine(Consumers, name);
        Directory.CreateDirectory(project);
        foreach (string file in Directory.GetFiles(source))
        {
            if (!file.EndsWith(".fixed", StringComparison.Ordinal) && !file.EndsWith(".template", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
            }
        }

        string csproj = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Editor", template))
            .Replace("$VERSION$", Metadata("PackageVersion"), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(project, name + ".csproj"), csproj);
        return project;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>The editor tests run one after another: each drives a whole toolchain (restore, a language server, format).</summary>
[CollectionDefinition(Name)]
public sealed class EditorCollection
{
    public const string Name = "editor";
}

/// <summary>A finished command: exit code and what it wrote.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"{CommandLine} -> exit {ExitCode}\n{StandardOutput}{StandardError}";

    public static CommandResult Run(string directory, string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(command + " " + string.Join(' ', start.ArgumentList), process.ExitCode, stdout.Result, stderr);
    }
}
