using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0003 in its three forms: the version pin, bindings across assemblies, and the model artifact.</summary>
public sealed class VersionMismatchTests
{
    private const string Manifest = "houses.normguard.json";

    private static string Record(string arguments = "", string name = "House", string prelude = "") => $$"""
        using NormGuard;
        {{prelude}}
        [FeatureSet("houses"{{arguments}})]
        public partial record struct {{name}}([property: ZScore] double Area, [property: MinMax] double Rooms);
        """;

    // ---- Form 1: the version pin ------------------------------------------------------------------------------------

    [Fact]
    public Task A_pin_that_differs_from_the_manifest_version_is_reported_at_the_pin() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", {|NG0003:Version = 2|}"), (Manifest, Houses.Manifest(3)));

    [Fact]
    public Task A_pin_equal_to_the_manifest_version_is_fine() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", Version = 3"), (Manifest, Houses.Manifest(3)));

    [Fact]
    public Task No_pin_is_fine() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(), (Manifest, Houses.Manifest(3)));

    [Fact]
    public Task A_pin_without_a_readable_manifest_is_left_to_NG0001_and_NG0002()
    {
        // No manifest at all (NG0001), and a manifest that cannot be read (NG0002): the generator reports those.
        return Task.WhenAll(
            Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", Version = 2")),
            Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", Version = 2"), (Manifest, "{ \"format\": ")));
    }

    [Fact]
    public async Task The_pin_diagnostic_carries_the_manifest_version_for_the_code_fix()
    {
        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Version = 2"), Text(Manifest, Houses.Manifest(3))));

        Assert.Equal("Version = 2", ng0003.Location.SourceTree!.GetText().ToString(ng0003.Location.SourceSpan));
        Assert.Equal("3", ng0003.Properties[VersionMismatchAnalyzer.ManifestVersionProperty]);
        Assert.Equal("pin", ng0003.Properties[VersionMismatchAnalyzer.FormProperty]);
        Assert.Equal(
            "Feature set 'houses': the code pins Version = 2 but manifest 'houses.normguard.json' is version 3 (sha256 " + Houses.Sha256(3)[..12] +
            "): the parameters changed since the code was written against them; review the refit (normguard diff) and set Version = 3, or bind the manifest the pin names",
            ng0003.GetMessage());
    }

    // ---- Form 2: bindings across assemblies (the generator is simulated by hand-written attributes here; ---------------
    // ---- MultiAssemblyTests runs the real generator on real libraries) -------------------------------------------------

    private static string Binding(int version) =>
        $"[assembly: NormGuard.FeatureSetBinding(\"houses\", {version}, \"{Houses.Sha256(version)}\")]";

    [Fact]
    public Task A_referenced_library_that_binds_another_version_is_reported_at_this_projects_declaration()
    {
        CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test = Verify<VersionMismatchAnalyzer>.Test(
            Record(name: "{|NG0003:House|}", prelude: Binding(3)),
            (Manifest, Houses.Manifest(3)));
        AddLibrary(test, "Houses.Training", Binding(2));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Two_libraries_that_bind_different_versions_are_reported_for_the_compilation()
    {
        CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test = Verify<VersionMismatchAnalyzer>.Test("public static class Program { }");
        AddLibrary(test, "Houses.Training", Binding(2));
        AddLibrary(test, "Houses.Serving", Binding(3));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0003", DiagnosticSeverity.Error).WithArguments(
            "houses",
            "the assemblies of this build bind different manifests of it: Houses.Serving binds v3 (sha256 " + Houses.Sha256(3)[..12] + "), Houses.Training binds v2 (sha256 " + Houses.Sha256(2)[..12] +
            "); a model trained through one and served through another sees features scaled with other parameters: build every assembly against the same manifest"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Libraries_and_project_that_bind_the_same_manifest_are_fine()
    {
        CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test = Verify<VersionMismatchAnalyzer>.Test(Record(prelude: Binding(3)), (Manifest, Houses.Manifest(3)));
        AddLibrary(test, "Houses.Training", Binding(3));
        AddLibrary(test, "Houses.Serving", Binding(3));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_library_that_binds_another_feature_set_is_not_a_conflict()
    {
        CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test = Verify<VersionMismatchAnalyzer>.Test(Record(prelude: Binding(3)), (Manifest, Houses.Manifest(3)));
        AddLibrary(test, "Flats.Training", $"[assembly: NormGuard.FeatureSetBinding(\"flats\", 1, \"{Houses.Sha256(1, featureSet: "flats")}\")]");
        return test.RunAsync(CancellationToken.None);
    }

    private static void AddLibrary(CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test, string name, string source)
    {
        ProjectState library = test.TestState.AdditionalProjects[name];
        library.Sources.Add(("Library.cs", source));
        library.AdditionalReferences.Add(typeof(FeatureSetAttribute).Assembly);
        test.TestState.AdditionalProjectReferences.Add(name);
    }

    // ---- Form 3: the model artifact -------------------------------------------------------------------------------------

    /// <summary>
    /// <c>price.onnx</c> as the onnx package writes it (257 bytes; not valid UTF-8 because of the float weights, no NUL
    /// pairs), bound to <c>Houses.Manifest(3)</c>. Made with /usr/bin/python3 and Debian's python3-onnx 1.12 by:
    /// <code>
    /// import base64, hashlib, json
    /// import numpy as np
    /// import onnx
    /// from onnx import helper, TensorProto
    ///
    /// manifest = {"format": "normguard.manifest/1", "featureSet": "houses", "version": 3, "profile": "normguard",
    ///             "fit": {"split": "train", "rows": 4},
    ///             "features": [{"name": "Area", "steps": [{"op": "zscore", "mean": 82.5, "std": 37.5}]},
    ///                          {"name": "Rooms", "steps": [{"op": "minmax", "min": 1, "max": 4}]}]}
    /// # RFC 8785 for this content (integers, short decimals, ASCII strings) is Python's sorted compact JSON.
    /// sha256 = hashlib.sha256(json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()
    ///
    /// x = helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])
    /// y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, 1])
    /// w = helper.make_tensor("W", TensorProto.FLOAT, [2, 1], np.array([[0.6], [0.3]], dtype=np.float32).tobytes(), raw=True)
    /// graph = helper.make_graph([helper.make_node("MatMul", ["X", "W"], ["Y"])], "price", [x], [y], [w])
    /// model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_price_onnx.py")
    /// model.ir_version = 8
    /// onnx.helper.set_model_props(model, {"normguard.featureSet": "houses", "normguard.sha256": sha256, "normguard.version": "3"})
    /// onnx.checker.check_model(model)
    /// print(base64.b64encode(model.SerializeToString()).decode("ascii"))
    /// </code>
    /// </summary>
    private const string PythonOnnx =
        "CAgSEm1ha2VfcHJpY2Vfb25ueC5weTpVChEKAVgKAVcSAVkiBk1hdE11bBIFcHJpY2UqEwgCCAEQAUIBV0oImpkZP5qZmT5aEQoBWBIMCgoIARIGCgAK" +
        "AggCYhEKAVkSDAoKCAESBgoACgIIAUIECgAQEXIeChRub3JtZ3VhcmQuZmVhdHVyZVNldBIGaG91c2VzclQKEG5vcm1ndWFyZC5zaGEyNTYSQGM4YWZh" +
        "MzRmMWNkN2Q1Njc0NWQ1ZTY4N2YzMzZiYjY0MTNjZTFjYTNmMzA4YzlkNTgwYTEzYjRlNTQwOTgwZWJyFgoRbm9ybWd1YXJkLnZlcnNpb24SATM=";

    private const string PythonSha256 = "c8afa34f1cd7d56745d5e687f336bb6413ce1ca3f308c9d580a13b4e540980eb";

    [Fact]
    public void The_python_fixture_is_bound_to_the_test_manifest_and_reaches_analyzers_as_text()
    {
        // Python's hash of the manifest is NormGuard's hash: the same binding on both sides.
        Assert.Equal(PythonSha256, Houses.Sha256(3));

        byte[] bytes = Convert.FromBase64String(PythonOnnx);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        SourceText? text = CompilerText.Decode(bytes);
        Assert.NotNull(text);
        Assert.Contains('\uFFFD', text.ToString());
    }

    [Fact]
    public Task An_onnx_model_made_by_the_onnx_package_for_this_manifest_is_fine() =>
        MarkupAsync(Record(", Model = \"price.onnx\""), (Manifest, SourceText.From(Houses.Manifest(3))), ("price.onnx", DecodedByCompiler(Convert.FromBase64String(PythonOnnx))));

    [Fact]
    public Task An_onnx_model_trained_with_another_manifest_is_reported_at_the_model_argument() =>
        MarkupAsync(Record(", {|NG0003:Model = \"price.onnx\"|}"), (Manifest, SourceText.From(Houses.Manifest(4))), ("price.onnx", DecodedByCompiler(Convert.FromBase64String(PythonOnnx))));

    [Fact]
    public async Task The_model_mismatch_names_both_manifests()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(
            Record(", Model = \"models/price.onnx\""),
            Text("/proj/houses.normguard.json", Houses.Manifest(4)),
            new InMemoryAdditionalText("/proj/Models/Price.ONNX", CompilerText.Decode(Convert.FromBase64String(PythonOnnx))));

        Diagnostic ng0003 = Assert.Single(diagnostics);
        Assert.Equal("Model = \"models/price.onnx\"", ng0003.Location.SourceTree!.GetText().ToString(ng0003.Location.SourceSpan));
        Assert.Equal("model", ng0003.Properties[VersionMismatchAnalyzer.FormProperty]);
        Assert.Equal(
            "Feature set 'houses': model 'models/price.onnx' was trained with manifest v3, sha256 " + PythonSha256[..12] +
            " but this record binds 'houses.normguard.json' v4, sha256 " + Houses.Sha256(4)[..12] +
            ": the model would be fed features scaled with parameters it never saw; bind the manifest it was trained with, or retrain and re-export the model with this one",
            ng0003.GetMessage());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1252")]
    public async Task The_scan_reads_the_binding_however_the_compiler_decoded_the_bytes(string encoding)
    {
        // csc reads a file that is not valid UTF-8 with its fallback encoding: UTF-8 with U+FFFD replacement on Linux and
        // macOS, the ANSI code page (windows-1252) on Windows. The binding's framing is ASCII, so both decodings keep it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding decoding = encoding == "utf-8" ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses"), ("normguard.sha256", Houses.Sha256(3))], OnnxWriter.TextSafeWeights);

        Assert.Empty(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), new InMemoryAdditionalText("price.onnx", SourceText.From(model, model.Length, decoding))));
        Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(2)), new InMemoryAdditionalText("price.onnx", SourceText.From(model, model.Length, decoding))));
    }

    [Fact]
    public Task A_valid_utf8_model_with_NUL_bytes_is_read()
    {
        // 0.5f and 2f are 00 00 00 3F and 00 00 00 40: NUL pairs, but valid UTF-8, which the compiler decodes without its binary check.
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses"), ("normguard.sha256", Houses.Sha256(3))], OnnxWriter.Floats(0.5f, 2f));
        Assert.Contains("\0\0", CompilerText.Decode(model)!.ToString(), StringComparison.Ordinal);
        return MarkupAsync(Record(", Model = \"price.onnx\""), (Manifest, SourceText.From(Houses.Manifest(3))), ("price.onnx", DecodedByCompiler(model)));
    }

    [Fact]
    public Task A_model_for_another_feature_set_is_reported()
    {
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "flats"), ("normguard.sha256", Houses.Sha256(3))], OnnxWriter.TextSafeWeights);
        return MarkupAsync(Record(", {|NG0003:Model = \"price.onnx\"|}"), (Manifest, SourceText.From(Houses.Manifest(3))), ("price.onnx", DecodedByCompiler(model)));
    }

    [Fact]
    public async Task A_model_without_NormGuard_metadata_is_not_trusted()
    {
        byte[] model = OnnxWriter.Model([("author", "data-science"), ("license", "MIT")], OnnxWriter.TextSafeWeights);

        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), new InMemoryAdditionalText("price.onnx", CompilerText.Decode(model))));
        Assert.Contains("model 'price.onnx' cannot be checked, so it is not trusted: its metadata_props carry no NormGuard binding", ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_count_only_as_model_metadata_not_as_text_elsewhere_in_the_model()
    {
        // The doc string quotes the exact key/value bytes of an entry: without the ModelProto.metadata_props framing
        // ('r', entry length) around it, it is not a binding.
        string quoted = "\n\u0010normguard.sha256\u0012@" + Houses.Sha256(3);
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses")], OnnxWriter.TextSafeWeights, docString: "stamped with " + quoted);

        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), new InMemoryAdditionalText("price.onnx", CompilerText.Decode(model))));
        Assert.Contains("its 'normguard.sha256' entry cannot be read", ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("c8afa34f1cd7d56745d5e687f336bb6413ce1ca3f308c9d580a13b4e540980e")]
    [InlineData("g8afa34f1cd7d56745d5e687f336bb6413ce1ca3f308c9d580a13b4e540980eb")]
    public async Task A_sha256_that_is_not_64_hex_digits_is_not_trusted(string sha256)
    {
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses"), ("normguard.sha256", sha256)], OnnxWriter.TextSafeWeights);

        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), new InMemoryAdditionalText("price.onnx", CompilerText.Decode(model))));
        Assert.Contains("its 'normguard.sha256' entry is \"" + sha256 + "\", not 64 hexadecimal digits", ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uppercase_hex_and_a_long_feature_set_name_are_read()
    {
        // A 110-byte name makes the entry longer than 127 bytes: its length is a two-byte varint.
        string name = "houses_" + new string('x', 103);
        string manifest = Houses.Manifest(3, featureSet: name);
        byte[] model = OnnxWriter.Model([("normguard.featureSet", name), ("normguard.sha256", Houses.Sha256(3, featureSet: name).ToUpperInvariant()), ("normguard.version", "3")], OnnxWriter.TextSafeWeights);
        string source = Record(", Model = \"price.onnx\"").Replace("\"houses\"", "\"" + name + "\"", StringComparison.Ordinal);

        Assert.Empty(await AnalyzeAsync(source, Text(name + ".normguard.json", manifest), new InMemoryAdditionalText("price.onnx", CompilerText.Decode(model))));
    }

    [Fact]
    public async Task A_binary_model_the_compiler_cannot_read_is_reported_with_the_way_out()
    {
        // Float weights with zeros: not UTF-8 and NUL pairs. csc refuses such a file (CS2015) and gives analyzers no text.
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses"), ("normguard.sha256", Houses.Sha256(3))], OnnxWriter.Floats(0f, 0.6f, 0f));
        Assert.Null(CompilerText.Decode(model));

        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), new InMemoryAdditionalText("price.onnx", (SourceText?)null)));
        Assert.Equal(
            "Feature set 'houses': model 'price.onnx' cannot be checked: the compiler cannot read it as text (CS2015: a model with weights is binary data); write its lock file 'price.onnx.lock.json' next to it when exporting it (ModelLock.Write, or the script in NG0003's docs) and list that as an AdditionalFile instead of the model",
            ng0003.GetMessage());
    }

    [Fact]
    public async Task The_lock_file_next_to_a_model_is_read_instead_of_the_model()
    {
        // The binary model may stay among the AdditionalFiles: with its lock file present it is never read (no CS2015).
        var model = new CountingAdditionalText("models/price.onnx");
        Assert.Empty(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3)), model, Text("models/price.onnx.lock.json", LockFile(Houses.Sha256(3)))));
        Assert.Equal(0, model.Reads);

        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(4)), model, Text("models/price.onnx.lock.json", LockFile(Houses.Sha256(3)))));
        Assert.StartsWith("Feature set 'houses': model 'price.onnx' (lock file 'price.onnx.lock.json') was trained with manifest v3, sha256 ", ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public Task A_lock_file_for_this_manifest_is_fine() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", Model = \"price.lock.json\""), (Manifest, Houses.Manifest(3)), ("price.lock.json", LockFile(Houses.Sha256(3))));

    [Fact]
    public Task A_lock_file_written_by_ModelLock_is_fine()
    {
        NormGuard.Manifest manifest = NormGuard.Manifest.Parse(Houses.Manifest(3));
        return Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", Model = \"price.onnx\""), (Manifest, Houses.Manifest(3)), ("price.onnx.lock.json", ModelLock.ToJson(manifest)));
    }

    [Fact]
    public Task A_lock_file_for_another_manifest_is_reported() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", {|NG0003:Model = \"price.lock.json\"|}"), (Manifest, Houses.Manifest(3)), ("price.lock.json", LockFile(Houses.Sha256(2), version: 2)));

    [Theory]
    [InlineData("{ \"featureSet\": \"houses\", \"sha256\": ", "it is not valid JSON at line 1, column 37")]
    [InlineData("[1, 2]", "a lock file is a JSON object")]
    [InlineData("{ \"featureSet\": \"houses\" }", "its \"sha256\" must be the manifest's hash, 64 hexadecimal digits, and is missing")]
    [InlineData("{ \"sha256\": \"SHA\" }", "its \"featureSet\" must be a non-empty string and is missing")]
    [InlineData("{ \"featureSet\": \"houses\", \"sha256\": \"abc\" }", "its \"sha256\" must be the manifest's hash, 64 hexadecimal digits, found \"abc\"")]
    [InlineData("{ \"format\": \"normguard.lock/2\", \"featureSet\": \"houses\", \"sha256\": \"SHA\" }", "its \"format\" must be \"normguard.lock/1\", found \"normguard.lock/2\"")]
    [InlineData("{ \"featureSet\": \"houses\", \"version\": 2.5, \"sha256\": \"SHA\" }", "its \"version\" must be a positive integer, found")]
    [InlineData("{}", "it has neither \"featureSet\" nor \"sha256\"")]
    public async Task An_unreadable_lock_file_is_not_trusted(string json, string problem)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(
            Record(", Model = \"price.lock.json\""),
            Text(Manifest, Houses.Manifest(3)),
            Text("price.lock.json", json.Replace("SHA", Houses.Sha256(3), StringComparison.Ordinal)));

        Diagnostic ng0003 = Assert.Single(diagnostics);
        Assert.Contains("Feature set 'houses': model lock file 'price.lock.json' cannot be checked, so it is not trusted: " + problem, ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_missing_from_the_additional_files_is_reported()
    {
        Diagnostic ng0003 = Assert.Single(await AnalyzeAsync(Record(", Model = \"price.onnx\""), Text(Manifest, Houses.Manifest(3))));

        Assert.Equal(
            "Feature set 'houses': neither model 'price.onnx' nor its lock file 'price.onnx.lock.json' is among the AdditionalFiles, so the build cannot check which manifest the model was trained with: add <AdditionalFiles Include=\"price.onnx.lock.json\" /> (written with the model, see NG0003's docs) or <AdditionalFiles Include=\"price.onnx\" />",
            ng0003.GetMessage());
    }

    [Fact]
    public Task An_ambiguous_model_name_is_reported_and_a_directory_resolves_it()
    {
        byte[] model = OnnxWriter.Model([("normguard.featureSet", "houses"), ("normguard.sha256", Houses.Sha256(3))], OnnxWriter.TextSafeWeights);
        SourceText text = DecodedByCompiler(model);
        return Task.WhenAll(
            MarkupAsync(Record(", {|NG0003:Model = \"price.onnx\"|}"), (Manifest, SourceText.From(Houses.Manifest(3))), ("/m/a/price.onnx", text), ("/m/b/price.onnx", text)),
            MarkupAsync(Record(", Model = \"a/price.onnx\""), (Manifest, SourceText.From(Houses.Manifest(3))), ("/m/a/price.onnx", text), ("/m/b/price.onnx", text)));
    }

    [Fact]
    public Task An_empty_model_name_is_reported() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(Record(", {|NG0003:Model = \"\"|}"), (Manifest, Houses.Manifest(3)));

    [Fact]
    public Task Pin_and_model_are_reported_separately() =>
        Verify<VersionMismatchAnalyzer>.AnalyzerAsync(
            Record(", {|NG0003:Version = 2|}, {|NG0003:Model = \"price.lock.json\"|}"),
            (Manifest, Houses.Manifest(3)),
            ("price.lock.json", LockFile(Houses.Sha256(2), version: 2)));

    // ---- helpers --------------------------------------------------------------------------------------------------------

    private static string LockFile(string sha256, int version = 3) =>
        $$"""{ "featureSet": "houses", "version": {{version}}, "sha256": "{{sha256}}", "model": "price.onnx" }""";

    private static InMemoryAdditionalText Text(string path, string text) => new(path, text);

    /// <summary>Markup test with AdditionalFiles given as text the compiler decoded (Verify takes strings only).</summary>
    private static Task MarkupAsync(string source, params (string Path, SourceText Text)[] additionalFiles)
    {
        CSharpAnalyzerTest<VersionMismatchAnalyzer, DefaultVerifier> test = Verify<VersionMismatchAnalyzer>.Test(source);
        foreach ((string path, SourceText text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        return test.RunAsync(CancellationToken.None);
    }

    private static SourceText DecodedByCompiler(byte[] bytes) =>
        CompilerText.Decode(bytes) ?? throw new InvalidOperationException("the compiler would not read these bytes as text");

    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, params AdditionalText[] additionalFiles) =>
        RoslynHost.AnalyzeAsync(RoslynHost.Compile("App", [], source), new VersionMismatchAnalyzer(), additionalFiles);

    /// <summary>A binary AdditionalFile that counts how often an analyzer asks for its text (each ask is a CS2015 in csc).</summary>
    private sealed class CountingAdditionalText(string path) : AdditionalText
    {
        private int _reads;

        public int Reads => _reads;

        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return null;
        }
    }
}

