using System;
using System.Linq;

namespace NormGuard.Fitting;

/// <summary>
/// A mergeable quantile sketch over doubles: the KLL sketch (Karnin, Lang and Liberty, "Optimal Quantile
/// Approximation in Streams", FOCS 2016) with lazy compaction, so that a fitter keeps bounded memory however many
/// rows arrive and partial fits of partitions merge.
/// </summary>
/// <remarks>
/// <para><b>Structure.</b> Level <c>h</c> holds items of weight <c>2^h</c>. A level at or over its capacity is
/// compacted: sorted, one item kept if its size is odd, and of the rest every other item (offset 0 or 1 by a coin
/// flip) is promoted to level <c>h + 1</c>. The level <c>d</c> below the top holds <c>k·(2/3)^d</c> items (rounded
/// up, at least 8), so all levels together hold fewer than about <c>3k + 8·log2(n/k)</c> items.</para>
/// <para><b>Error bound.</b> For a fixed query, each compaction at level <c>h</c> changes the estimated rank by 0 or
/// ±2^h with a fair coin, independently of the past (a martingale), and the compaction schedule does not depend on
/// the coins or the values. With <c>m_h</c> compactions at level <c>h</c> and <c>V = Σ m_h·4^h</c>,
/// Azuma–Hoeffding gives <c>P(|error| &gt; t) ≤ 2·exp(−t²/2V)</c>. Items ever created at level <c>h</c> are at most
/// <c>n/2^h</c> and each compaction consumes at least the level's capacity minus one, so <c>m_h ≤ n/(2^h·(cap_h − 1))</c>;
/// a sketch with <c>H</c> levels has had a full top level of <c>k</c> items of weight <c>2^(H−2)</c>, so
/// <c>2^(H−1) ≤ 2n/k</c>. Together <c>V ≤ 2n²·S/k</c> with <c>S = Σ_{d≥1} 2^−d/(cap(d) − 1) ≈ 2.94/k</c>, for any
/// sequence of <see cref="Add"/> and <see cref="Merge"/> (merging moves items without creating any, and a merged
/// sketch's capacities are at most those its parts compacted with). Hence, for each q, with probability at least
/// <c>1 − δ</c> the value <see cref="Quantile"/> returns has a rank position within <c>ε·n + 1</c> of <c>q·n</c>
/// (the value v satisfies <c>#(x &lt; v) − ε·n − 1 ≤ q·n ≤ #(x ≤ v) + ε·n + 1</c>; the 1 is numpy's interpolation
/// between neighbouring positions), where <c>ε = sqrt(4·S·ln(2/δ)/k)</c>. For the default <c>k = 1024</c>:
/// ε = 1.28 % at δ = 10⁻⁶ (<see cref="RankErrorBound"/>) and ε = 0.78 % at δ = 1 %. <see cref="RankError"/> gives the
/// (smaller) bound of the same argument over this sketch's actual compactions: 0.40–0.46 % at δ = 10⁻⁶ for a single
/// stream of 10⁵ to 10⁸ values, about 0.25 % for merges of 16 partitions. Measured (Release, 100–200 seeded trials of
/// 3·10⁵ to 1.1·10⁶ uniform values, percentiles 1 to 99, about 40,000 queries): median error 0.04 % of n, 99th
/// percentile 0.14 %, worst 0.24 %; QuantileSketchTests' distributions (uniform, normal, lognormal, duplicates,
/// sorted, reverse-sorted, up to 2.5·10⁶ values, merges of 4 and 16 partitions) stay under 0.15 %.</para>
/// <para><b>Memory.</b> At most <see cref="Capacity"/> doubles retained (the buffer is exactly that long), plus two
/// 64-entry tables (≈ 0.8 KB): for <c>k = 1024</c>, 3,027 doubles (23.6 KiB) at n = 10⁶, 3,059 at 4·10⁶ and 3,100
/// (24.2 KiB) at n = 10⁸; each doubling of n beyond that adds one level of 8. Amortized O(log k) per
/// <see cref="Add"/> (about 28 ns on one core); <see cref="Add"/> allocates only when a level is added (about
/// log2(n/k) times in all). A query after a change sorts the retained items once (about 0.3 ms), then is a binary
/// search.</para>
/// <para><b>Determinism.</b> The coins are a SplitMix64 stream from the seed, keyed at each compaction by the first
/// value compacted, so the same sequence of <see cref="Add"/> and <see cref="Merge"/> calls gives the same sketch
/// on every run and machine, and sketches of different partitions built with the same seed do not flip the same
/// coins (only sketches of identical data do). −0.0 is stored as +0.0 so that no sort order of equal values
/// matters; <see cref="Min"/> and <see cref="Max"/> keep the values as added.</para>
/// <para>While no compaction has happened (<see cref="IsExact"/>: at most k values added and merged),
/// <see cref="Percentile"/> and <see cref="Median"/> equal <see cref="Quantiles.Percentile"/> and
/// <see cref="Quantiles.Median"/> bit for bit (up to the sign of a zero). Not thread-safe: sketch partitions
/// separately and merge.</para>
/// </remarks>
internal sealed class QuantileSketch
{
    /// <summary>The default accuracy parameter k: the top level's capacity.</summary>
    public const int DefaultK = 1024;

