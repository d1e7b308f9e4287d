using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace NormGuard.Package.Tests;

/// <summary>
/// csharp-ls, installed from NuGet, serving the sample project <c>Editor/LanguageServer</c> as an editor would: it is
/// restored first (the server resolves package references from the restore), opened with analyzers enabled, and its
/// diagnostics pulled until the workspace has loaded and its answers have settled.
/// </summary>
/// <remarks>
/// csharp-ls 0.28.0 reads its settings only from the client: after <c>initialized</c> it asks for the <c>csharp</c>
/// section with <c>workspace/configuration</c>, and only if the client declared <c>workspace.configuration</c>;
/// <c>initializationOptions</c> are not read. Analyzers run only with <c>analyzersEnabled: true</c> there.
/// </remarks>
public sealed class LanguageServerSession : IAsyncLifetime
{
    public const string ServerVersion = "0.28.0";

    /// <summary>Bounds the waiting only (install, workspace load, analysis); nothing is asserted about time.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    private readonly EditorWorkspace workspace = new();
    private readonly CancellationTokenSource deadline = new(Deadline);
    private LanguageServerConnection? server;

    public static IReadOnlyList<string> SampleFiles { get; } = ["Order.cs", "House.cs", "Store.cs", "Branch.cs", "Receipt.cs"];

    public string Project { get; private set; } = string.Empty;

    /// <summary>The last answer to <c>textDocument/diagnostic</c> for each sample file.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LspDiagnostic>> Diagnostics { get; private set; } = new Dictionary<string, IReadOnlyList<LspDiagnostic>>();

    /// <summary>
    /// The answer to <c>workspace/diagnostic</c> once the documents' diagnostics have settled, by file name: the only
    /// place csharp-ls reports diagnostics located in a manifest, which is not a C# document.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LspDiagnostic>> WorkspaceDiagnostics { get; private set; } = new Dictionary<string, IReadOnlyList<LspDiagnostic>>();

    /// <summary>How the pulls went, one line per round, for the test output.</summary>
    public List<string> Log { get; } = [];

    public LanguageServerConnection Server => server ?? throw new InvalidOperationException("The language server did not start.");

    public CancellationToken Cancellation => deadline.Token;

    public async Task InitializeAsync()
    {
        Project = workspace.CreateProject("Sample", "LanguageServer", Path.Combine("LanguageServer", "Sample.csproj.template"));
        Require(CommandResult.Run(Project, "dotnet", ["restore", "-nologo"]));

        // From the user's NuGet configuration (nuget.org), not the consumers' one, which lists only the packed package.
        string tools = Path.Combine(workspace.Root, "csharp-ls");
        Require(CommandResult.Run(workspace.Root, "dotnet", ["tool", "install", "csharp-ls", "--version", ServerVersion, "--tool-path", tools]));

        var start = new ProcessStartInfo(Path.Combine(tools, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls")) { WorkingDirectory = Project };
        start.ArgumentList.Add("--loglevel");
        start.ArgumentList.Add("warning");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        server = LanguageServerConnection.Start(start, AnswerServerRequest);

        string root = new Uri(Project + Path.DirectorySeparatorChar).AbsoluteUri;
        await Server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "Sample" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject
                        {
                            ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("", "quickfix", "refactor", "source") },
                        },
                    },
                },
            },
        }, Cancellation);
        await Server.NotifyAsync("initialized", new JsonObject());

        foreach (string file in SampleFiles)
        {
            await Server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri(file), ["languageId"] = "csharp", ["version"] = 1, ["text"] = File.ReadAllText(Path.Combine(Project, file)) },
            });
        }

        await PullDiagnosticsUntilSettledAsync();

        JsonNode? workspaceReport = await Server.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }, Cancellation);
        WorkspaceDiagnostics = (workspaceReport?["items"] as JsonArray ?? []).ToDictionary(
            report => Path.GetFileName(new Uri(report!["uri"]!.GetValue<string>()).LocalPath),
            report => (IReadOnlyList<LspDiagnostic>)(report!["items"] as JsonArray ?? []).Select(item => LspDiagnostic.From(item!)).ToList());
        Log.Add("workspace/diagnostic: " + string.Join("; ", WorkspaceDiagnostics.Select(r => r.Key + ": " + string.Join(", ", r.Value.Select(d => d.Code + "@" + (d.Line + 1))))));
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await server.StopAsync(stop.Token);
            server.Dispose();
        }

        deadline.Dispose();
        workspace.Dispose();
    }

    public string Uri(string file) => new Uri(Path.Combine(Project, file)).AbsoluteUri;

    public string Text(string file) => File.ReadAllText(Path.Combine(Project, file));

    /// <summary>What happened on the wire, last messages first cut to a readable size, for a failure's message.</summary>
    public string Explain() =>
        string.Join('\n', Log) + "\n--- last messages\n" + string.Join('\n', Server.Transcript.TakeLast(40).Select(m => m.Length > 2000 ? m[..2000] + "…" : m)) +
        "\n--- server stderr\n" + Server.StandardError;

    /// <summary>
    /// Pulls every sample file's diagnostics until they have settled: the workspace has loaded (the analyzers have
    /// reported something, which csharp-ls computes for the whole project at once) and two rounds in a row agree.
    /// </summary>
    private async Task PullDiagnosticsUntilSettledAsync()
    {
        string? previous = null;
        while (!Cancellation.IsCancellationRequested)
        {
            var round = new Dictionary<string, IReadOnlyList<LspDiagnostic>>();
            foreach (string file in SampleFiles)
            {
                JsonNode? report = await Server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(file) } }, Cancellation);
                round[file] = (report?["items"] as JsonArray ?? []).Select(item => LspDiagnostic.From(item!)).ToList();
            }

            Diagnostics = round;
            string summary = string.Join("; ", round.Select(r => r.Key + ": " + string.Join(", ", r.Value.Select(d => d.Code + "@" + (d.Line + 1)))));
            Log.Add(summary);
            if (summary == previous && round.Values.Any(ds => ds.Any(d => d.Code.StartsWith("NG", StringComparison.Ordinal))))
            {
                return;
            }

            previous = summary;
            await Task.Delay(TimeSpan.FromSeconds(2), Cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Log.Add($"gave up waiting after {Deadline}: the last round is what the tests see");
    }

    private static JsonNode? AnswerServerRequest(string method, JsonNode? parameters) => method switch
    {
        // One answer per item asked for; the csharp section turns the analyzers on.
        "workspace/configuration" => new JsonArray((parameters?["items"] as JsonArray ?? [])
            .Select(item => (JsonNode?)(item?["section"]?.GetValue<string>() == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null))
            .ToArray()),
        _ => null, // client/registerCapability, window/workDoneProgress/create: accepted.
    };

    private static void Require(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("Setting up the language server sample failed: " + result);
        }
    }
}

/// <summary>One LSP diagnostic: code, severity (1 error, 2 warning, 3 information, 4 hint), 0-based start, and its range as sent.</summary>
public sealed record LspDiagnostic(string Code, int Severity, int Line, int Character, string Message, JsonObject Range)
{
    public static LspDiagnostic From(JsonNode item) => new(
        item["code"]?.ToString() ?? string.Empty,
        item["severity"]?.GetValue<int>() ?? 0,
        item["range"]!["start"]!["line"]!.GetValue<int>(),
        item["range"]!["start"]!["character"]!.GetValue<int>(),
        item["message"]?.GetValue<string>() ?? string.Empty,
        item["range"]!.DeepClone().AsObject());

    public override string ToString() => $"{Code} (severity {Severity}) at {Line + 1}:{Character + 1}: {Message}";
}
