using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>A manifest read back equals the model it was written from, every number bit for bit: no silent wrong value.</summary>
internal static class ModelAssert
{
    public static void ReadExactly(ManifestModel model, Manifest manifest)
    {
        Assert.Equal(model.FeatureSet, manifest.FeatureSet);
        Assert.Equal(model.Version, manifest.Version);
        Assert.Equal(model.Profile, manifest.ToCanonicalJson().Contains("\"profile\":\"" + model.Profile + "\"", StringComparison.Ordinal) ? model.Profile : "?");
        Assert.Equal(model.DType == "float32" ? ManifestDType.Float32 : ManifestDType.Float64, manifest.DType);
        Assert.Equal(model.Features.Length, manifest.Features.Count);
        for (int i = 0; i < model.Features.Length; i++)
        {
            Feature(model.Features[i], manifest.Features[i]);
        }

        if (model.Fit is JObj fit)
        {
            Assert.NotNull(manifest.Fit);
            Assert.Equal(DataSplit.Train, manifest.Fit!.Split);
            Assert.Equal(long.Parse(((JRaw)Value(fit, "rows")).Token, CultureInfo.InvariantCulture), manifest.Fit.Rows);
            if (Find(fit, "source") is JStr source)
            {
                Assert.Equal(source.Value, manifest.Fit.Source);
                Assert.Equal(DateTimeOffset.Parse(((JStr)Value(fit, "fittedAt")).Value, CultureInfo.InvariantCulture), manifest.Fit.FittedAt);
            }
        }
        else
        {
            Assert.Null(manifest.Fit);
        }
    }

    private static void Feature(FeatureModel model, FeatureManifest feature)
    {
        Assert.Equal(model.Name, feature.Name);
        switch (model.Kind)
        {
            case FeatureKind.OneHot:
                OneHotStep onehot = Assert.IsType<OneHotStep>(Assert.Single(feature.Steps));
                Assert.Equal(model.Categories, onehot.Categories);
                Assert.Equal(model.UnknownAllZeros ? UnknownCategory.AllZeros : UnknownCategory.Error, onehot.Unknown);
                break;
            case FeatureKind.Passthrough:
                Assert.IsType<PassthroughStep>(Assert.Single(feature.Steps));
                break;
            default:
                var expected = new List<NormalizationStep>();
                if (model.PreStep is not null)
                {
                    expected.Add(model.PreStep == "log" ? new LogStep() : new Log1pStep());
                }

                double[] p = model.Parameters, o = model.Options;
                expected.Add(model.Scaler switch
                {
                    Scaler.ZScore => new ZScoreStep(p[0], p[1]),
                    Scaler.MinMax => new MinMaxStep(p[0], p[1], o[0], o[1], o[2] != 0),
                    Scaler.MaxAbs => new MaxAbsStep(p[0]),
                    _ => new RobustStep(p[0], p[1], o[0], o[1]),
                });
                if (model.Clip is { } clip)
                {
                    expected.Add(new ClipStep(clip.Min, clip.Max));
                }

                // Records compare doubles with Equals, which tells -0 from 0 apart only through the bits: compare those.
                Assert.Equal(expected.Select(Bits), feature.Steps.Select(Bits));
                break;
        }

        MissingValuePolicy missing = model.Missing switch
        {
            JStr { Value: "propagate" } => MissingValuePolicy.Propagate,
            JObj fill => MissingValuePolicy.Fill(double.Parse(((JRaw)Value(fill, "fill")).Token, CultureInfo.InvariantCulture)),
            _ => MissingValuePolicy.Error,
        };
        Assert.Equal(missing.Kind, feature.Missing.Kind);
        Assert.Equal(BitConverter.DoubleToInt64Bits(missing.FillValue), BitConverter.DoubleToInt64Bits(feature.Missing.FillValue));

        if (model.Stats is JObj stats)
        {
            Assert.NotNull(feature.Stats);
            Assert.Equal(long.Parse(((JRaw)Value(stats, "count")).Token, CultureInfo.InvariantCulture), feature.Stats!.Count);
            if (Find(stats, "quantiles") is JArr quantiles)
            {
                Assert.Equal(quantiles.Items.Select(q => BitConverter.DoubleToInt64Bits(double.Parse(((JRaw)q).Token, CultureInfo.InvariantCulture))), feature.Stats.Quantiles.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(Bits(((JRaw)Value(stats, "mean")).Token), BitConverter.DoubleToInt64Bits(feature.Stats.Mean!.Value));
            }

            if (Find(stats, "categoryCounts") is JArr counts)
            {
                Assert.Equal(counts.Items.Select(c => long.Parse(((JRaw)c).Token, CultureInfo.InvariantCulture)), feature.Stats.CategoryCounts);
            }
        }
        else
        {
            Assert.Null(feature.Stats);
        }
    }

    private static string Bits(NormalizationStep step) => step switch
    {
        ZScoreStep z => $"zscore {Hex(z.Mean)} {Hex(z.Std)}",
        MinMaxStep m => $"minmax {Hex(m.Min)} {Hex(m.Max)} {Hex(m.Low)} {Hex(m.High)} {m.Clip}",
        MaxAbsStep a => $"maxabs {Hex(a.MaxAbs)}",
        RobustStep r => $"robust {Hex(r.Center)} {Hex(r.Scale)} {Hex(r.Lower)} {Hex(r.Upper)}",
        ClipStep c => $"clip {Hex(c.Min)} {Hex(c.Max)}",
        _ => step.Op,
    };

    private static long Bits(string token) => BitConverter.DoubleToInt64Bits(double.Parse(token, CultureInfo.InvariantCulture));

    private static string Hex(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    private static J Value(JObj obj, string key) => Find(obj, key) ?? throw new InvalidOperationException("the model has no " + key);

    private static J? Find(JObj obj, string key) => obj.Members.FirstOrDefault(m => m.Key == key).Value;
}
