using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>Every rule has its descriptor, docs page, help link, release-tracking entry and README line.</summary>
public sealed class CatalogTests
{
    private static readonly string Root = typeof(CatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static IEnumerable<DiagnosticDescriptor> Descriptors =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    [Fact]
    public void The_catalog_has_twenty_one_rules_NG0001_to_NG0021()
    {
        Assert.Equal(Enumerable.Range(1, 21).Select(i => $"NG{i:0000}"), Descriptors.Select(d => d.Id).Distinct().Order());
    }

    [Fact]
    public void Every_rule_has_a_docs_page_with_what_why_fix_and_example_and_links_to_it()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        string unshipped = File.ReadAllText(Path.Combine(Root, "src", "NormGuard.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            string page = Path.Combine(Root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no docs page");
            string text = File.ReadAllText(page);
            foreach (string section in new[] { "## What", "## Why", "## How to fix", "## Example" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), $"{descriptor.Id}.md lacks '{section}'");
            }

            Assert.StartsWith("# " + descriptor.Id, text, StringComparison.Ordinal);
            Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.Contains(descriptor.Id + " |", unshipped, StringComparison.Ordinal);
            Assert.Contains("[" + descriptor.Id + "](docs/rules/" + descriptor.Id + ".md)", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_analyzer_reports_only_catalog_rules_and_every_rule_has_a_reporter()
    {
        DiagnosticAnalyzer[] analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();
        var reported = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Subset(Descriptors.Select(d => d.Id).ToHashSet(), reported);

        // Every rule comes from an analyzer, NG0001 and NG0002 included (so editors show them and .editorconfig
        // configures them); the generator reports nothing.
        Assert.Equal(Descriptors.Select(d => d.Id).Distinct().Order(), reported.Order());
    }
}