    /// <summary>The smallest capacity of a level and the smallest k.</summary>
    public const int MinWidth = 8;

    /// <summary>The largest k accepted.</summary>
    public const int MaxK = 1 << 20;

    /// <summary>The failure probability <see cref="RankErrorBound"/> is stated for: per query.</summary>
    public const double FailureProbability = 1e-6;

    /// <summary>
    /// The normalized rank error bound ε of the default k = 1024, for any number of values and any merges: a
    /// returned quantile's rank is within ε·n + 1 of q·n with probability at least 1 − <see cref="FailureProbability"/>
    /// per query (<see cref="RankErrorBoundFor"/>(1024, 10⁻⁶) = 0.01275, rounded up).
    /// </summary>
    public const double RankErrorBound = 0.0128;

    /// <summary>The seed of the coin flips unless one is given.</summary>
    public const ulong DefaultSeed = 0x4E6F726D47756172UL; // "NormGuar"

    private const int MaxLevels = 64;
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private static readonly int[] DefaultCapacities = CapacitiesByDepth(DefaultK);

    private readonly int _k;
    private readonly int[] _capacityByDepth;

    // Levels packed at the end of _items: level h is [_levels[h], _levels[h + 1]), _levels[_numLevels] == _items.Length,
    // free space [0, _levels[0]). Level 0 is unsorted; the others are sorted ascending.
    private readonly int[] _levels = new int[MaxLevels + 1];
    private readonly long[] _compactions = new long[MaxLevels];
    private double[] _items;
    private int _numLevels;
    private long _count;
    private double _min = double.NaN;
    private double _max = double.NaN;
    private ulong _rng;

    // Query view, rebuilt after a change: retained values ascending with cumulative weights.
    private double[]? _sortedValues;
    private long[]? _cumulative;

    public QuantileSketch(int k = DefaultK, ulong seed = DefaultSeed)
    {
        if (k < MinWidth || k > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {MinWidth} and {MaxK}.");
        }

        _k = k;
        _capacityByDepth = k == DefaultK ? DefaultCapacities : CapacitiesByDepth(k);
        _rng = seed;
        _numLevels = 1;
        _items = new double[k];
        _levels[0] = k;
        _levels[1] = k;
    }

    /// <summary>The accuracy parameter: the top level's capacity.</summary>
    public int K => _k;

    /// <summary>The number of values added, merged sketches included: exact.</summary>
    public long Count => _count;

    /// <summary>The smallest value added (exact); NaN while empty.</summary>
    public double Min => _min;

    /// <summary>The largest value added (exact); NaN while empty.</summary>
    public double Max => _max;

    /// <summary>No value has been dropped: quantiles are exact (numpy's).</summary>
    public bool IsExact => _numLevels == 1;

    /// <summary>The number of values the sketch holds now.</summary>
    public int RetainedCount => _items.Length - _levels[0];

