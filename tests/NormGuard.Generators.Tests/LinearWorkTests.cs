using System;
using System.Globalization;
using System.Linq;
using NormGuard.Manifests;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Generators.Tests;

/// <summary>
/// Reading a manifest takes work in proportion to its size (SPEC §9: manifests parse in linear time). The work is
/// counted, never timed: a timed version of this test failed on the shared 2-core build machine, and the times are
/// measured by <c>ManifestParseBenchmarks</c> instead (docs/reliability.md).
/// </summary>
/// <remarks>
/// Each hostile shape is read at 100 KB and 1 MB, and by the shared reader alone at 10 MB too. Per character of text, no
/// count may grow from one size to the next, ten times larger: linear work keeps a count per character level, while a
/// quadratic term multiplies it by about ten. What the counts see and miss is written at <see cref="ManifestReadWork"/>:
/// the reader's step counts catch the quadratic loops that allocate nothing (a linear duplicate-key search, a line table
/// rebuilt per location, a field lookup per property), and the bytes allocated catch the ones that do (concatenation in
/// a loop, a copy per item, a second parse), in the shared reader, the runtime's <c>Manifest.Parse</c> and a whole
/// generator run alike.
/// </remarks>
public sealed class LinearWorkTests(ITestOutputHelper output)
{
    // The runtime's and the generator's bytes are counted at 100 KB and 1 MB only: the ratio of ten is what shows linear
    // growth, and a 10 MB run of the densest shape costs seconds.
    private static readonly int[] ReaderSizes = [100 << 10, 1 << 20, 10 << 20];
    private static readonly int[] RunSizes = [100 << 10, 1 << 20];

    private static int _generatorRuns;

    // Per character, a step count may not grow by more than 10 % (they are exact and, for linear work, level to well
    // under 1 %), nor the bytes allocated by more than half: a list, hash set or buffer that grows by doubling can make
    // one size pay up to twice the other for its own part of the bytes, which is a fraction of the whole.
    private const double StepGrowthAllowed = 1.1;
    private const double AllocationGrowthAllowed = 1.5;

