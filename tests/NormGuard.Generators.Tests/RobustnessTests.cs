using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Generators.Tests;

/// <summary>No manifest text makes the generator throw (which would surface as CS8785 and break the build).</summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_truncation_and_byte_mutation_of_a_manifest_is_a_diagnostic_never_a_crash()
    {
        string manifest = TestManifests.DiamondsManifest;
        var random = new Random(20261126);
        int tried = 0;
        foreach (string text in Enumerable.Range(0, manifest.Length).Where(i => i % 3 == 0).Select(i => manifest[..i])
            .Concat(Enumerable.Range(0, 300).Select(_ => Mutate(manifest, random))))
        {
            GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds.normguard.json", text));
            Assert.Null(run.Result.Results.Single().Exception);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8785" or "CS8784" or "AD0001");
            Assert.DoesNotContain(run.CompileErrors, d => d.Location.SourceTree?.FilePath.Contains("NormGuard.g.cs", StringComparison.Ordinal) == true);
            tried++;
        }

        output.WriteLine($"{tried} manifests tried");
    }

    [Fact]
    public void Deep_nesting_and_huge_input_are_refused_with_NG0002()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        var huge = new StringBuilder("{\"format\":\"normguard.manifest/1\",\"featureSet\":\"");
        huge.Append('d', 1_000_000).Append("\",\"version\":1,\"profile\":\"sklearn\",\"features\":[");
        for (int i = 0; i < 20_000; i++)
        {
            huge.Append(i == 0 ? string.Empty : ",").Append("{\"name\":\"f").Append(i).Append("\",\"steps\":[{\"op\":\"zscore\",\"mean\":0.123456789012345678,\"std\":1.5e-3}]}");
        }

        huge.Append("]}");
        foreach (string text in new[] { deep, huge.ToString() })
        {
            GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds.normguard.json", text));
            Assert.Null(run.Result.Results.Single().Exception);
            Diagnostic unreadable = run.Diagnostics.First(d => d.Id == "NG0002");
            output.WriteLine($"{text.Length:N0} chars: {unreadable.GetMessage()[..Math.Min(120, unreadable.GetMessage().Length)]}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        char[] chars = text.ToCharArray();
        for (int k = random.Next(1, 4); k > 0; k--)
        {
            int at = random.Next(chars.Length);
            const string Alphabet = "{}[]\":,0-9.eE \\ntfu\u0000\uFFFF";
            chars[at] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}
