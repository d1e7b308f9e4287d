using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace NormGuard.Tests.Adaptive;

/// <summary>
/// A normalizer interrupted at row k, saved with <see cref="AdaptiveNormalizer{T}.SaveState"/>, written to a file, read
/// back and restored, then fed the remaining rows, equals the uninterrupted run bit for bit: every accumulator, the
/// parameters, the generation, the alerts and the floats <c>Normalize</c> writes.
/// </summary>
public sealed class AdaptiveResumeTests : IDisposable
{
    private static readonly DateTimeOffset Clock = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("normguard-resume-").FullName;

    // Depth drifts slowly all along (the parameters keep moving), carat jumps by 1 std at row 20,000 and freezes.
    private static readonly Lazy<DiamondRow[]> Stream = new(() =>
    {
        DiamondRow[] rows = DiamondStreams.Ramp(0, 30_000, "depth", 0.3, seed: 9);
        for (int i = 20_000; i < rows.Length; i++)
        {
            rows[i] = DiamondStreams.Shift(rows[i], "carat", 1);
        }

        return rows;
    });

    private static readonly Lazy<Run> Uninterrupted = new(() => RunFrom(null, 0));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Stream_HasAJumpAMovingDriftAndAFreeze()
    {
        // The interruption points below mean something only if this holds.
        AdaptiveAlert alert = Assert.Single(Uninterrupted.Value.Alerts);
        Assert.Equal(("carat", AdaptiveAlertKind.Jump), (alert.Feature, alert.Kind));
        Assert.InRange(alert.Rows, 20_002, 20_999);
        Assert.True(Uninterrupted.Value.Normalizer.Generation > 10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7_777)]      // between two steps
    [InlineData(20_000)]     // on a step boundary, the last unchanged row
    [InlineData(-10)]        // mid-jump: ten rows before the detector fires, its sums half-way up
    [InlineData(-1)]         // the row before it fires
    [InlineData(+500)]       // frozen
    [InlineData(29_999)]
    public void Resume_EqualsAnUninterruptedRun_BitForBit(int k)
    {
        Run expected = Uninterrupted.Value;
        long detected = expected.Alerts.Single().Rows;
        int at = k switch { < 0 => (int)detected + k, 500 => (int)detected + 500, _ => k };

        // The first half, saved to a file as a service would at shutdown.
        var first = new AdaptiveNormalizer<DiamondRow>(Options());
        first.Observe(Stream.Value.AsSpan(0, at));
        string path = Path.Combine(_directory, AdaptiveState.FileName("diamonds"));
        first.SaveState().Save(path);

        Run resumed = RunFrom(AdaptiveState.Load(path), at);

        Assert.Equal(expected.State, resumed.State);
        Assert.Equal(expected.Normalizer.Snapshot().Sha256, resumed.Normalizer.Snapshot().Sha256);
        Assert.Equal(expected.Normalizer.Generation, resumed.Normalizer.Generation);
        Assert.Equal(expected.Normalizer.Rows, resumed.Normalizer.Rows);
        Assert.Equal(expected.Alerts.Where(a => a.Rows > at), resumed.Alerts);
        Assert.Equal(expected.Outputs, resumed.Outputs);
    }

    [Fact]
    public void State_RoundTripsThroughJson_ToTheSameText()
    {
        AdaptiveState state = Uninterrupted.Value.Normalizer.SaveState();
        Assert.Equal(state.ToJson(), AdaptiveState.Parse(state.ToJson()).ToJson());
        Assert.Equal(30_000, state.Rows);
        Assert.Equal("diamonds", state.FeatureSet);
        Assert.Equal(DiamondRow.FeatureSet.Manifest.Sha256, state.ManifestSha256);
    }