/// <summary>
/// What the command-line compiler hands analyzers for an AdditionalFile's bytes. csc reads every source and additional
/// file with <c>EncodedStringText.Create</c> (internal, so called by reflection): strict UTF-8 first; bytes that are not
/// UTF-8 are decoded with the fallback encoding (UTF-8 with U+FFFD replacement on Unix, the ANSI code page on Windows)
/// unless the result contains two NUL characters in a row, which makes it a binary file: csc reports CS2015 and the
/// analyzer gets no text (null).
/// </summary>
internal static class CompilerText
{
    private static readonly MethodInfo Create = typeof(SourceText).Assembly
        .GetType("Microsoft.CodeAnalysis.Text.EncodedStringText", throwOnError: true)!
        .GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
        .Single(m => m.Name == "Create" && m.GetParameters() is [{ ParameterType: var stream }, { ParameterType: var encoding }, ..] && stream == typeof(Stream) && encoding == typeof(Encoding));

    public static SourceText? Decode(byte[] bytes)
    {
        object?[] arguments = Create.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        arguments[0] = new MemoryStream(bytes);
        arguments[1] = null;
        try
        {
            return (SourceText)Create.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidDataException)
        {
            return null;
        }
    }
}

/// <summary>A minimal protobuf writer for ONNX <c>ModelProto</c>s: ir_version, a graph with one initializer, an opset and
/// <c>metadata_props</c>, fields in number order as every protobuf serializer writes them.</summary>
internal static class OnnxWriter
{
    /// <summary>Float weights whose bytes are not UTF-8 (0x9A is a lone continuation byte) and hold no NUL pair.</summary>
    public static readonly byte[] TextSafeWeights = Floats(0.6f, 0.3f);

