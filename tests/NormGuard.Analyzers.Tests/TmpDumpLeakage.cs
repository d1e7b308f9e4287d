using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

public sealed class TmpDumpLeakage
{
    [Fact]
    public async Task DumpLeakage()
    {
        var refs = (await References.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(FeatureSetAttribute).Assembly.Location));
        refs.AddRange(References.MLNet.Select(p => MetadataReference.CreateFromFile(p)));
        string root = Path.Combine(AppContext.BaseDirectory, "Corpus", "Leakage");
        string? only = Environment.GetEnvironmentVariable("DUMP_FILE");
        var sb = new StringBuilder();
        foreach (string file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).OrderBy(f => f))
        {
            string text = File.ReadAllText(file);
            text = Regex.Replace(text, @"\{\|NG0006:", "");
            text = text.Replace("|}", "");
            if (only is not null && !file.Contains(only)) continue;
            var tree = CSharpSyntaxTree.ParseText(text, path: Path.GetFileName(file));
            var comp = CSharpCompilation.Create("t", new[] { tree }, refs, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
            var errors = comp.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var diags = await comp.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LeakageAnalyzer())).GetAnalyzerDiagnosticsAsync();
            sb.AppendLine("== " + Path.GetRelativePath(root, file));
            foreach (var e in errors) sb.AppendLine("   ERROR " + e);
            foreach (var d in diags) sb.AppendLine($"   {d.Location.GetLineSpan().StartLinePosition.Line + 1}: [{tree.GetText().ToString(d.Location.SourceSpan)}] {d.GetMessage()}");
        }
        File.WriteAllText("/tmp/leakage-dump.txt", sb.ToString());
    }
}
