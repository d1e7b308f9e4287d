using System;
using System.Diagnostics;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the manifest reader (issue 7): generated manifests, mutated and raw, through the runtime
/// parser (many inputs, cheap) and through the generator plus every analyzer (fewer, a compilation each). Budgets come
/// from <see cref="FuzzBudget"/>; every test prints how many inputs it tried and how long it took.
/// </summary>
public sealed class ManifestFuzzTests(ITestOutputHelper output)
{
    /// <summary>A mutated case: the model, how many tree and text edits, and the seed of the edits.</summary>
    private static readonly Gen<(ManifestModel Model, int TreeEdits, int TextEdits, int Seed)> Mutated =
        Gen.Select(ModelGen.Model, Gen.Int[0, 3], Gen.Frequency((3, Gen.Const(0)), (2, Gen.Int[1, 2])), Gen.Int);

    /// <summary>JSON-ish text with no model behind it: tokens, punctuation and junk in any order.</summary>
    private static readonly Gen<string> RawText = Gen.Frequency(
        (3, Gen.OneOf(
                Gen.Const("{"), Gen.Const("}"), Gen.Const("["), Gen.Const("]"), Gen.Const(":"), Gen.Const(","), Gen.Const("\""),
                Gen.Const("\"format\""), Gen.Const("\"normguard.manifest/1\""), Gen.Const("\"features\""), Gen.Const("\"steps\""), Gen.Const("\"op\""),
                Gen.Const("NaN"), Gen.Const("-Infinity"), Gen.Const("1e999"), Gen.Const("-0"), Gen.Const("true"), Gen.Const("nul"), Gen.Const("\\u"),
                Gen.Const("\uFEFF"), Gen.Const("\uD800"), Gen.Const("\0"), Gen.Const(" "), Gen.Const("\r"), Gen.Const("\u2028"), Gen.Const("//"),
                Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            .Array[0, 60].Select(parts => string.Concat(parts))),
        (1, Gen.String));

    [Fact]
    public void Runtime_parser_accepts_or_throws_ManifestException_and_reads_valid_manifests_exactly()
    {
        long tried = 0;
        var clock = Stopwatch.StartNew();
        ModelGen.Model.Sample(
            model =>
            {
                string text = model.Text();
                (Manifest? manifest, ManifestException? failure) = ManifestOracle.Runtime(text);
                Assert.True(failure is null, "a manifest drawn from the format's model was refused: " + failure?.Message);
                ModelAssert.ReadExactly(model, manifest!);
                Interlocked.Increment(ref tried);
            },
            iter: FuzzBudget.ParserInputs / 4,
            seed: FuzzBudget.Seed);
        output.WriteLine($"{tried:N0} valid manifests read back exactly in {clock.ElapsedMilliseconds:N0} ms");
    }

    [Fact]
    public void Runtime_parser_never_throws_anything_but_ManifestException_on_mutated_or_raw_text()
    {
        long mutated = 0, raw = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        Mutated.Sample(
            (model, treeEdits, textEdits, seed) =>
            {
                string text = Mutator.Mutate(model, treeEdits, textEdits, new Random(seed));
                if (ManifestOracle.Runtime(text).Failure is not null)
                {
                    Interlocked.Increment(ref refused);
                }

                Interlocked.Increment(ref mutated);
            },
            iter: FuzzBudget.ParserInputs,
            seed: FuzzBudget.Seed);
        RawText.Sample(
            text =>
            {
                ManifestOracle.Runtime(text);
                Interlocked.Increment(ref raw);
            },
            iter: FuzzBudget.ParserInputs / 2,
            seed: FuzzBudget.Seed);
        output.WriteLine($"{mutated:N0} mutated manifests ({refused:N0} refused) and {raw:N0} raw texts in {clock.ElapsedMilliseconds:N0} ms");
    }

    [Fact]
    public void Generator_and_analyzers_never_crash_and_agree_with_the_runtime_on_mutated_manifests()
    {
        long tried = 0, unmutated = 0;
        var clock = Stopwatch.StartNew();
        Mutated.Sample(
            (model, treeEdits, textEdits, seed) =>
            {
                bool clean = treeEdits == 0 && textEdits == 0;
                string text = clean ? model.Text() : Mutator.Mutate(model, treeEdits, textEdits, new Random(seed));
                ManifestOracle.Generator(model, text, clean);
                Interlocked.Increment(ref tried);
                if (clean)
                {
                    Interlocked.Increment(ref unmutated);
                }
            },
            iter: FuzzBudget.GeneratorInputs,
            seed: FuzzBudget.Seed);
        output.WriteLine($"{tried:N0} manifests ({unmutated:N0} unmutated) through the generator and {ManifestOracle.Analyzers.Length} analyzers in {clock.ElapsedMilliseconds:N0} ms");
    }

    [Fact]
    public void Generator_and_analyzers_never_crash_on_raw_text()
    {
        long tried = 0;
        var clock = Stopwatch.StartNew();
        Gen.Select(ModelGen.Model, RawText).Sample(
            (model, text) =>
            {
                ManifestOracle.Generator(model, text, unmutated: false);
                Interlocked.Increment(ref tried);
            },
            iter: Math.Max(1, FuzzBudget.GeneratorInputs / 3),
            seed: FuzzBudget.Seed);
        output.WriteLine($"{tried:N0} raw texts through the generator and {ManifestOracle.Analyzers.Length} analyzers in {clock.ElapsedMilliseconds:N0} ms");
    }
}
