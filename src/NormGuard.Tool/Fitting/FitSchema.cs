using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting;

/// <summary>What to fit: feature names, steps and options, profile and dtype — from a template or a compiled record.</summary>
internal sealed record FitSchema(string FeatureSet, NormalizationProfile Profile, ManifestDType DType, IReadOnlyList<FitterFeature> Features, string Origin)
{
    /// <summary>A template (a manifest without parameters; a full manifest works too).</summary>
    public static FitSchema FromTemplate(string path, NormalizationProfile? profile)
    {
        Manifest template = Manifest.LoadTemplate(path);
        return new FitSchema(
            template.FeatureSet,
            profile ?? template.Profile,
            template.DType,
            template.Features.Select(ToFitter).ToArray(),
            path);
    }

    /// <summary>A compiled feature record: the fitter the generator emitted for it declares the features.</summary>
    public static FitSchema FromAssembly(string path, string featureSet, NormalizationProfile? profile)
    {
        Data.InputFiles.Existing(path, "an assembly file (.dll)");

        var context = new RecordLoadContext(Path.GetFullPath(path));
        Assembly assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types.Where(t => t is not null).ToArray()!;
        }

        Type[] matches = types.Where(t => t.GetCustomAttribute<FeatureSetAttribute>()?.Name == featureSet).ToArray();
        if (matches.Length != 1)
        {
            string known = string.Join(", ", types.Select(t => t.GetCustomAttribute<FeatureSetAttribute>()?.Name).Where(n => n is not null).Distinct());
            throw new CliException(matches.Length == 0
                ? $"{path}: no [FeatureSet(\"{featureSet}\")] type (feature sets in it: {(known.Length == 0 ? "none" : known)})"
                : $"{path}: {matches.Length} types declare [FeatureSet(\"{featureSet}\")]");
        }

        Type record = matches[0];
        MethodInfo? create = profile is null
            ? record.GetMethod("CreateFitter", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)
            : record.GetMethod("CreateFitter", BindingFlags.Public | BindingFlags.Static, new[] { typeof(NormalizationProfile) });
        if (create is null)
        {
            throw new CliException($"{path}: {record.FullName} has no generated CreateFitter(); was it built with the NormGuard generator?");
        }

        object fitter = create.Invoke(null, profile is null ? null : new object[] { profile.Value })!;
        Type type = fitter.GetType();
        return new FitSchema(
            featureSet,
            (NormalizationProfile)type.GetProperty("Profile")!.GetValue(fitter)!,
            (ManifestDType)type.GetProperty("DType")!.GetValue(fitter)!,
            (IReadOnlyList<FitterFeature>)type.GetProperty("Features")!.GetValue(fitter)!,
            path + " (" + record.FullName + ")");
    }

    private static FitterFeature ToFitter(FeatureManifest feature)
    {
        if (feature.Space is { } space)
        {
            return VectorFitter(feature, space);
        }

        if (feature.Steps is [OneHotStep oneHot])
        {
            return FitterFeature.OneHot(feature.Name, CategoryKind.Inferred, oneHot.Unknown, nullable: true).WithMissing(feature.Missing);
        }

        FitStep[] steps = feature.Steps.Select(step => step switch
        {
            ZScoreStep => FitStep.ZScore(),
            MinMaxStep m => FitStep.MinMax(m.Low, m.High, m.Clip),
            MaxAbsStep => FitStep.MaxAbs(),
            RobustStep r => FitStep.Robust(r.Lower, r.Upper),
            Log1pStep => FitStep.Log1p(),
            LogStep => FitStep.Log(),
            ClipStep c => FitStep.ClipTo(c.Min, c.Max),
            PassthroughStep => FitStep.Passthrough(),
            _ => throw new CliException($"feature '{feature.Name}': a {step.Op} step can only stand alone"),
        }).ToArray();
        return FitterFeature.Numeric(feature.Name, steps, nullable: true).WithMissing(feature.Missing);
    }

    private static FitterFeature VectorFitter(FeatureManifest feature, EmbeddingSpaceDeclaration space)
    {
        FitStep[] steps = feature.Steps.Select(step => step switch
        {
            L2NormalizeStep l => FitStep.L2(l.Epsilon),
            CenterStep => FitStep.Center(),
            VectorZScoreStep => FitStep.ZScore(),
            TruncateStep t => FitStep.Truncate(t.Dimension),
            PcaStep => throw new CliException($"feature '{feature.Name}': a pca step is not fitted by normguard fit; fit PCA in scikit-learn on the embeddings and import it (normguard import sklearn, docs/import.md)"),
            _ => throw new CliException($"feature '{feature.Name}': a {step.Op} step on a vector feature"),
        }).ToArray();
        try
        {
            return FitterFeature.Vector(feature.Name, space.Name, space.Model, space.Revision, space.NativeDimension, steps, nullable: true).WithMissing(feature.Missing);
        }
        catch (Exception problem) when (problem is ArgumentException or NotSupportedException)
        {
            throw new CliException(problem.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Loads a user's assembly beside its dependencies, sharing NormGuard's own types with this tool.</summary>
    private sealed class RecordLoadContext(string path) : AssemblyLoadContext("normguard-record", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(FeatureSetAttribute).Assembly.GetName().Name)
            {
                return null;
            }

            string? resolved = _resolver.ResolveAssemblyToPath(name);
            return resolved is null ? null : LoadFromAssemblyPath(resolved);
        }
    }
}
