using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NormGuard.Adaptive;
using NormGuard.Fitting;
using NormGuard.Internal;

namespace NormGuard;

/// <summary>
/// Normalizes like the generated code, but lets the z-score and min-max parameters of selected features follow slowly
/// drifting data: it starts from the manifest compiled into <typeparamref name="T"/>, tracks exponentially decayed
/// statistics of the rows passed to <see cref="Observe(in T)"/>, moves the parameters toward them every
/// <see cref="AdaptiveOptions.StepRows"/> rows by a bounded step, freezes a feature and raises <see cref="Alert"/> at the
/// row its inputs jump away from the parameters in force or when it drifts past the freeze thresholds, saves and
/// restores what it learned (<see cref="SaveState"/>, <see cref="Restore"/>), and writes the parameters in force as a manifest (<see cref="Snapshot()"/>)
/// so every prediction can be reproduced. Read docs/adaptive-normalization.md before using it.
/// </summary>
/// <remarks>
/// <para>Until the first step moves a parameter, <see cref="Normalize(in T, Span{float})"/> writes exactly the floats
/// the generated <c>Normalize</c> writes. Adapted outputs follow the manifest profile's arithmetic, so they equal what
/// code generated from <see cref="Snapshot()"/>'s manifest writes.</para>
/// <para>Thread safety: <c>Normalize</c> is lock-free and may run on any number of threads; it reads one immutable
/// parameter set, which <c>Observe</c> replaces atomically at a step, so a row never mixes two parameter sets.
/// <c>Observe</c>, <see cref="Reset"/> and <see cref="Unfreeze"/> serialize on a private lock.</para>
/// </remarks>
public sealed class AdaptiveNormalizer<T>
    where T : INormalizable<T>
{
    // Up to this many inputs ReadInputs writes to the stack; wider feature sets allocate one array per call.
    private const int StackInputs = 256;

    private readonly object _gate = new();
    private readonly FeatureTracker[] _trackers;
    private readonly double _alpha;
    private ParameterSet _parameters;
    private long _rows;

    /// <summary>Starts from <typeparamref name="T"/>'s manifest (<c>T.FeatureSet.Manifest</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="AdaptiveOptions.Features"/> names a feature that is not in the
    /// manifest or whose steps cannot adapt.</exception>
    public AdaptiveNormalizer(AdaptiveOptions? options = null)
    {
        Options = options ?? AdaptiveOptions.Default;
        Options.Validate();
        Baseline = T.FeatureSet.Manifest;
        _alpha = 1 - Math.Pow(2, -1 / Options.HalfLifeRows);
        _trackers = Bind(Baseline, Options.Features);
        var steps = new NormalizationStep[_trackers.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = _trackers[i].Baseline;
        }

        _parameters = new ParameterSet(0, 0, null, steps, Programs(steps));
    }

    /// <summary>
    /// Resumes from a state saved by <see cref="SaveState"/> (after a restart, say): the parameters, their generation,
    /// every accumulator, the jump detector and the frozen features are put back, so that observing the rows that
    /// follow gives, bit for bit, what the normalizer that saved the state would have given.
    /// </summary>
    /// <param name="state">A state saved by a normalizer of the same feature set.</param>
    /// <param name="options">The options the state was learned with (the clock may differ).</param>
    /// <exception cref="ArgumentException">The state belongs to another feature set, another manifest (version or
    /// sha256: the code was regenerated from a different manifest), other options or other adapted features.</exception>
    public static AdaptiveNormalizer<T> Restore(AdaptiveState state, AdaptiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var normalizer = new AdaptiveNormalizer<T>(options);
        normalizer.Load(state);
        return normalizer;
    }

    /// <summary>Raised once per freeze of a feature, after the <c>Observe</c> call that froze it: at the row where the
    /// jump detector fired (<see cref="AdaptiveAlertKind.Jump"/>), or at the step that found a threshold crossed.</summary>
    public event EventHandler<AdaptiveAlert>? Alert;

    public AdaptiveOptions Options { get; }

    /// <summary>The manifest compiled into <typeparamref name="T"/>: the starting point and the freeze baseline.</summary>
    public Manifest Baseline { get; }

    /// <summary>The features that adapt, in manifest order.</summary>
    public IReadOnlyList<string> AdaptedFeatures => Array.ConvertAll(_trackers, t => t.Name);

    /// <summary>Rows passed to <see cref="Observe(in T)"/> since construction or <see cref="Reset"/>.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Which parameter set <c>Normalize</c> uses: 0 for the manifest's, one more at every step that moves
    /// a parameter or resets them. <c>Normalize</c> returns the generation it used.</summary>
    public long Generation => Volatile.Read(ref _parameters).Generation;

    /// <summary>Whether any feature is frozen.</summary>
    public bool IsFrozen
    {
        get
        {
            lock (_gate)
            {
                return Array.Exists(_trackers, t => t.IsFrozen);
            }
        }
    }

    /// <summary>Each adapted feature's state: frozen or not, the step in force, the decayed statistics.</summary>
    public IReadOnlyList<AdaptiveFeatureState> Features
    {
        get
        {
            lock (_gate)
            {
                ParameterSet set = _parameters;
                var states = new AdaptiveFeatureState[_trackers.Length];
                for (int i = 0; i < states.Length; i++)
                {
                    FeatureTracker t = _trackers[i];
                    states[i] = new AdaptiveFeatureState(t.Name, t.Baseline.Op, t.IsFrozen, set.Steps[i], t.Center, t.Scale);
                }

                return states;
            }
        }
    }

    /// <summary>
    /// Writes the row's <c>T.Width</c> features with the current parameters and returns their <see cref="Generation"/>.
    /// Does not learn from the row: call <see cref="Observe(in T)"/> for that. Throws as the generated code does.
    /// </summary>
    public long Normalize(in T row, Span<float> destination)
    {
        ParameterSet set = Volatile.Read(ref _parameters);
        row.Normalize(destination);
        Span<double> inputs = T.InputCount <= StackInputs ? stackalloc double[T.InputCount] : new double[T.InputCount];
        row.ReadInputs(inputs);
        Rewrite(set, inputs, destination);
        return set.Generation;
    }

    /// <summary>Row-major, as <c>T.NormalizeBatch</c>; every row of the batch uses the same parameter set, whose
    /// <see cref="Generation"/> it returns.</summary>
    public long Normalize(ReadOnlySpan<T> rows, Span<float> destination)
    {
        ParameterSet set = Volatile.Read(ref _parameters);
        T.NormalizeBatch(rows, destination);
        Span<double> inputs = T.InputCount <= StackInputs ? stackalloc double[T.InputCount] : new double[T.InputCount];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].ReadInputs(inputs);
            Rewrite(set, inputs, destination.Slice(r * T.Width, T.Width));
        }

        return set.Generation;
    }

    /// <summary>
    /// Learns from one row: updates the decayed statistics, runs the jump detector against the parameters in force
    /// (freezing a feature at this row when it fires) and, every <see cref="AdaptiveOptions.StepRows"/> rows, checks
    /// the freeze thresholds and moves the parameters. Kept apart from <c>Normalize</c> so that only rows known to be
    /// valid production data teach it (not replays, shadow traffic or rows a model rejected).
    /// </summary>
    public void Observe(in T row)
    {
        Span<double> inputs = T.InputCount <= StackInputs ? stackalloc double[T.InputCount] : new double[T.InputCount];
        row.ReadInputs(inputs);
        List<AdaptiveAlert>? alerts = null;
        lock (_gate)
        {
            Learn(inputs, ref alerts);
        }

        Raise(alerts);
    }

    /// <summary>Learns from rows in order, as repeated <see cref="Observe(in T)"/>.</summary>
    public void Observe(ReadOnlySpan<T> rows)
    {
        Span<double> inputs = T.InputCount <= StackInputs ? stackalloc double[T.InputCount] : new double[T.InputCount];
        List<AdaptiveAlert>? alerts = null;
        lock (_gate)
        {
            foreach (ref readonly T row in rows)
            {
                row.ReadInputs(inputs);
                Learn(inputs, ref alerts);
            }
        }

        Raise(alerts);
    }

    /// <summary>Lets frozen features (one, or all when <paramref name="feature"/> is null) adapt again from where they
    /// stopped, the jump detector starting from zero against the parameters in force; a feature still past a threshold
    /// freezes and alerts again (at the next step, or as soon as the detector sees the shift again).</summary>
    public void Unfreeze(string? feature = null)
    {
        lock (_gate)
        {
            bool found = feature is null;
            foreach (FeatureTracker tracker in _trackers)
            {
                if (feature is null || tracker.Name == feature)
                {
                    tracker.Unfreeze();
                    found = true;
                }
            }

            if (!found)
            {
                throw new ArgumentException($"'{feature}' is not an adapted feature of {Baseline.FeatureSet}", nameof(feature));
            }
        }
    }

    /// <summary>Back to the manifest's parameters and statistics, nothing frozen, no rows; the generation still
    /// increases, so logged generations stay unambiguous.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            var steps = new NormalizationStep[_trackers.Length];
            for (int i = 0; i < _trackers.Length; i++)
            {
                _trackers[i].Reset();
                steps[i] = _trackers[i].Baseline;
            }

            Interlocked.Exchange(ref _rows, 0);
            Volatile.Write(ref _parameters, new ParameterSet(_parameters.Generation + 1, 0, Options.TimeProvider.GetUtcNow(), steps, Programs(steps)));
        }
    }

    /// <summary>
    /// Everything learned so far (see <see cref="AdaptiveState"/>), for <see cref="Restore"/> after a restart. Consistent:
    /// taken under the lock that <c>Observe</c> holds, so it falls between two rows.
    /// </summary>
    public AdaptiveState SaveState()
    {
        lock (_gate)
        {
            ParameterSet set = _parameters;
            var trackers = new AdaptiveState.Tracker[_trackers.Length];
            for (int i = 0; i < trackers.Length; i++)
            {
                trackers[i] = _trackers[i].Save(set.Steps[i]);
            }

            return new AdaptiveState(Baseline.FeatureSet, Baseline.Version, Baseline.Sha256, AdaptiveState.Settings.From(Options), _rows, set.Generation, set.Rows, set.AppliedAt, trackers);
        }
    }

    /// <summary>
    /// The file name under which a snapshot manifest binds to <typeparamref name="T"/> by name:
    /// <c>&lt;featureSet&gt;.normguard.json</c>. The generator binds a <c>[FeatureSet("name")]</c> record to the
    /// AdditionalFile of that name, whatever <c>featureSet</c> other files declare; a snapshot saved under any other
    /// name (<c>diamonds-v2.normguard.json</c>, one file per generation) binds only through
    /// <c>[FeatureSet("diamonds", Manifest = "diamonds-v2.normguard.json")]</c>.
    /// </summary>
    public static string SnapshotFileName => T.FeatureSet.Name + ".normguard.json";

    /// <summary>The parameters in force as a manifest, version <c>Baseline.Version + 1</c>.</summary>
    public Manifest Snapshot() => Snapshot(Baseline.Version + 1);

    /// <summary>
    /// The parameters in force as a manifest with the given version: the baseline's features, steps, missing-value
    /// policies and training statistics (the drift baseline stays the training data), with the adapted steps' current
    /// parameters. Code generated from it, or <c>normguard verify</c>, reproduces <c>Normalize</c>'s floats at this
    /// generation bit for bit. Its <c>fit</c> keeps the baseline's split (no evaluation data is involved) and says in
    /// <c>source</c> that the parameters are adaptive; <c>fittedAt</c> is when this generation took effect.
    /// To compile code against it, save it as <see cref="SnapshotFileName"/> or bind it with
    /// <c>[FeatureSet(Manifest = "&lt;file name&gt;")]</c>; to resume adapting after a restart, use
    /// <see cref="SaveState"/> instead (a manifest holds no accumulators).
    /// </summary>
    public Manifest Snapshot(int version)
    {
        if (version <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "a manifest version is a positive integer");
        }

        ParameterSet set = Volatile.Read(ref _parameters);
        var features = new FeatureManifest[Baseline.Features.Count];
        for (int f = 0; f < features.Length; f++)
        {
            features[f] = Baseline.Features[f];
        }

        for (int i = 0; i < _trackers.Length; i++)
        {
            FeatureTracker tracker = _trackers[i];
            var steps = new NormalizationStep[tracker.Feature.Steps.Count];
            for (int s = 0; s < steps.Length; s++)
            {
                steps[s] = s == tracker.StepIndex ? set.Steps[i] : tracker.Feature.Steps[s];
            }

            features[tracker.Input] = new FeatureManifest { Name = tracker.Name, Steps = steps, Missing = tracker.Feature.Missing, Stats = tracker.Feature.Stats, MLNetVectorColumn = tracker.Feature.MLNetVectorColumn };
        }

        string baselineHash = Baseline.Sha256;
        return new Manifest
        {
            FeatureSet = Baseline.FeatureSet,
            Version = version,
            Profile = Baseline.Profile,
            DType = Baseline.DType,
            Fit = new FitProvenance
            {
                Split = Baseline.Fit?.Split ?? DataSplit.All,
                Rows = set.Rows,
                Source = $"adaptive: {Baseline.FeatureSet} v{Baseline.Version} (sha256 {baselineHash.Substring(0, 12)}) after {set.Rows} observed rows, generation {set.Generation}, half-life {Options.HalfLifeRows} rows",
                FittedAt = set.AppliedAt ?? Baseline.Fit?.FittedAt,
                Tool = "normguard " + ManifestFitter.ToolVersion + " AdaptiveNormalizer",
            },
            Features = features,
        };
    }

    private static FeatureTracker[] Bind(Manifest manifest, IReadOnlyCollection<string>? selected)
    {
        var wanted = selected is null ? null : new HashSet<string>(selected, StringComparer.Ordinal);
        var missing = selected is null ? null : new HashSet<string>(selected, StringComparer.Ordinal);
        var trackers = new List<FeatureTracker>();
        int output = 0;
        for (int input = 0; input < manifest.Features.Count; input++)
        {
            FeatureManifest feature = manifest.Features[input];
            string? why = FeatureTracker.Ineligible(feature, out int stepIndex);
            bool chosen = wanted is null || wanted.Contains(feature.Name);
            missing?.Remove(feature.Name);
            if (wanted is not null && chosen && why is not null)
            {
                throw new ArgumentException($"feature '{feature.Name}' of {manifest.FeatureSet} cannot adapt: {why}", nameof(selected));
            }

            if (chosen && why is null)
            {
                trackers.Add(new FeatureTracker(feature, input, output, stepIndex));
            }

            // A vector feature writes its dimension's floats; the generated code writes them and nothing rewrites them.
            output += feature.Space is { } space ? space.Dimension : feature.Steps.Count > 0 && feature.Steps[0] is OneHotStep oneHot ? oneHot.Categories.Count : 1;
        }

        if (missing is { Count: > 0 })
        {
            throw new ArgumentException($"{manifest.FeatureSet} has no feature named {string.Join(", ", missing)}", nameof(selected));
        }

        if (output != T.Width)
        {
            throw new InvalidOperationException($"{manifest.FeatureSet}: the embedded manifest has {output} outputs, the generated code {T.Width}");
        }

        return trackers.ToArray();
    }

    private StepProgram[] Programs(NormalizationStep[] steps)
    {
        var programs = new StepProgram[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            FeatureTracker tracker = _trackers[i];
            var chain = new NormalizationStep[tracker.Feature.Steps.Count];
            for (int s = 0; s < chain.Length; s++)
            {
                chain[s] = s == tracker.StepIndex ? steps[i] : tracker.Feature.Steps[s];
            }

            programs[i] = new StepProgram(chain, Baseline.Profile, Baseline.DType, tracker.Feature.MLNetVectorColumn);
        }

        return programs;
    }

    // The generated code has already written every column, thrown on errors and applied the missing policies; an
    // adapted column is recomputed from the raw input. A NaN input (null, or NaN in a float or double member) is a
    // missing value: under a fill policy the fill goes through the adapted steps; under "propagate" the generated NaN
    // stays.
    private void Rewrite(ParameterSet set, ReadOnlySpan<double> inputs, Span<float> destination)
    {
        for (int i = 0; i < _trackers.Length; i++)
        {
            FeatureTracker tracker = _trackers[i];
            double x = inputs[tracker.Input];
            if (double.IsNaN(x))
            {
                if (tracker.Feature.Missing.Kind != MissingValueKind.Fill)
                {
                    continue;
                }

                x = tracker.Feature.Missing.FillValue;
            }

            destination[tracker.Output] = set.Programs[i].Apply(x);
        }
    }

    // Per row: the statistics learn from the row, then the jump detector tests it against the parameters in force and
    // freezes the feature at once, so that no later step follows the shift.
    private void Learn(ReadOnlySpan<double> inputs, ref List<AdaptiveAlert>? alerts)
    {
        long rows = Interlocked.Increment(ref _rows);
        ParameterSet set = _parameters;
        for (int i = 0; i < _trackers.Length; i++)
        {
            FeatureTracker tracker = _trackers[i];
            double x = tracker.Transform(inputs[tracker.Input]);
            tracker.Observe(x, _alpha);
            if (!tracker.IsFrozen && tracker.DetectJump(x, set.Steps[i], Options, rows) is { } alert)
            {
                tracker.IsFrozen = true;
                (alerts ??= new List<AdaptiveAlert>()).Add(alert);
            }
        }

        if (rows % Options.StepRows == 0)
        {
            Step(rows, ref alerts);
        }
    }

    private void Load(AdaptiveState state)
    {
        string set = Baseline.FeatureSet;
        if (state.FeatureSet != set)
        {
            throw new ArgumentException($"the adaptive state is for feature set '{state.FeatureSet}', this normalizer's is '{set}'", nameof(state));
        }

        if (state.ManifestVersion != Baseline.Version || !string.Equals(state.ManifestSha256, Baseline.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"the adaptive state was learned from {set} v{state.ManifestVersion} (sha256 {state.ManifestSha256}), but {typeof(T).Name} was compiled from {set} v{Baseline.Version} (sha256 {Baseline.Sha256}): start a new AdaptiveNormalizer from the new manifest instead", nameof(state));
        }

        string differences = state.Options.Differences(AdaptiveState.Settings.From(Options));
        if (differences.Length > 0)
        {
            throw new ArgumentException($"the adaptive state for {set} was learned with other options ({differences}): restore it with the options it was saved with", nameof(state));
        }

        string saved = string.Join(", ", state.Trackers.Select(t => t.Name));
        string adapted = string.Join(", ", _trackers.Select(t => t.Name));
        if (saved != adapted || state.Trackers.Where((t, i) => t.Op != _trackers[i].Baseline.Op).Any())
        {
            throw new ArgumentException($"the adaptive state for {set} adapts [{saved}], these options adapt [{adapted}] (AdaptiveOptions.Features, or steps that changed)", nameof(state));
        }

        var steps = new NormalizationStep[_trackers.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = _trackers[i].Restore(state.Trackers[i]);
        }

        _rows = state.Rows;
        _parameters = new ParameterSet(state.Generation, state.ParameterRows, state.AppliedAt, steps, Programs(steps));
    }

    // Freeze first: a feature past a threshold keeps the parameters it had, so the step that would follow the drift
    // never happens.
    private void Step(long rows, ref List<AdaptiveAlert>? alerts)
    {
        ParameterSet set = _parameters;
        NormalizationStep[]? steps = null;
        for (int i = 0; i < _trackers.Length; i++)
        {
            FeatureTracker tracker = _trackers[i];
            if (tracker.IsFrozen)
            {
                continue;
            }

            if (tracker.CheckFreeze(Options, rows) is { } alert)
            {
                tracker.IsFrozen = true;
                (alerts ??= new List<AdaptiveAlert>()).Add(alert);
                continue;
            }

            NormalizationStep next = tracker.Step(set.Steps[i], Options.MaxStepStd);
            if (!ReferenceEquals(next, set.Steps[i]))
            {
                steps ??= (NormalizationStep[])set.Steps.Clone();
                steps[i] = next;
            }
        }

        if (steps is not null)
        {
            Volatile.Write(ref _parameters, new ParameterSet(set.Generation + 1, rows, Options.TimeProvider.GetUtcNow(), steps, Programs(steps)));
        }
    }

    private void Raise(List<AdaptiveAlert>? alerts)
    {
        if (alerts is null)
        {
            return;
        }

        foreach (AdaptiveAlert alert in alerts)
        {
            Alert?.Invoke(this, alert);
        }
    }

    /// <summary>Everything <c>Normalize</c> needs, immutable, swapped whole.</summary>
    private sealed record ParameterSet(long Generation, long Rows, DateTimeOffset? AppliedAt, NormalizationStep[] Steps, StepProgram[] Programs);
}
