using System;
using System.Globalization;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>
/// How many inputs the fuzz properties try. CI runs a bounded slice (the defaults: well under a minute on the 2-core
/// build machine); a long run sets the environment variables, e.g.
/// <c>NORMGUARD_FUZZ_ITERATIONS=20000 NORMGUARD_FUZZ_PARSER_ITERATIONS=1000000</c>.
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Inputs run through the whole generator and every analyzer (and the runtime parser), per property.</summary>
    public static long GeneratorInputs => Read("NORMGUARD_FUZZ_ITERATIONS", 150);

    /// <summary>Inputs run through the runtime parser and the shared reader alone, per property.</summary>
    public static long ParserInputs => Read("NORMGUARD_FUZZ_PARSER_ITERATIONS", 10_000);

    /// <summary>A fixed CsCheck seed replays one failure (CsCheck prints it when a property fails).</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("NORMGUARD_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    private static long Read(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : fallback;
}