    /// <summary>The number of values the sketch may hold at its current number of levels (its buffer's length).</summary>
    public int Capacity => _items.Length;

    /// <summary>The number of levels (1 + the number of halvings the heaviest item went through).</summary>
    public int Levels => _numLevels;

    /// <summary>
    /// The normalized rank error bound of k for any number of values and merges, at failure probability δ per query:
    /// ε = sqrt(4·S·ln(2/δ)/k), S = Σ_{d≥1} 2^−d/(cap(d) − 1). See the class remarks.
    /// </summary>
    public static double RankErrorBoundFor(int k, double failureProbability)
    {
        if (k < MinWidth || k > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between {MinWidth} and {MaxK}.");
        }

        CheckProbability(failureProbability);
        int[] capacities = k == DefaultK ? DefaultCapacities : CapacitiesByDepth(k);
        double s = 0d;
        for (int d = 1; d < MaxLevels; d++)
        {
            s += Math.ScaleB(1d, -d) / (capacities[d] - 1);
        }

        return Math.Sqrt(4d * s * Math.Log(2d / failureProbability) / k);
    }

    /// <summary>
    /// The normalized rank error bound of this sketch's actual history of compactions, at failure probability δ per
    /// query: sqrt(2·V·ln(2/δ))/n with V = Σ_h m_h·4^h (0 while exact). At most <see cref="RankErrorBoundFor"/>.
    /// </summary>
    public double RankError(double failureProbability = FailureProbability)
    {
        CheckProbability(failureProbability);
        if (_count == 0)
        {
            return 0d;
        }

        double v = 0d;
        for (int h = 0; h < MaxLevels; h++)
        {
            v += _compactions[h] * Math.ScaleB(1d, 2 * h);
        }

        return Math.Sqrt(2d * v * Math.Log(2d / failureProbability)) / _count;
    }

