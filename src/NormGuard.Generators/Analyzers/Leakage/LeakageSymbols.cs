using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>What a type means to the leakage dataflow.</summary>
    [Flags]
    internal enum TypeRole
    {
        /// <summary>Data that is not a collection: a row, a string (a path), a user object.</summary>
        Data = 0,

        /// <summary>Carries no rows and stops the dataflow: an ML.NET model, estimator, context or catalog, a delegate, a clock.</summary>
        Opaque = 1,

        /// <summary>A number, bool, char, enum or date: it carries its inputs' rows but is never data of its own.</summary>
        Scalar = 2,

        /// <summary>Rows: an <c>IDataView</c>, an array, a span, any <c>IEnumerable</c> but a string.</summary>
        Collection = 4,

        /// <summary>ML.NET's <c>TrainTestData</c>: the result of a split.</summary>
        SplitHolder = 8,

        /// <summary>A <c>FeatureSetFitter&lt;T&gt;</c>.</summary>
        Fitter = 16,

        /// <summary>An ML.NET <c>IEstimator&lt;T&gt;</c>.</summary>
        Estimator = 32,
    }

    /// <summary>
    /// The symbols NG0006 needs, looked up once per compilation by metadata name: NormGuard's fitter and ML.NET's data
    /// and estimator types (NormGuard takes no dependency on ML.NET). Type roles are cached; the cache is concurrent.
    /// </summary>
    internal sealed class LeakageSymbols
    {
        private readonly ConcurrentDictionary<ITypeSymbol, TypeRole> _roles = new ConcurrentDictionary<ITypeSymbol, TypeRole>(SymbolEqualityComparer.Default);

        private LeakageSymbols(Compilation compilation)
        {
            Fitter = compilation.GetTypeByMetadataName("NormGuard.FeatureSetFitter`1");
            Estimator = compilation.GetTypeByMetadataName("Microsoft.ML.IEstimator`1");
            Transformer = compilation.GetTypeByMetadataName("Microsoft.ML.ITransformer");
            DataView = compilation.GetTypeByMetadataName("Microsoft.ML.IDataView");
            TrainTestData = compilation.GetTypeByMetadataName("Microsoft.ML.DataOperationsCatalog+TrainTestData");
            NormalizingEstimator = compilation.GetTypeByMetadataName("Microsoft.ML.Transforms.NormalizingEstimator");
            NormalizingTransformer = compilation.GetTypeByMetadataName("Microsoft.ML.Transforms.NormalizingTransformer");
            EstimatorChain = compilation.GetTypeByMetadataName("Microsoft.ML.Data.EstimatorChain`1");
            FitsStatistics = compilation.GetTypeByMetadataName("NormGuard.FitsStatisticsAttribute");
            SplitsData = compilation.GetTypeByMetadataName("NormGuard.SplitsDataAttribute");
            Assembly = compilation.Assembly;
        }

        /// <summary>The assembly being compiled: its methods are summarized from their code.</summary>
        public IAssemblySymbol Assembly { get; }

        /// <summary><c>[FitsStatistics]</c> on a parameter: the method learns statistics from that argument.</summary>
        public INamedTypeSymbol? FitsStatistics { get; }

        /// <summary><c>[SplitsData]</c> on a method: it returns training and evaluation parts of its data.</summary>
        public INamedTypeSymbol? SplitsData { get; }

        public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
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

        public INamedTypeSymbol? Fitter { get; }

        public INamedTypeSymbol? Estimator { get; }

        public INamedTypeSymbol? Transformer { get; }

        public INamedTypeSymbol? DataView { get; }

        public INamedTypeSymbol? TrainTestData { get; }

        public INamedTypeSymbol? NormalizingEstimator { get; }

        public INamedTypeSymbol? NormalizingTransformer { get; }

        public INamedTypeSymbol? EstimatorChain { get; }

        /// <summary>Null when the compilation can fit nothing: neither NormGuard's fitter nor ML.NET's estimators are referenced.</summary>
        public static LeakageSymbols? Create(Compilation compilation)
        {
            var symbols = new LeakageSymbols(compilation);
            return symbols.Fitter is null && symbols.Estimator is null ? null : symbols;
        }

        public TypeRole Role(ITypeSymbol? type)
        {
            if (type is null)
            {
                return TypeRole.Data;
            }

            return _roles.TryGetValue(type, out TypeRole role) ? role : _roles.GetOrAdd(type, Compute(type));
        }

        public bool IsOpaque(ITypeSymbol? type) => (Role(type) & TypeRole.Opaque) != 0;

        public bool IsScalar(ITypeSymbol? type) => (Role(type) & TypeRole.Scalar) != 0;

        public bool IsCollection(ITypeSymbol? type) => (Role(type) & TypeRole.Collection) != 0;

        public bool IsFitter(ITypeSymbol? type) => (Role(type) & TypeRole.Fitter) != 0;

        public bool IsEstimator(ITypeSymbol? type) => (Role(type) & TypeRole.Estimator) != 0;

        public bool IsSplitHolder(ITypeSymbol? type) => (Role(type) & TypeRole.SplitHolder) != 0;

        public bool IsDataView(ITypeSymbol? type) => DataView is not null && type is not null && Implements(type, DataView);

        /// <summary><c>NormalizingEstimator</c>, or an <c>EstimatorChain&lt;NormalizingTransformer&gt;</c> (a chain ending in a normalizer).</summary>
        public bool IsNormalizing(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (NormalizingEstimator is not null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, NormalizingEstimator))
            {
                return true;
            }

            return EstimatorChain is not null && NormalizingTransformer is not null
                && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, EstimatorChain)
                && named.TypeArguments.Length == 1
                && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], NormalizingTransformer);
        }

        public static bool InNamespace(ISymbol? symbol, string root)
        {
            string? ns = symbol?.ContainingNamespace?.ToDisplayString();
            return ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
        }

        private TypeRole Compute(ITypeSymbol type)
        {
            if (type is IErrorTypeSymbol || type.TypeKind == TypeKind.Dynamic)
            {
                return TypeRole.Data;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            {
                return Role(nullable.TypeArguments[0]);
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Object:
                    return TypeRole.Data;
                case SpecialType.System_Void:
                    return TypeRole.Opaque;
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_DateTime:
                    return TypeRole.Scalar;
            }

            switch (type.TypeKind)
            {
                case TypeKind.Enum:
                    return TypeRole.Scalar;
                case TypeKind.Delegate:
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                    return TypeRole.Opaque;
                case TypeKind.Array:
                    return TypeRole.Collection;
                case TypeKind.TypeParameter:
                    return TypeRole.Data;
            }

            if (Fitter is not null && DerivesFrom(type, Fitter))
            {
                return TypeRole.Fitter;
            }

            if (Estimator is not null && Implements(type, Estimator))
            {
                return TypeRole.Opaque | TypeRole.Estimator;
            }

            if (Transformer is not null && Implements(type, Transformer))
            {
                return TypeRole.Opaque;
            }

            if (TrainTestData is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TrainTestData))
            {
                return TypeRole.SplitHolder;
            }

            if (IsDataView(type) || IsSpanLike(type) || IsEnumerable(type))
            {
                return TypeRole.Collection;
            }

            if (InNamespace(type, "Microsoft.ML"))
            {
                // MLContext, catalogs, schemas, metrics, prediction engines: no rows of their own.
                return TypeRole.Opaque;
            }

            if (Fitter is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, Fitter.ContainingAssembly))
            {
                return type.TypeKind == TypeKind.Struct ? TypeRole.Scalar : TypeRole.Opaque;
            }

            if (InNamespace(type, "System"))
            {
                string ns = type.ContainingNamespace.ToDisplayString();
                if (ns == "System" && type.IsValueType && !type.IsTupleType && type.Name != "ArraySegment")
                {
                    return TypeRole.Scalar; // TimeSpan, DateTimeOffset, Guid, Half, Index, Range, …
                }

                if (type.Name is "Random" or "Type" || InNamespace(type, "System.Threading") || InNamespace(type, "System.Diagnostics") || InNamespace(type, "System.Reflection"))
                {
                    return TypeRole.Opaque;
                }
            }

            return TypeRole.Data;
        }

        private static bool IsSpanLike(ITypeSymbol type) =>
            type is INamedTypeSymbol { Arity: 1 } named
            && named.Name is "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory" or "ArraySegment"
            && named.ContainingNamespace?.ToDisplayString() == "System";

        private static bool IsEnumerable(ITypeSymbol type)
        {
            if (IsEnumerableInterface(type))
            {
                return true;
            }

            foreach (INamedTypeSymbol @interface in type.AllInterfaces)
            {
                if (IsEnumerableInterface(@interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEnumerableInterface(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Collections_IEnumerable
            || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            || (type is INamedTypeSymbol { Name: "IAsyncEnumerable", Arity: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic");

        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseDefinition)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Implements(ITypeSymbol type, INamedTypeSymbol interfaceDefinition)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceDefinition))
            {
                return true;
            }

            foreach (INamedTypeSymbol @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, interfaceDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
