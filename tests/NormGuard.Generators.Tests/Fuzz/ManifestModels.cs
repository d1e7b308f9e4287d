using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;

namespace NormGuard.Generators.Tests.Fuzz;

internal enum FeatureKind { Numeric, OneHot, Passthrough }

internal enum Scaler { ZScore, MinMax, MaxAbs, Robust }

/// <summary>One feature of a generated manifest, and the record member that binds to it.</summary>
internal sealed record FeatureModel(
    string Name,
    FeatureKind Kind,
    string MemberType,
    string? PreStep,
    Scaler Scaler,
    double[] Parameters,
    double[] Options,
    (double Min, double Max)? Clip,
    string[] Categories,
    bool UnknownAllZeros,
    J? Missing,
    J? Stats);

/// <summary>
/// A valid manifest drawn from a model of the format, together with the <c>[FeatureSet]</c> record it binds to
/// without a single diagnostic. Mutations start from here, so most fuzz inputs are nearly valid and reach deep into
/// the reader instead of stopping at the first character.
/// </summary>
internal sealed record ManifestModel(
    string FeatureSet,
    int Version,
    string Profile,
    string? DType,
    J Fit,
    FeatureModel[] Features,
    bool PinVersion,
    bool PinProfile,
    int RecordShape,
    JsonLayout Layout,
    bool WithSha256)
{
    public const string ManifestPath = "/fuzz/model.normguard.json";

    public JObj ToJson()
    {
        var root = new JObj()
            .Add("format", new JStr("normguard.manifest/1"))
            .Add("featureSet", new JStr(FeatureSet))
            .Add("version", JRaw.Number(Version))
            .Add("profile", new JStr(Profile));
        if (DType is not null)
        {
            root.Add("dtype", new JStr(DType));
        }

        root.Add("fit", Fit.Clone());

        root.Add("features", new JArr(Features.Select(FeatureJson)));
        return root;
    }

    /// <summary>The manifest text; with <see cref="WithSha256"/> its hash too, computed by the runtime writer's rules.</summary>
    public string Text()
    {
        JObj root = ToJson();
        if (WithSha256)
        {
            root.Add("sha256", new JStr(Manifest.Parse(JsonLayout.Compact.Write(root)).Sha256));
        }

        return Layout.Write(root);
    }

    private static J FeatureJson(FeatureModel feature)
    {
        var steps = new List<J>();
        switch (feature.Kind)
        {
            case FeatureKind.OneHot:
                var onehot = new JObj().Add("op", new JStr("onehot")).Add("categories", new JArr(feature.Categories.Select(c => (J)new JStr(c))));
                if (feature.UnknownAllZeros)
                {
                    onehot.Add("unknown", new JStr("allZeros"));
                }

                steps.Add(onehot);
                break;
            case FeatureKind.Passthrough:
                steps.Add(new JObj().Add("op", new JStr("passthrough")));
                break;
            default:
                if (feature.PreStep is not null)
                {
                    steps.Add(new JObj().Add("op", new JStr(feature.PreStep)));
                }

                steps.Add(ScalerJson(feature));
                if (feature.Clip is { } clip)
                {
                    steps.Add(new JObj().Add("op", new JStr("clip")).Add("min", JRaw.Number(clip.Min)).Add("max", JRaw.Number(clip.Max)));
                }

                break;
        }

        var json = new JObj().Add("name", new JStr(feature.Name)).Add("steps", new JArr(steps));
        if (feature.Missing is not null)
        {
            json.Add("missing", feature.Missing.Clone());
        }

        if (feature.Stats is not null)
        {
            json.Add("stats", feature.Stats.Clone());
        }

        return json;
    }

    private static JObj ScalerJson(FeatureModel f)
    {
        double[] p = f.Parameters;
        return f.Scaler switch
        {
            Scaler.ZScore => new JObj().Add("op", new JStr("zscore")).Add("mean", JRaw.Number(p[0])).Add("std", JRaw.Number(p[1])),
            Scaler.MinMax => new JObj().Add("op", new JStr("minmax")).Add("min", JRaw.Number(p[0])).Add("max", JRaw.Number(p[1]))
                .Add("low", JRaw.Number(f.Options[0])).Add("high", JRaw.Number(f.Options[1])).Add("clip", JRaw.Bool(f.Options[2] != 0)),
            Scaler.MaxAbs => new JObj().Add("op", new JStr("maxabs")).Add("maxabs", JRaw.Number(p[0])),
            _ => new JObj().Add("op", new JStr("robust")).Add("center", JRaw.Number(p[0])).Add("scale", JRaw.Number(p[1]))
                .Add("lower", JRaw.Number(f.Options[0])).Add("upper", JRaw.Number(f.Options[1])),
        };
    }

    /// <summary>The record that binds to this manifest: same names, same steps, members in manifest order.</summary>
    public string RecordSource()
    {
        var source = new StringBuilder("using NormGuard;\n\nnamespace Fuzz;\n\n[FeatureSet(");
        source.Append(Literal(FeatureSet));
        if (PinVersion)
        {
            source.Append(", Version = ").Append(Version.ToString(CultureInfo.InvariantCulture));
        }

        if (PinProfile)
        {
            source.Append(", Profile = NormalizationProfile.").Append(Profile switch
            {
                "sklearn" => "ScikitLearn",
                "onnx" => "Onnx",
                "mlnet" => "MLNet",
                "spark" => "Spark",
                _ => "NormGuard",
            });
        }

        source.Append(", Manifest = \"model.normguard.json\")]\n");
        source.Append(RecordShape switch { 0 => "public partial record struct Row\n{\n", 1 => "public partial struct Row\n{\n", _ => "public partial record Row\n{\n" });
        for (int i = 0; i < Features.Length; i++)
        {
            FeatureModel f = Features[i];
            source.Append("    [FeatureName(").Append(Literal(f.Name)).Append(')').Append(Attributes(f)).Append("] public ").Append(f.MemberType).Append(" M").Append(i);
            source.Append(RecordShape == 1 ? ";\n" : " { get; init; }\n");
        }

        return source.Append("}\n").ToString();
    }

    private static string Attributes(FeatureModel f)
    {
        switch (f.Kind)
        {
            case FeatureKind.OneHot:
                return f.UnknownAllZeros ? ", OneHot(Unknown = UnknownCategory.AllZeros)" : ", OneHot";
            case FeatureKind.Passthrough:
                return ", Passthrough";
        }

        var attributes = new StringBuilder();
        if (f.PreStep is not null)
        {
            attributes.Append(f.PreStep == "log" ? ", Log" : ", Log1p");
        }

        attributes.Append(f.Scaler switch
        {
            Scaler.ZScore => ", ZScore",
            Scaler.MinMax => ", MinMax(" + CSharp(f.Options[0]) + ", " + CSharp(f.Options[1]) + (f.Options[2] != 0 ? ", Clip = true)" : ")"),
            Scaler.MaxAbs => ", MaxAbs",
            _ => ", Robust(" + CSharp(f.Options[0]) + ", " + CSharp(f.Options[1]) + ")",
        });
        if (f.Clip is { } clip)
        {
            attributes.Append(", Clip(").Append(CSharp(clip.Min)).Append(", ").Append(CSharp(clip.Max)).Append(')');
        }

        return attributes.ToString();
    }

    private static string CSharp(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}

/// <summary>CsCheck generators of <see cref="ManifestModel"/>s.</summary>
internal static class ModelGen
{
    /// <summary>Names: mostly plain, some with what breaks naive code writers (quotes, backslashes, line breaks,
    /// U+2028, comment terminators, non-BMP characters, lone surrogates, NUL).</summary>
    public static readonly Gen<string> Name = Gen.Frequency(
        (6, Gen.Char["abcdefghijklmnopqrstuvwxyz_"].Array[1, 8].Select(c => new string(c))),
        (2, Gen.Char["aZ09 _-.=é中\u00e4"].Array[1, 12].Select(c => new string(c))),
        (2, Gen.OneOf(Gen.Const("a\"b"), Gen.Const("back\\slash"), Gen.Const("line\nbreak"), Gen.Const("cr\ronly"), Gen.Const("ls\u2028ps\u2029nel\u0085"),
            Gen.Const("*/ /* //"), Gen.Const("tab\there"), Gen.Const("\U0001F600 emoji"), Gen.Const("lone\uD800surrogate"), Gen.Const("nul\0char"),
            Gen.Const("{0}"), Gen.Const(" padded "), Gen.Const("İstanbul ı"), Gen.Const("\uFEFFbom"))));

    // Fitted parameters that bind without any diagnostic: finite, scales well away from 0 and from float32's limits.
    private static readonly Gen<double> Location = Gen.Frequency(
        (3, Gen.Double[-1e6, 1e6]),
        (1, Gen.OneOf(Gen.Const(0d), Gen.Const(0.1), Gen.Const(-2.5), Gen.Const(1e-7), Gen.Const(123456.789))));

    private static readonly Gen<double> Spread = Gen.Frequency(
        (3, Gen.Double[1e-3, 1e6]),
        (1, Gen.OneOf(Gen.Const(1d), Gen.Const(0.22), Gen.Const(3.0000000000000004))));

    private static readonly Gen<double> AnyFinite = Gen.Frequency(
        (3, Gen.Double[-1e9, 1e9]),
        (1, Gen.Long.Select(bits => BitConverter.Int64BitsToDouble(bits)).Where(d => double.IsFinite(d))),
        (1, Gen.OneOf(Gen.Const(-0d), Gen.Const(double.Epsilon), Gen.Const(double.MaxValue), Gen.Const(-double.MaxValue), Gen.Const(5e-324), Gen.Const(2.2250738585072014e-308))));

    private static readonly Gen<J> Missing = Gen.Frequency(
        (3, Gen.Const<J>((J)null!)),
        (1, Gen.Const<J>(new JStr("error"))),
        (1, Gen.Const<J>(new JStr("propagate"))),
        (1, Location.Select(v => (J)new JObj().Add("fill", JRaw.Number(v)))));

    private static readonly Gen<J> NumericStats = Gen.Select(Gen.Long[0, 9_000_000_000_000_000L], Gen.Long[0, 1000], AnyFinite.Array[0, 101], AnyFinite, AnyFinite)
        .Select((count, missing, quantiles, min, mean) => (J)new JObj()
            .Add("count", JRaw.Number(count)).Add("missing", JRaw.Number(missing))
            .Add("min", JRaw.Number(min)).Add("max", JRaw.Number(Math.Max(min, mean))).Add("mean", JRaw.Number(mean)).Add("std", JRaw.Number(Math.Abs(mean)))
            .Add("quantiles", new JArr(quantiles.Select(q => (J)JRaw.Number(q)))));

    private static readonly Gen<FeatureModel> Numeric =
        Gen.Select(
            Gen.OneOf("double", "float", "double?", "float?"),
            Gen.Frequency((4, Gen.Const<string?>((string?)null)), (1, Gen.Const<string?>("log1p")), (1, Gen.Const<string?>("log"))),
            Gen.Enum<Scaler>(),
            Gen.Select(Location, Spread),
            Gen.Select(Gen.OneOf(new[] { (0d, 1d), (-1d, 1d), (0.5, 2d), (-3.25, 7d) }), Gen.Bool, Gen.OneOf(new[] { (25d, 75d), (10d, 90d), (5d, 95d) })),
            Gen.Select(Gen.Double[-100, -1], Gen.Double[1, 100]).Nullable(0.7),
            Missing,
            NumericStats.Null(0.5))
        .Select((type, pre, scaler, p, options, clip, missing, stats) => new FeatureModel(
            "?",
            FeatureKind.Numeric,
            type,
            pre,
            scaler,
            scaler switch
            {
                Scaler.MinMax => [p.Item1, p.Item1 + p.Item2],
                Scaler.MaxAbs => [p.Item2],
                _ => [p.Item1, p.Item2],
            },
            scaler == Scaler.Robust ? [options.Item3.Item1, options.Item3.Item2] : [options.Item1.Item1, options.Item1.Item2, options.Item2 ? 1 : 0],
            clip is { } c ? (c.Item1, c.Item2) : null,
            [],
            false,
            type.EndsWith('?') ? missing : null,
            stats));

    private static readonly Gen<FeatureModel> OneHot =
        Gen.Select(Name.Array[1, 6], Gen.Bool, Gen.Long[0, 1_000_000].Array[1, 6])
        .Select((categories, allZeros, counts) =>
        {
            string[] distinct = categories.Distinct(StringComparer.Ordinal).ToArray();
            J stats = new JObj().Add("count", JRaw.Number(counts.Sum())).Add("missing", JRaw.Number(0L))
                .Add("categoryCounts", new JArr(distinct.Select((_, i) => (J)JRaw.Number(counts[i % counts.Length]))));
            return new FeatureModel("?", FeatureKind.OneHot, "string", null, Scaler.ZScore, [], [], null, distinct, allZeros, null, stats);
        });

    private static readonly Gen<FeatureModel> Passthrough =
        Gen.OneOf("bool", "float").Select(type => new FeatureModel("?", FeatureKind.Passthrough, type, null, Scaler.ZScore, [], [], null, [], false, null, null));

    private static readonly Gen<J> Fit =
        Gen.Select(Gen.Long[0, 9_000_000_000_000_000L], Name, Gen.Bool, Gen.DateTime[new DateTime(1990, 1, 1), new DateTime(2100, 1, 1)])
        .Select((rows, source, full, fittedAt) =>
        {
            var fit = new JObj().Add("split", new JStr("train")).Add("rows", JRaw.Number(rows));
            if (full)
            {
                fit.Add("source", new JStr(source)).Add("sourceSha256", new JStr(new string('a', 64)))
                    .Add("fittedAt", new JStr(fittedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))).Add("tool", new JStr("normguard 0.1.0"));
            }

            return (J)fit;
        });

    private static readonly Gen<JsonLayout> Layout = Gen.Select(Gen.Bool, Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool)
        .Select((indented, newLine, escape) => new JsonLayout(indented, newLine, escape));

    public static readonly Gen<ManifestModel> Model =
        Gen.Select(
            Name,
            Gen.Frequency((4, Gen.Int[1, 100]), (1, Gen.Int[1, int.MaxValue])),
            Gen.OneOf("normguard", "sklearn", "onnx", "mlnet", "spark"),
            Gen.OneOf<string?>(null, "float32", "float64"),
            Fit,
            Gen.Frequency((4, Numeric), (2, OneHot), (1, Passthrough)).Array[1, 8].SelectMany(features => Name.Array[features.Length].Select(names => (features, names))),
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, 2], Layout, Gen.Bool))
        .Select((featureSet, version, profile, dtype, fit, features, options) =>
        {
            // Feature names must be unique: a suffix keeps the drawn name's character classes.
            FeatureModel[] named = features.features
                .Select((f, i) => f with { Name = features.names[i] + "#" + i.ToString(CultureInfo.InvariantCulture) })
                .ToArray();
            return new ManifestModel(featureSet, version, profile, dtype, fit, named, options.Item1, options.Item2, options.Item3, options.Item4, options.Item5);
        });
}