    /// <summary>Adds a value (not NaN). Amortized O(log k); allocates only when a level is added.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("A quantile sketch does not take NaN; count it as missing.", nameof(value));
        }

        if (_count == 0)
        {
            _min = value;
            _max = value;
        }
        else if (value < _min)
        {
            _min = value;
        }
        else if (value > _max)
        {
            _max = value;
        }

        if (_levels[0] == 0)
        {
            Compress();
        }

        _items[--_levels[0]] = value == 0d ? 0d : value;
        _count++;
        _sortedValues = null;
    }

    /// <summary>
    /// Adds the values of another sketch of the same k (which is left unchanged). The result has the error bound of a
    /// sketch built over all values.
    /// </summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A sketch cannot merge itself.", nameof(other));
        }

        if (other._k != _k)
        {
            throw new ArgumentException($"Cannot merge a sketch of k = {other._k} into one of k = {_k}.", nameof(other));
        }

        if (other._count == 0)
        {
            return;
        }

        if (_count == 0)
        {
            _min = other._min;
            _max = other._max;
        }
        else
        {
            _min = other._min < _min ? other._min : _min;
            _max = other._max > _max ? other._max : _max;
        }

        int levels = Math.Max(_numLevels, other._numLevels);
        int retained = RetainedCount + other.RetainedCount;
        int length = Math.Max(TotalCapacity(levels), retained);
        var items = new double[length];
        var bounds = new int[levels + 1];
        bounds[levels] = length;
        int end = length;
        for (int h = levels - 1; h >= 0; h--)
        {
            int mineCount = h < _numLevels ? _levels[h + 1] - _levels[h] : 0;
            int theirsCount = h < other._numLevels ? other._levels[h + 1] - other._levels[h] : 0;
            int start = end - mineCount - theirsCount;
            if (h == 0)
            {
                Array.Copy(_items, _levels[0], items, start, mineCount);
                Array.Copy(other._items, other._levels[0], items, start + mineCount, theirsCount);
            }
            else
            {
                MergeSorted(
                    _items, h < _numLevels ? _levels[h] : 0, mineCount,
                    other._items, h < other._numLevels ? other._levels[h] : 0, theirsCount,
                    items, start);
            }

            bounds[h] = start;
            end = start;
        }

        _items = items;
        _numLevels = levels;
        Array.Copy(bounds, _levels, levels + 1);
        for (int h = 0; h < MaxLevels; h++)
        {
            _compactions[h] += other._compactions[h];
        }

        _count += other._count;
        _rng = Mix(_rng ^ RotateLeft(other._rng, 17));
        _sortedValues = null;

        // As after an Add, the buffer may be full: the next Add compacts.
        while (RetainedCount > TotalCapacity(_numLevels))
        {
            CompactLowestFullLevel();
        }

        int capacity = TotalCapacity(_numLevels);
        if (_items.Length != capacity)
        {
            int count = RetainedCount;
            var exact = new double[capacity];
            Array.Copy(_items, _levels[0], exact, capacity - count, count);
            int shift = capacity - _items.Length;
            for (int h = 0; h <= _numLevels; h++)
            {
                _levels[h] += shift;
            }

            _items = exact;
        }
    }

    /// <summary>The whole state (levels bottom up, coins, compactions), so that a partial fit can carry the sketch in a file.</summary>
    internal QuantileSketchState ExportState()
    {
        var levels = new double[_numLevels][];
        for (int h = 0; h < _numLevels; h++)
        {
            levels[h] = _items.AsSpan(_levels[h], _levels[h + 1] - _levels[h]).ToArray();
        }

        return new QuantileSketchState(_k, _rng, _count, _min, _max, levels, _compactions.AsSpan(0, _numLevels).ToArray());
    }

    /// <summary>
    /// The sketch <see cref="ExportState"/> described. A state no sketch can be in (weights that do not add up to the count,
    /// an unsorted upper level, a value outside [min, max], too many items) is a <see cref="FormatException"/>.
    /// </summary>
    internal static QuantileSketch FromState(QuantileSketchState state)
    {
        if (state.K < MinWidth || state.K > MaxK || state.Levels.Length is < 1 or >= MaxLevels || state.Compactions.Length != state.Levels.Length)
        {
            throw new FormatException($"a sketch of k = {state.K} with {state.Levels.Length} levels and {state.Compactions.Length} compaction counts");
        }

        var sketch = new QuantileSketch(state.K, state.Rng);
        while (sketch._numLevels < state.Levels.Length)
        {
            sketch.AddLevel();
        }

        int retained = state.Levels.Sum(l => l.Length);
        if (retained > sketch._items.Length)
        {
            throw new FormatException($"a sketch of {state.Levels.Length} levels holds {retained} items, more than its capacity {sketch._items.Length}");
        }

        long weight = 0;
        int end = sketch._items.Length;
        for (int h = state.Levels.Length - 1; h >= 0; h--)
        {
            double[] level = state.Levels[h];
            for (int i = 0; i < level.Length; i++)
            {
                if (double.IsNaN(level[i]) || level[i] < state.Min || level[i] > state.Max || (h > 0 && i > 0 && level[i] < level[i - 1]))
                {
                    throw new FormatException($"sketch level {h} holds {level[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} out of order or outside [min, max]");
                }
            }

            sketch._levels[h + 1] = end;
            end -= level.Length;
            level.CopyTo(sketch._items, end);
            weight = checked(weight + (level.Length * (1L << h)));
        }

        sketch._levels[0] = end;
        if (weight != state.Count || (state.Count > 0 && !(state.Min <= state.Max)))
        {
            throw new FormatException($"sketch items weigh {weight} in all for a count of {state.Count}");
        }

        sketch._count = state.Count;
        sketch._min = state.Count > 0 ? state.Min : double.NaN;
        sketch._max = state.Count > 0 ? state.Max : double.NaN;
        state.Compactions.CopyTo(sketch._compactions, 0);
        return sketch;
    }

    /// <summary>
    /// The q-quantile (q in [0, 1]) as numpy.quantile's default "linear" method computes it over the sketch's weighted
    /// items: q = 0 and q = 1 give the exact min and max; while <see cref="IsExact"/>, numpy's result exactly. NaN if
    /// empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0d && q <= 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        }

        return Interpolate(q * (_count - 1), float32: false, q);
    }

    /// <summary>The <paramref name="percent"/>-th percentile, as <see cref="Quantiles.Percentile"/> computes it.</summary>
    /// <param name="percent">0 to 100.</param>
    /// <param name="float32">The values are float32: numpy subtracts the neighbours in float32.</param>
    public double Percentile(double percent, bool float32 = false)
    {
        if (!(percent >= 0d && percent <= 100d))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is between 0 and 100.");
        }

        return Interpolate(percent / 100d * (_count - 1), float32, percent / 100d);
    }

    /// <summary>numpy.median over the sketch's weighted items: the middle value or the mean of the two middle ones.</summary>
    public double Median(bool float32 = false)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        if (_count % 2 == 1)
        {
            return ValueAt(_count / 2);
        }

        double a = ValueAt((_count / 2) - 1), b = ValueAt(_count / 2);
        return float32 ? (float)((float)(a + b) / 2f) : (a + b) / 2d;
    }

    /// <summary>The estimated number of values ≤ <paramref name="value"/>: within ε·n of the true count (see remarks).</summary>
    public long Rank(double value)
    {
        if (_count == 0)
        {
            return 0;
        }

        EnsureSorted();
        if (value >= _max)
        {
            return _count;
        }

        if (value < _min)
        {
            return 0;
        }

        double[] values = _sortedValues!;
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? 0 : _cumulative![lo - 1];
    }

    private double Interpolate(double index, bool float32, double q)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        if (q == 0d)
        {
            return _min;
        }

        if (q == 1d)
        {
            return _max;
        }

        // Quantiles.Percentile's arithmetic over positions 0..n−1 of the weighted items.
        double previous = Math.Floor(index);
        long low = (long)Math.Min(Math.Max(previous, 0d), _count - 1);
        long high = Math.Min(low + 1, _count - 1);
        double gamma = index - previous;
        double a = ValueAt(low), b = ValueAt(high);
        double difference = float32 ? (float)(b - a) : b - a;
        return gamma >= 0.5 ? b - (difference * (1d - gamma)) : a + (difference * gamma);
    }

    // The value at 0-based position p of the values as the sketch represents them (item i covers cumulative[i−1]..cumulative[i]−1).
    private double ValueAt(long position)
    {
        EnsureSorted();
        long[] cumulative = _cumulative!;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > position)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return _sortedValues![lo];
    }

    private void EnsureSorted()
    {
        if (_sortedValues is not null)
        {
            return;
        }

        int count = RetainedCount;
        var values = new double[count];
        var weights = new long[count];
        int i = 0;
        for (int h = 0; h < _numLevels; h++)
        {
            long weight = 1L << h;
            for (int j = _levels[h]; j < _levels[h + 1]; j++)
            {
                values[i] = _items[j];
                weights[i++] = weight;
            }
        }

        // Equal values are equal bit for bit (−0.0 is stored as +0.0), so their order, which an unstable sort leaves
        // open, does not change any result.
        Array.Sort(values, weights);
        long total = 0;
        for (int j = 0; j < count; j++)
        {
            total += weights[j];
            weights[j] = total;
        }

        _cumulative = weights;
        _sortedValues = values;
    }

    // Makes room for one value: the buffer is full (retained == capacity).
    private void Compress()
    {
        while (RetainedCount >= TotalCapacity(_numLevels))
        {
            CompactLowestFullLevel();
        }
    }

    private void CompactLowestFullLevel()
    {
        int h = 0;
        while (_levels[h + 1] - _levels[h] < LevelCapacity(h))
        {
            h++;
        }

        if (h == _numLevels - 1)
        {
            AddLevel();
        }

        int beg = _levels[h], end = _levels[h + 1], top = _levels[h + 2];
        if (h == 0)
        {
            Array.Sort(_items, beg, end - beg);
        }

        // An odd item (the smallest) stays in level h; of the rest, every other one, from a random offset, moves up.
        int odd = (end - beg) & 1;
        int start = beg + odd;
        int pairs = (end - start) / 2;
        int offset = Coin(_items[start]);
        for (int i = 0; i < pairs; i++)
        {
            _items[start + i] = _items[start + (2 * i) + offset];
        }

        // Merge the promoted run [start, start + pairs) with level h + 1 [end, top) into [start + pairs, top): the output
        // never overtakes the second run's reader and never reaches back into the first run.
        int a = start, aEnd = start + pairs, b = end, output = start + pairs;
        while (a < aEnd && b < top)
        {
            _items[output++] = _items[a] <= _items[b] ? _items[a++] : _items[b++];
        }

        while (a < aEnd)
        {
            _items[output++] = _items[a++];
        }

        // The rest of level h + 1 is already in place. Close the gap of `pairs` freed slots below it.
        int lowest = _levels[0];
        Array.Copy(_items, lowest, _items, lowest + pairs, start - lowest);
        for (int l = 0; l <= h; l++)
        {
            _levels[l] += pairs;
        }

        _levels[h + 1] = start + pairs;
        _compactions[h]++;
        _sortedValues = null;
    }

    // A new empty top level; every existing level moves one depth down, and the buffer grows by the new depth's capacity.
    private void AddLevel()
    {
        if (_numLevels == MaxLevels - 1)
        {
            throw new InvalidOperationException("The quantile sketch has reached its largest number of levels.");
        }

        int growth = _capacityByDepth[_numLevels];
        var items = new double[_items.Length + growth];
        int count = RetainedCount;
        Array.Copy(_items, _levels[0], items, _items.Length + growth - count, count);
        for (int h = 0; h <= _numLevels; h++)
        {
            _levels[h] += growth;
        }

        _numLevels++;
        _levels[_numLevels] = items.Length;
        _items = items;
    }

    private int LevelCapacity(int h) => _capacityByDepth[_numLevels - 1 - h];

    private int TotalCapacity(int levels)
    {
        int total = 0;
        for (int d = 0; d < levels; d++)
        {
            total += _capacityByDepth[d];
        }

        return total;
    }

    private int Coin(double first)
    {
        _rng += Gamma;
        ulong key = _rng ^ ((ulong)BitConverter.DoubleToInt64Bits(first) * 0xD6E8FEB86659FD93UL);
        return (int)(Mix(key) >> 63);
    }

    // SplitMix64's finalizer.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    private static void MergeSorted(double[] x, int xStart, int xCount, double[] y, int yStart, int yCount, double[] output, int outputStart)
    {
        int i = xStart, iEnd = xStart + xCount, j = yStart, jEnd = yStart + yCount, o = outputStart;
        while (i < iEnd && j < jEnd)
        {
            output[o++] = x[i] <= y[j] ? x[i++] : y[j++];
        }

        while (i < iEnd)
        {
            output[o++] = x[i++];
        }

        while (j < jEnd)
        {
            output[o++] = y[j++];
        }
    }

    // cap(0) = k, cap(d) = max(8, ⌈2·cap(d − 1)/3⌉): integer arithmetic, the same on every machine.
    private static int[] CapacitiesByDepth(int k)
    {
        var capacities = new int[MaxLevels];
        capacities[0] = k;
        for (int d = 1; d < MaxLevels; d++)
        {
            capacities[d] = Math.Max(MinWidth, ((2 * capacities[d - 1]) + 2) / 3);
        }

        return capacities;
    }

    private static void CheckProbability(double failureProbability)
    {
        if (!(failureProbability > 0d && failureProbability < 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(failureProbability), failureProbability, "A failure probability is between 0 and 1, exclusive.");
        }
    }
}

/// <summary>A <see cref="QuantileSketch"/>'s state: its width, coin state, count, exact min and max, each level's items
/// (level h weighs 2^h; levels above 0 sorted) and its compactions per level.</summary>
internal sealed record QuantileSketchState(int K, ulong Rng, long Count, double Min, double Max, double[][] Levels, long[] Compactions);
