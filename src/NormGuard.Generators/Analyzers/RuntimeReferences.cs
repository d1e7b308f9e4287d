using System;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>Which referenced assemblies can carry NormGuard's assembly-level bindings (FeatureSetBinding, EmbeddingSpaceBinding).</summary>
    internal static class RuntimeReferences
    {
        /// <summary>Only an assembly compiled against the runtime can carry a binding; the rest (the framework) are
        /// skipped without decoding their attributes.</summary>
        public static bool IsCompiledAgainst(IAssemblySymbol assembly, string runtime)
        {
            foreach (IModuleSymbol module in assembly.Modules)
            {
                foreach (AssemblyIdentity identity in module.ReferencedAssemblies)
                {
                    if (string.Equals(identity.Name, runtime, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