    [Fact]
    public void Restore_RefusesAnotherFeatureSet()
    {
        AdaptiveState sensor = new AdaptiveNormalizer<Sensor>().SaveState();
        var error = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(sensor, Options()));
        Assert.Contains("is for feature set 'sensor', this normalizer's is 'diamonds'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_RefusesAnotherManifest()
    {
        string json = new AdaptiveNormalizer<DiamondRow>(Options()).SaveState().ToJson();
        string sha = DiamondRow.FeatureSet.Manifest.Sha256;
        string other = new string('0', 64);
        var error = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(AdaptiveState.Parse(json.Replace(sha, other, StringComparison.Ordinal)), Options()));
        Assert.Contains($"learned from diamonds v1 (sha256 {other})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"compiled from diamonds v1 (sha256 {sha})", error.Message, StringComparison.Ordinal);

        var version = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(AdaptiveState.Parse(json.Replace("\"manifestVersion\": 1", "\"manifestVersion\": 2", StringComparison.Ordinal)), Options()));
        Assert.Contains("learned from diamonds v2", version.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_RefusesOtherOptions()
    {
        AdaptiveState state = new AdaptiveNormalizer<DiamondRow>(Options()).SaveState();
        var halfLife = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(state, Options() with { HalfLifeRows = 5_000 }));
        Assert.Contains("HalfLifeRows was 10000, is 5000", halfLife.Message, StringComparison.Ordinal);
        var jump = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(state, Options() with { JumpThreshold = double.PositiveInfinity }));
        Assert.Contains("JumpThreshold was 50, is Infinity", jump.Message, StringComparison.Ordinal);
        var features = Assert.Throws<ArgumentException>(() => AdaptiveNormalizer<DiamondRow>.Restore(state, Options() with { Features = ["carat"] }));
        Assert.Contains("adapts [carat, depth, table], these options adapt [carat]", features.Message, StringComparison.Ordinal);

        // The clock is not part of what was learned.
        AdaptiveNormalizer<DiamondRow>.Restore(state, Options() with { TimeProvider = TimeProvider.System });
    }

    [Fact]
    public void Parse_NamesTheFileAndTheFault()
    {
        string path = Path.Combine(_directory, "broken.normguard-state.json");
        File.WriteAllText(path, "{\n  \"format\": \"normguard.adaptive-state/1\",\n  \"featureSet\": diamonds\n}");
        var syntax = Assert.Throws<InvalidDataException>(() => AdaptiveState.Load(path));
        Assert.StartsWith($"{path}: line 3, byte ", syntax.Message, StringComparison.Ordinal);

        string json = new AdaptiveNormalizer<DiamondRow>(Options()).SaveState().ToJson();
        var missing = Assert.Throws<InvalidDataException>(() => AdaptiveState.Parse(json.Replace("\"cusumDown\"", "\"cusumDwn\"", StringComparison.Ordinal), "state.json"));
        Assert.Equal("state.json: features[0].cusumDown is missing", missing.Message);

        // A manifest is not a state: the format says which file was meant.
        var manifest = Assert.Throws<InvalidDataException>(() => AdaptiveState.Parse(DiamondRow.FeatureSet.Manifest.ToJson(), "diamonds.normguard.json"));
        Assert.Contains("format is 'normguard.manifest/1', expected 'normguard.adaptive-state/1'", manifest.Message, StringComparison.Ordinal);
    }

    private static AdaptiveOptions Options() => new() { TimeProvider = new FixedClock(Clock) };

    // Observes the stream from row `from` (restoring `state` first when given) and records what can be compared.
    private static Run RunFrom(AdaptiveState? state, int from)
    {
        DiamondRow[] rows = Stream.Value;
        AdaptiveNormalizer<DiamondRow> adaptive = state is null ? new(Options()) : AdaptiveNormalizer<DiamondRow>.Restore(state, Options());
        var alerts = new List<AdaptiveAlert>();
        adaptive.Alert += (_, alert) => alerts.Add(alert);

        // Row by row for the first rows after resuming, then in batches: both paths must continue the same way.
        int split = Math.Min(rows.Length, from + 1_234);
        for (int i = from; i < split; i++)
        {
            adaptive.Observe(rows[i]);
        }

        adaptive.Observe(rows.AsSpan(split));
        float[] outputs = new float[200 * DiamondRow.Width];
        adaptive.Normalize(rows.AsSpan(0, 200), outputs);
        return new Run(adaptive, alerts, adaptive.SaveState().ToJson(), outputs.Select(BitConverter.SingleToInt32Bits).ToArray());
    }

    private sealed record Run(AdaptiveNormalizer<DiamondRow> Normalizer, List<AdaptiveAlert> Alerts, string State, int[] Outputs);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
