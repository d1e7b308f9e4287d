using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;
using NormGuard.Manifests;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// The compiler server's next build hands the generator new AdditionalText objects for unchanged manifests: their
/// read, canonical form and hash come from the process-wide content cache, never from a path, and stay bounded.
/// </summary>
public sealed class ManifestContentCacheTests
{
    private const string ManifestPath = "/p/diamonds.normguard.json";

    // Each test uses its own text (a unique "source"), so the shared cache's other users cannot make it hit or miss.
    private static string UniqueDiamonds(string depthMean = "61.749") => TestManifests.DiamondsManifest
        .Replace("\"source\": \"diamonds.csv\"", "\"source\": \"" + Guid.NewGuid().ToString("N") + ".csv\"", StringComparison.Ordinal)
        .Replace("\"mean\": 61.749", "\"mean\": " + depthMean, StringComparison.Ordinal);

    private static (string Source, ManifestReadResult Read) Build(string manifest)
    {
        // A new driver and a new AdditionalText (so a new SourceText), as each build of a compiler server has.
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, (ManifestPath, manifest));
        var file = (ManifestFile)run.Result.Results.Single().TrackedSteps[TrackingNames.Manifests].Single().Outputs.Single().Value;
        return (run.Source("Diamond.NormGuard.g.cs"), file.Result);
    }

    [Fact]
    public void A_second_build_with_new_text_objects_reuses_the_first_read()
    {
        string manifest = UniqueDiamonds();
        (string firstSource, ManifestReadResult firstRead) = Build(manifest);
        (string secondSource, ManifestReadResult secondRead) = Build(new string(manifest.ToCharArray()));

        Assert.Same(firstRead, secondRead);
        Assert.Equal(firstSource, secondSource);
    }

    [Fact]
    public void The_same_path_with_new_content_generates_from_the_new_content()
    {
        string before = UniqueDiamonds("61.749");
        string after = before.Replace("\"mean\": 61.749", "\"mean\": 60.25", StringComparison.Ordinal);
        (string beforeSource, ManifestReadResult beforeRead) = Build(before);
        (string afterSource, ManifestReadResult afterRead) = Build(after);
        (string beforeAgain, _) = Build(before);

        Assert.Contains("61.749d", beforeSource, StringComparison.Ordinal);
        Assert.DoesNotContain("61.749d", afterSource, StringComparison.Ordinal);
        Assert.Contains("60.25d", afterSource, StringComparison.Ordinal);
        Assert.NotEqual(beforeRead.Manifest!.Sha256, afterRead.Manifest!.Sha256);
        Assert.Equal(ManifestReader.Read(after), afterRead);
        Assert.Equal(beforeSource, beforeAgain);
    }

    [Fact]
    public void A_hit_returns_what_the_reader_returns_for_that_text_and_an_unreadable_text_too()
    {
        var cache = new ManifestContentCache(ManifestContentCache.DefaultCharacterBudget);
        string good = UniqueDiamonds();
        string bad = good.Replace("\"std\": 1.4326", "\"std\": \"wide\"", StringComparison.Ordinal);

        ManifestReadResult goodFirst = cache.Read(good);
        ManifestReadResult badFirst = cache.Read(bad);
        ManifestReadResult goodAgain = cache.Read(new string(good.ToCharArray()));
        ManifestReadResult badAgain = cache.Read(new string(bad.ToCharArray()));

        Assert.Equal(ManifestReader.Read(good), goodFirst);
        Assert.Equal(ManifestReader.Read(bad), badFirst);
        Assert.False(badFirst.Succeeded);
        Assert.Same(goodFirst, goodAgain);
        Assert.Same(badFirst, badAgain);
        Assert.Equal(2, cache.Misses);
        Assert.Equal(2, cache.Hits);
    }

    [Fact]
    public void The_cache_holds_at_most_its_budget_and_drops_the_least_recently_used()
    {
        string[] texts = Enumerable.Range(0, 10).Select(_ => UniqueDiamonds()).ToArray();
        long entrySize = texts[0].Length + ManifestReader.Read(texts[0]).Manifest!.CanonicalJson.Length;
        Assert.All(texts, t => Assert.Equal(texts[0].Length, t.Length));

        // Room for eight entries (an entry may take an eighth of the budget at most, so each is kept).
        var cache = new ManifestContentCache(entrySize * 8 + entrySize / 2);
        foreach (string text in texts.Take(8))
        {
            cache.Read(text);
        }

        cache.Read(texts[0]); // now the most recently used: texts[1] is the oldest
        cache.Read(texts[8]); // evicts texts[1]
        cache.Read(texts[9]); // evicts texts[2]
        Assert.Equal(8, cache.Count);
        Assert.True(cache.Characters <= cache.CharacterBudget, $"{cache.Characters} > {cache.CharacterBudget}");
        Assert.Equal(10, cache.Misses);

        long missesBefore = cache.Misses;
        cache.Read(texts[0]);
        cache.Read(texts[3]);
        Assert.Equal(missesBefore, cache.Misses);

        ManifestReadResult reread = cache.Read(texts[1]);
        Assert.Equal(missesBefore + 1, cache.Misses);
        Assert.Equal(ManifestReader.Read(texts[1]), reread);
        Assert.True(cache.Characters <= cache.CharacterBudget, $"{cache.Characters} > {cache.CharacterBudget}");
    }

    [Fact]
    public void A_text_larger_than_an_eighth_of_the_budget_is_read_but_not_kept()
    {
        string text = UniqueDiamonds();
        var cache = new ManifestContentCache(text.Length * 7L);

        ManifestReadResult first = cache.Read(text);
        ManifestReadResult second = cache.Read(text);

        Assert.Equal(ManifestReader.Read(text), first);
        Assert.Equal(first, second);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Characters);
        Assert.Equal(2, cache.Misses);
    }

    [Fact]
    public void Concurrent_readers_get_the_reader_s_result_and_the_cache_stays_consistent()
    {
        string[] texts = Enumerable.Range(0, 8).Select(i => UniqueDiamonds((60 + i).ToString(CultureInfo.InvariantCulture) + ".5")).ToArray();
        ManifestReadResult[] expected = texts.Select(ManifestReader.Read).ToArray();
        long entrySize = texts.Max(t => t.Length + ManifestReader.Read(t).Manifest!.CanonicalJson.Length);
        var cache = new ManifestContentCache(entrySize * 8); // room for all eight but no more: no eviction is needed
        var wrong = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 800, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int which = i % texts.Length;
            if (!cache.Read(new string(texts[which].ToCharArray())).Equals(expected[which]))
            {
                wrong.Add(i);
            }
        });

        Assert.Empty(wrong);
        Assert.Equal(800, cache.Hits + cache.Misses);
        Assert.Equal(8, cache.Count);
        Assert.True(cache.Characters <= cache.CharacterBudget);
    }
}