    public static TheoryData<string> Shapes => new(HostileManifests.Shapes);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_readers_steps_and_bytes_grow_in_proportion_to_the_text(string shape)
    {
        string tiny = HostileManifests.Build(shape, 1 << 10);
        ReadCounted(tiny);
        long baseline = ReadCounted(tiny).Bytes;
        (ManifestReadWork Work, double BytesPerCharacter)? smaller = null;
        foreach (int size in ReaderSizes)
        {
            string text = HostileManifests.Build(shape, size);
            (ManifestReadWork work, long bytes) = ReadCounted(text);
            double bytesPerCharacter = (double)(bytes - baseline) / (text.Length - tiny.Length);
            output.WriteLine($"{shape}, {text.Length:N0} chars: {work}, {bytesPerCharacter:F2} bytes a character");

            // Every shape is decided only at its end: a read that stopped early would make every count small and the
            // check below empty (the duplicate key is the one shape refused, a dozen characters before the end).
            Assert.InRange(work.CharactersRead, text.Length - 16, text.Length);
            if (smaller is var (previous, previousBytesPerCharacter))
            {
                AssertLevel(shape, "characters read", previous.CharactersRead, previous.TextLength, work.CharactersRead, work.TextLength);
                AssertLevel(shape, "values", previous.Values, previous.TextLength, work.Values, work.TextLength);
                AssertLevel(shape, "duplicate-key checks", previous.KeyChecks, previous.TextLength, work.KeyChecks, work.TextLength);
                AssertLevel(shape, "number characters read again", previous.NumberCharactersReread, previous.TextLength, work.NumberCharactersReread, work.TextLength);
                AssertLevel(shape, "characters scanned for line starts", previous.LineScanCharacters, previous.TextLength, work.LineScanCharacters, work.TextLength);
                AssertLevel(shape, "line-table lookups", previous.PositionLookups, previous.TextLength, work.PositionLookups, work.TextLength);
                AssertLevel(shape, "properties visited by lookups", previous.PropertiesVisited, previous.TextLength, work.PropertiesVisited, work.TextLength);

                // The bytes too, so that an allocating quadratic loop fails here at 1 MB instead of running for hours at 10 MB.
                AssertBytesLevel(shape, "ManifestReader", previousBytesPerCharacter, bytesPerCharacter, text.Length);
            }

            smaller = (work, bytesPerCharacter);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_bytes_the_runtime_allocates_to_read_a_manifest_grow_in_proportion_to_the_text(string shape) =>
        AssertAllocationsLevel(shape, "Manifest.Parse", static text =>
        {
            try
            {
                Manifest.Parse(text);
            }
            catch (ManifestException)
            {
            }
        });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_bytes_a_generator_run_allocates_grow_in_proportion_to_the_manifest(string shape) =>
        AssertAllocationsLevel(shape, "generator", static text =>
        {
            // Each run gets a text it has not seen (a different number of trailing spaces): the same text again would be
            // answered by the process-wide manifest cache, and this counts what a read costs, as after an edit.
            string unseen = text + new string(' ', System.Threading.Interlocked.Increment(ref _generatorRuns));
            GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds.normguard.json", unseen));
            Assert.Null(run.Result.Results.Single().Exception);
        });

    [Fact]
    public void Nesting_past_the_limit_is_refused_without_reading_past_the_limit()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        ManifestReadResult result = ManifestReader.Read(deep, template: false, out _, out ManifestReadWork work);

        Assert.False(result.Succeeded);
        Assert.Contains("nested deeper than 64 levels", Assert.Single(result.Errors).Message, StringComparison.Ordinal);

        // Levels 0 to 64 are read; the 66th value, at offset 65, is refused as it is entered.
        Assert.Equal(JsonParser.MaxDepth + 2, work.Values);
        Assert.Equal(JsonParser.MaxDepth + 1, work.CharactersRead);
    }

    // The bytes allocated on this thread for a read, less those of a 1 KB manifest of the same shape (the generator
    // run's fixed cost: the compilation, the driver, the record), per character beyond that 1 KB.
    private void AssertAllocationsLevel(string shape, string reader, Action<string> read)
    {
        string tiny = HostileManifests.Build(shape, 1 << 10);
        read(tiny);
        long baseline = Allocated(read, tiny);
        double? smallerPerCharacter = null;
        foreach (int size in RunSizes)
        {
            string text = HostileManifests.Build(shape, size);
            // A first read at this size brings shared state (Roslyn's object pools, which other tests running in
            // parallel also fill) to where a read of this size leaves it; the second is counted.
            read(text);
            long bytes = Allocated(read, text) - baseline;
            double perCharacter = (double)bytes / (text.Length - tiny.Length);
            output.WriteLine($"{shape}, {reader}, {text.Length:N0} chars: {bytes:N0} bytes beyond the 1 KB read, {perCharacter:F2} a character");

            // The reading happened on this thread (the counter sees no other): it made at least a node or a copy of the
            // text's strings, a byte a character or more.
            Assert.True(bytes >= text.Length, $"{shape}, {reader}: {bytes:N0} bytes allocated on the test thread for {text.Length:N0} characters");
            if (smallerPerCharacter is { } smaller)
            {
                AssertBytesLevel(shape, reader, smaller, perCharacter, text.Length);
            }

            smallerPerCharacter = perCharacter;
        }
    }

    private static (ManifestReadWork Work, long Bytes) ReadCounted(string text)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ManifestReader.Read(text, template: false, out _, out ManifestReadWork work);
        return (work, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertBytesLevel(string shape, string reader, double smallerPerCharacter, double perCharacter, int length) =>
        Assert.True(
            perCharacter <= smallerPerCharacter * AllocationGrowthAllowed,
            string.Create(CultureInfo.InvariantCulture, $"{shape}, {reader}: {perCharacter:F2} bytes allocated per character at {length:N0} characters against {smallerPerCharacter:F2} at a tenth of the size: superlinear"));

    private static long Allocated(Action<string> read, string text)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        read(text);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // A count may grow ten times with a text ten times as long, and no faster. The few steps of slack are for a count
    // that is zero or near it at the smaller size; a quadratic term at these sizes is millions of steps.
    private static void AssertLevel(string shape, string count, long smaller, long smallerLength, long larger, long largerLength)
    {
        double allowed = (smaller * StepGrowthAllowed * largerLength / smallerLength) + 64;
        Assert.True(
            larger <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{shape}: {larger:N0} {count} for {largerLength:N0} characters against {smaller:N0} for {smallerLength:N0}: more than linear growth allows ({allowed:N0})"));
    }
}
