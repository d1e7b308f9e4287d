using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.FlowPrototype.Flow;

/// <summary>
/// The sources, sinks and splits of the prototype: the same vocabulary as the shipped NG0006 (NormGuard's fitter, ML.NET's
/// statistical estimators, split calls, <c>[FitsStatistics]</c>/<c>[SplitsData]</c> on library methods), so that the
/// measurement compares the flow engines rather than two lists of names.
/// </summary>
internal sealed class Vocabulary
{
    private static readonly HashSet<string> FittingSteps = new(StringComparer.Ordinal)
    {
        "NormalizeMeanVariance", "NormalizeMinMax", "NormalizeLogMeanVariance", "NormalizeBinning", "NormalizeSupervisedBinning", "NormalizeRobustScaling",
        "ProjectToPrincipalComponents", "SelectFeaturesBasedOnMutualInformation", "SelectFeaturesBasedOnCount",
    };

    private static readonly HashSet<string> LinqPartitions = new(StringComparer.Ordinal)
    {
        "Take", "Skip", "TakeLast", "SkipLast", "Chunk", "GroupBy", "Where", "TakeWhile", "SkipWhile", "FilterRowsByColumn",
    };

    private Vocabulary(Compilation compilation)
    {
        Fitter = compilation.GetTypeByMetadataName("NormGuard.FeatureSetFitter`1");
        Estimator = compilation.GetTypeByMetadataName("Microsoft.ML.IEstimator`1");
        Transformer = compilation.GetTypeByMetadataName("Microsoft.ML.ITransformer");
        TrainTestData = compilation.GetTypeByMetadataName("Microsoft.ML.DataOperationsCatalog+TrainTestData");
        FitsStatistics = compilation.GetTypeByMetadataName("NormGuard.FitsStatisticsAttribute");
        SplitsData = compilation.GetTypeByMetadataName("NormGuard.SplitsDataAttribute");
    }

    public INamedTypeSymbol? Fitter { get; }

    public INamedTypeSymbol? Estimator { get; }

    public INamedTypeSymbol? Transformer { get; }

    public INamedTypeSymbol? TrainTestData { get; }

    public INamedTypeSymbol? FitsStatistics { get; }

    public INamedTypeSymbol? SplitsData { get; }

    public static Vocabulary? Create(Compilation compilation)
    {
        var vocabulary = new Vocabulary(compilation);
        return vocabulary.Fitter is null && vocabulary.Estimator is null ? null : vocabulary;
    }

    /// <summary>A step that learns statistics when the chain is fitted; <c>ReplaceMissingValues</c> only with a fitted mode.</summary>
    public static bool IsFittingStep(IMethodSymbol method, IOperation call)
    {
        if (!InNamespace(method, "Microsoft.ML"))
        {
            return false;
        }

        if (FittingSteps.Contains(method.Name))
        {
            return true;
        }

        if (method.Name != "ReplaceMissingValues" || call is not IInvocationOperation invocation)
        {
            return false;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "replacementMode" && argument.Value.ConstantValue is { HasValue: true, Value: { } mode })
            {
                return Convert.ToInt64(mode, System.Globalization.CultureInfo.InvariantCulture) != 0;
            }
        }

        return false;
    }

    public bool IsFitterAdd(IMethodSymbol method) =>
        method.Name is "Add" or "Merge" && Fitter is not null && DerivesFrom(method.ContainingType, Fitter);

    public bool IsEstimatorFit(IMethodSymbol method, IOperation? instance) =>
        method.Name == "Fit" && Estimator is not null && instance?.Type is { } type && Implements(type, Estimator);

    public bool FitsParameter(IParameterSymbol parameter) => HasAttribute(parameter, FitsStatistics);

    /// <summary>A split that the analysis cannot see into: ML.NET's, a library's <c>[SplitsData]</c>, a Linq partition, or
    /// (past the interprocedural depth) any non-System method named like a split.</summary>
    public bool IsSplit(IMethodSymbol method, out bool crossValidates)
    {
        string name = method.Name;
        crossValidates = InNamespace(method, "Microsoft.ML") && name == "CrossValidate";
        if (crossValidates || HasAttribute(method, SplitsData) || HasAttribute(method.OriginalDefinition, SplitsData))
        {
            return true;
        }

        if (InNamespace(method, "Microsoft.ML"))
        {
            return name is "TrainTestSplit" or "CrossValidationSplit" || LinqPartitions.Contains(name);
        }

        if (InNamespace(method, "System.Linq"))
        {
            return LinqPartitions.Contains(name);
        }

        return !InNamespace(method, "System")
            && (name.IndexOf("Split", StringComparison.Ordinal) >= 0 || name.IndexOf("KFold", StringComparison.Ordinal) >= 0 || name.IndexOf("CrossValidat", StringComparison.Ordinal) >= 0);
    }

    public bool IsTestSetProperty(IPropertySymbol property) =>
        property.Name == "TestSet" && TrainTestData is not null && SymbolEqualityComparer.Default.Equals(property.ContainingType, TrainTestData);

    public static bool InNamespace(ISymbol? symbol, string root)
    {
        string? ns = symbol?.ContainingNamespace?.ToDisplayString();
        return ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol definition)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, definition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol definition)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition))
        {
            return true;
        }

        foreach (INamedTypeSymbol item in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(item.OriginalDefinition, definition))
            {
                return true;
            }
        }

        return false;
    }
}
