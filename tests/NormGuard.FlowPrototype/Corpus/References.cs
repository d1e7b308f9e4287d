using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Analyzers.Tests;

// What the linked CorpusCompiler needs from the analyzer test project (Verify.cs, MultiAssemblyTests.cs), restated here.
internal static class References
{
    /// <summary>.NET 8 reference assemblies (restored from NuGet on first use).</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80;

    /// <summary>ML.NET, from this project's own package reference.</summary>
    public static readonly ImmutableArray<string> MLNet = Directory
        .GetFiles(System.AppContext.BaseDirectory, "Microsoft.ML*.dll")
        .Where(p => !Path.GetFileName(p).Contains("Native", System.StringComparison.Ordinal))
        .ToImmutableArray();
}

internal sealed class InMemoryAdditionalText(string path, SourceText? text) : AdditionalText
{
    public InMemoryAdditionalText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => text;
}
