using System;
using System.Linq;
using NormGuard.Fitting;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// A sketch's exported state (what a partial fit file carries) is the whole sketch: a sketch rebuilt from it answers every
/// query as the original does and, fed the same further values and merges, stays identical to it — coins included.
/// </summary>
public sealed class QuantileSketchStateTests
{
    [Fact]
    public void A_sketch_rebuilt_from_its_state_behaves_as_the_original_from_then_on()
    {
        var random = new Random(5);
        var original = new QuantileSketch();
        for (int i = 0; i < 300_000; i++)
        {
            original.Add(random.NextDouble() * 1000);
        }

        QuantileSketch rebuilt = QuantileSketch.FromState(original.ExportState());
        Assert.Equal(original.Count, rebuilt.Count);
        Assert.Equal(original.Levels, rebuilt.Levels);
        Assert.Equal(original.RankError(), rebuilt.RankError());
        var other = new QuantileSketch(seed: 9);
        for (int i = 0; i < 200_000; i++)
        {
            double value = random.NextDouble() * 50;
            original.Add(value);
            rebuilt.Add(value);
            other.Add(value * 3);
        }

        original.Merge(other);
        rebuilt.Merge(other);
        for (int p = 0; p <= 100; p++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(original.Percentile(p)), BitConverter.DoubleToInt64Bits(rebuilt.Percentile(p)));
        }

        Assert.Equal(original.ExportState().Levels.SelectMany(l => l), rebuilt.ExportState().Levels.SelectMany(l => l));
        Assert.Equal(original.ExportState().Rng, rebuilt.ExportState().Rng);
    }

    [Fact]
    public void States_no_sketch_can_be_in_are_refused()
    {
        var sketch = new QuantileSketch();
        for (int i = 0; i < 5000; i++)
        {
            sketch.Add(i);
        }

        QuantileSketchState state = sketch.ExportState();
        Assert.Throws<FormatException>(() => QuantileSketch.FromState(state with { Count = state.Count + 1 }));
        double[][] unsorted = state.Levels.Select(l => l.ToArray()).ToArray();
        Array.Reverse(unsorted[1]);
        Assert.Throws<FormatException>(() => QuantileSketch.FromState(state with { Levels = unsorted }));
        Assert.Throws<FormatException>(() => QuantileSketch.FromState(state with { Max = 10 }));
        Assert.Throws<FormatException>(() => QuantileSketch.FromState(state with { K = 3 }));
    }
}
