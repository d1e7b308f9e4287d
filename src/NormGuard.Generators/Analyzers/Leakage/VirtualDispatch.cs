using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Calls through an interface or an abstract method of the compilation (<c>_scaler.Fit(rows)</c> with an injected
    /// <c>IScaler</c>): the call does what every implementation in the compilation does. An effect that only some of them
    /// have is left out, since the one wired in may be another; an implementation outside the compilation is not seen.
    /// </summary>
    internal static class VirtualDispatch
    {
        /// <summary>Each interface or abstract method of the compilation (by summary key) with the methods of the
        /// compilation that implement or override it.</summary>
        public static Dictionary<IMethodSymbol, List<IMethodSymbol>> Implementations(IEnumerable<IMethodSymbol> methods, IAssemblySymbol assembly)
        {
            var map = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var seenTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (IMethodSymbol method in methods)
            {
                if (method.IsStatic || method.ContainingType is not { } type)
                {
                    continue;
                }

                for (IMethodSymbol? overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (overridden.IsAbstract && InCompilation(overridden, assembly))
                    {
                        Add(map, SummaryTable.Key(overridden), SummaryTable.Key(method));
                    }
                }

                if (!seenTypes.Add(type.OriginalDefinition))
                {
                    continue;
                }

                foreach (INamedTypeSymbol contract in type.AllInterfaces)
                {
                    if (!InCompilation(contract, assembly))
                    {
                        continue;
                    }

                    foreach (IMethodSymbol member in contract.GetMembers().OfType<IMethodSymbol>())
                    {
                        if (member.IsAbstract && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                            && InCompilation(implementation, assembly) && !implementation.IsAbstract)
                        {
                            Add(map, SummaryTable.Key(member), SummaryTable.Key(implementation));
                        }
                    }
                }
            }

            return map;
        }

        /// <summary>Adds to <paramref name="target"/> the effects every implementation has; true when something is new.</summary>
        public static bool Merge(MethodSummary target, IMethodSymbol contract, List<IMethodSymbol> implementations, Func<IMethodSymbol, MethodSummary?> summaryOf)
        {
            var summaries = new List<MethodSummary>(implementations.Count);
            foreach (IMethodSymbol implementation in implementations)
            {
                if (summaryOf(implementation) is not { IsEmpty: false } summary)
                {
                    return false;
                }

                summaries.Add(summary);
            }

            bool changed = false;
            MethodSummary first = summaries[0];
            foreach (FitEffect fit in first.Fits.ToList())
            {
                if (!fit.Slot.IsParameter || fit.Needs >= 0 || fit.Slot.Ordinal >= contract.Parameters.Length
                    || !summaries.All(s => s.Fits.Any(f => f.Slot.Equals(fit.Slot) && f.Needs < 0)))
                {
                    continue;
                }

                bool whole = summaries.All(s => s.Fits.Any(f => f.Slot.Equals(fit.Slot) && f.Needs < 0 && f.Whole));
                var path = new List<string>(fit.Path.Count + 1) { first.Method.ContainingType?.Name + "." + first.Method.Name };
                path.AddRange(fit.Path);
                changed |= target.Add(new FitEffect(Slot.Parameter(contract.Parameters[fit.Slot.Ordinal]), fit.Kind, whole, fit.Site, path));
            }

            if (target.SplitHelper is null && summaries.All(s => s.SplitHelper is not null))
            {
                target.SplitHelper = "in " + first.Method.ContainingType?.Name + ": " + first.SplitHelper;
                changed = true;
            }

            if (target.Normalizer is null && summaries.All(s => s.Normalizer is not null))
            {
                target.Normalizer = "in " + first.Method.ContainingType?.Name + ": " + first.Normalizer;
                changed = true;
            }

            if (target.FittedData is null && summaries.All(s => s.FittedData is not null))
            {
                target.FittedData = first.FittedData;
                changed = true;
            }

            return changed;
        }

        private static bool InCompilation(ISymbol symbol, IAssemblySymbol assembly) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, assembly);

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> map, IMethodSymbol contract, IMethodSymbol implementation)
        {
            if (!map.TryGetValue(contract, out List<IMethodSymbol>? list))
            {
                list = new List<IMethodSymbol>();
                map.Add(contract, list);
            }

            if (!list.Contains(implementation, SymbolEqualityComparer.Default))
            {
                list.Add(implementation);
            }
        }
    }
}
