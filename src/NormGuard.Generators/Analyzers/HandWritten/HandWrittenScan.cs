using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>A feature member with a fitted scaling, and that feature's parameters in the bound manifest.</summary>
    internal sealed class FeatureBinding
    {
        public FeatureBinding(string featureName, string typeName, string manifestFileName, IReadOnlyList<FeatureParameter> parameters, IReadOnlyList<WholeStep> steps, IReadOnlyList<double> genericOffsets)
        {
            Steps = steps;
            GenericOffsets = genericOffsets;
            FeatureName = featureName;
            TypeName = typeName;
            ManifestFileName = manifestFileName;
            Parameters = parameters;
        }

        public string FeatureName { get; }

        public string TypeName { get; }

        public string ManifestFileName { get; }

        public IReadOnlyList<FeatureParameter> Parameters { get; }

        public IReadOnlyList<WholeStep> Steps { get; }

        /// <summary>See <see cref="FeatureParameter.GenericOffsets"/>.</summary>
        public IReadOnlyList<double> GenericOffsets { get; }
    }

    /// <summary>
    /// NG0012's state for one compilation: which members are bound features (asked once per member), the values of
    /// readonly fields and properties (once per symbol), and the locals of bodies that needed following (once per body).
    /// </summary>
    internal sealed class HandWrittenScan
    {
        private static readonly StepKind[] ScalingSteps = { StepKind.ZScore, StepKind.MinMax, StepKind.MaxAbs, StepKind.Robust, StepKind.Clip };

        private readonly Compilation _compilation;
        private readonly CompilationState _state;
        private readonly INamedTypeSymbol _featureSetAttribute;
        private readonly ConcurrentDictionary<ISymbol, FeatureBinding?> _members = new ConcurrentDictionary<ISymbol, FeatureBinding?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, NumericConstant?> _constants = new ConcurrentDictionary<ISymbol, NumericConstant?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<SyntaxNode, BodyIndex> _bodies = new ConcurrentDictionary<SyntaxNode, BodyIndex>();
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _assemblies = new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _returned = new ConcurrentDictionary<IMethodSymbol, IOperation?>(SymbolEqualityComparer.Default);

        public HandWrittenScan(Compilation compilation, CompilationState state, INamedTypeSymbol featureSetAttribute, HandWrittenWork? work)
        {
            _compilation = compilation;
            _state = state;
            _featureSetAttribute = featureSetAttribute;
            Work = work;
        }

        /// <summary>Counters for tests; null in a real build.</summary>
        public HandWrittenWork? Work { get; }

        /// <summary>Called for every field and property reference; returns at once unless it is a bound feature member.</summary>
        public void Analyze(OperationAnalysisContext context)
        {
            try
            {
                ISymbol? member = context.Operation switch
                {
                    IPropertyReferenceOperation property => property.Property,
                    IFieldReferenceOperation field => field.Field,
                    _ => null,
                };
                if (member is null || member.IsStatic || !IsNumeric(member) || Binding(member, context.CancellationToken) is not { } binding)
                {
                    return;
                }

                Work?.ReferenceFollowed();
                var reported = new HashSet<IOperation>();
                foreach (ArithmeticChain full in ArithmeticChain.From(context.Operation, this, context.CancellationToken))
                {
                    if (Reportable(full, binding) is not { } judged || !reported.Add(judged.Chain.End))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HandWritten,
                        judged.Chain.End.Syntax.GetLocation(),
                        member.Name,
                        Collapse(judged.Chain.End.Syntax.ToString()),
                        binding.TypeName,
                        judged.Evidence));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // An analyzer must not fail the build; code this rule cannot follow is code it does not report.
            }
        }

        public BodyIndex Body(IOperation inside)
        {
            IOperation root = BodyIndex.Root(inside);
            return _bodies.GetOrAdd(root.Syntax, _ =>
            {
                var index = new BodyIndex(root);
                Work?.Indexed(index.OperationCount);
                return index;
            });
        }

        /// <summary>The operation of an expression anywhere in the compilation (a field initializer in another file).</summary>
        public IOperation? Operation(SyntaxNode syntax, CancellationToken cancellationToken)
        {
            SyntaxTree tree = syntax.SyntaxTree;
            if (!_compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

#pragma warning disable RS1030 // One model per tree, only for trees that declare a constant some feature arithmetic uses, cached.
            SemanticModel model = _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
            return model.GetOperation(syntax, cancellationToken);
        }

        /// <summary>
        /// The one expression a method of this compilation returns (<c>=&gt; e</c>, or a body that is only <c>return e;</c>),
        /// for a method that cannot be overridden; else null.
        /// </summary>
        public IOperation? ReturnedExpression(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_returned.TryGetValue(method, out IOperation? known))
            {
                return known;
            }

            IOperation? returned = null;
            if (!method.IsVirtual && !method.IsAbstract && !method.IsOverride && method.DeclaringSyntaxReferences.Length == 1)
            {
                ExpressionSyntax? expression = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
                {
                    BaseMethodDeclarationSyntax declaration => Returned(declaration.ExpressionBody, declaration.Body),
                    LocalFunctionStatementSyntax local => Returned(local.ExpressionBody, local.Body),
                    _ => null,
                };
                returned = expression is null ? null : Operation(expression, cancellationToken);
                Work?.InitializerRead();
            }

            _returned.TryAdd(method, returned);
            return returned;
        }

        public bool TryGetConstant(ISymbol symbol, out NumericConstant? value) => _constants.TryGetValue(symbol, out value);

        public void RememberConstant(ISymbol symbol, NumericConstant? value) => _constants.TryAdd(symbol, value);

        /// <summary>Source text on one line, cut at 120 characters, for a message.</summary>
        /// <summary>
        /// The shortest part of the chain that is already the whole scaling: <c>(x − mean) / std</c>, not a clamp, weight
        /// or unit applied to it afterwards, and not <c>x − mean</c> alone when the division by std follows.
        /// </summary>
        private (ArithmeticChain Chain, string Evidence)? Reportable(ArithmeticChain full, FeatureBinding binding)
        {
            var judged = new List<(ArithmeticChain Chain, string Evidence, int Matched)>();
            foreach (ArithmeticChain part in full.ShortestFirst())
            {
                if (Evidence.Judge(part, binding, this) is { } evidence)
                {
                    judged.Add((part, evidence, Evidence.MatchedConstants(part, binding)));
                }
            }

            if (judged.Count == 0)
            {
                return null;
            }

            int most = judged.Max(j => j.Matched);
            var first = judged.First(j => j.Matched == most);
            return (first.Chain, first.Evidence);
        }

        public static string Collapse(string text)
        {
            var builder = new StringBuilder(Math.Min(text.Length, 130));
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
                if (builder.Length > 120)
                {
                    return builder.ToString(0, 117) + "...";
                }
            }

            return builder.ToString();
        }

        private static ExpressionSyntax? Returned(ArrowExpressionClauseSyntax? arrow, BlockSyntax? body) =>
            arrow?.Expression ?? (body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);

        private FeatureBinding? Binding(ISymbol member, CancellationToken cancellationToken)
        {
            if (_members.TryGetValue(member, out FeatureBinding? known))
            {
                return known;
            }

            FeatureBinding? binding = Bind(member, cancellationToken);
            if (_members.TryAdd(member, binding) && binding is not null)
            {
                Work?.MemberBound();
            }

            return binding;
        }

        /// <summary>Scaled members are numbers: a string, collection or object member is let go before any lookup.</summary>
        private static bool IsNumeric(ISymbol member)
        {
            ITypeSymbol? type = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type is not null && (type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double);
        }

        /// <summary>Only this compilation and assemblies that reference NormGuard can declare a feature set, so the
        /// attributes of System.* types are never decoded here.</summary>
        private bool MayDeclareFeatureSets(IAssemblySymbol assembly) =>
            SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly) ||
            _assemblies.GetOrAdd(assembly, a => SymbolEqualityComparer.Default.Equals(a, _featureSetAttribute.ContainingAssembly) ||
                                               a.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => SymbolEqualityComparer.Default.Equals(r, _featureSetAttribute.ContainingAssembly))));

        private FeatureBinding? Bind(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.ContainingType?.OriginalDefinition is not { } type || type.ContainingAssembly is not { } assembly || !MayDeclareFeatureSets(assembly) ||
                _state.Describe(type, _featureSetAttribute, cancellationToken) is not { } described)
            {
                return null;
            }

            MemberSpec? spec = described.Spec.Members.FirstOrDefault(m => m.Name == member.Name);
            if (spec is null || !spec.IsFeature || !spec.Steps.Any(s => Array.IndexOf(ScalingSteps, s.Kind) >= 0))
            {
                return null;
            }

            // No manifest (NG0001/NG0002) means no parameters: nothing to tell a normalization from a conversion.
            ManifestLookupResult lookup = _state.Lookup(described.Spec);
            FeatureData? feature = lookup.File?.Result.Manifest?.Features.FirstOrDefault(f => f.Name == spec.FeatureName);
            if (feature is null)
            {
                return null;
            }

            IReadOnlyList<FeatureParameter> parameters = FeatureParameter.Of(feature);
            IReadOnlyList<WholeStep> steps = WholeStep.Of(feature);
            return parameters.Count == 0 && steps.Count == 0 ? null : new FeatureBinding(feature.Name, type.Name, ManifestLookup.FileName(lookup.File!.Path), parameters, steps, FeatureParameter.GenericOffsets(feature));
        }
    }
}