    public static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Model(IEnumerable<(string Key, string Value)> metadata, byte[] weights, string? docString = null)
    {
        var model = new Proto();
        model.Varint(1, 8);                                   // ir_version
        model.String(2, "OnnxWriter");                        // producer_name
        if (docString is not null)
        {
            model.String(6, docString);                       // doc_string
        }

        model.Message(7, graph =>                             // graph
        {
            graph.String(2, "price");                         // name
            graph.Message(5, tensor =>                        // initializer
            {
                tensor.Varint(1, (ulong)(weights.Length / 4)); // dims
                tensor.Varint(2, 1);                          // data_type FLOAT
                tensor.String(8, "W");                        // name
                tensor.Bytes(9, weights);                     // raw_data
            });
        });
        model.Message(8, opset => opset.Varint(2, 17));       // opset_import { version: 17 }
        foreach ((string key, string value) in metadata)
        {
            model.Message(14, entry =>                        // metadata_props
            {
                entry.String(1, key);
                entry.String(2, value);
            });
        }

        return model.ToArray();
    }

    private sealed class Proto
    {
        private readonly List<byte> _bytes = [];

        public void Varint(int field, ulong value)
        {
            Raw((ulong)(field << 3));
            Raw(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Raw((ulong)((field << 3) | 2));
            Raw((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public void Message(int field, Action<Proto> write)
        {
            var inner = new Proto();
            write(inner);
            Bytes(field, inner.ToArray());
        }

        public byte[] ToArray() => [.. _bytes];

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
