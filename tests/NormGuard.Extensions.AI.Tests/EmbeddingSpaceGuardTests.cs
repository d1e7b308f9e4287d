using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace NormGuard.Extensions.AI.Tests;

/// <summary>
/// The guard as Microsoft.Extensions.AI middleware and the checks of one <see cref="Embedding{T}"/>, with a real generator
/// (<see cref="CharacterEmbeddingGenerator"/>) behind a real <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/>
/// pipeline. Outcomes were decided from the space before running: same model and 384 values pass unchanged; another model,
/// another length, no model id anywhere, or (after the steps) a norm other than 1 throw naming the embedding's index.
/// </summary>
public sealed class EmbeddingSpaceGuardTests
{
    private const string MiniLM = "sentence-transformers/all-MiniLM-L6-v2";

    private static readonly EmbeddingSpace Space = new("docs-minilm", MiniLM, null, 384, 384, "l2", isUnitLength: true, sha256: new string('a', 64));

    private static IEmbeddingGenerator<string, Embedding<float>> Guarded(IEmbeddingGenerator<string, Embedding<float>> inner, Action<EmbeddingSpaceGuardEmbeddingGenerator<string>>? configure = null) =>
        inner.AsBuilder().UseEmbeddingSpaceGuard(Space, configure).Build();

    [Fact]
    public async Task Embeddings_of_the_spaces_model_and_dimension_pass_through_unchanged()
    {
        var inner = new CharacterEmbeddingGenerator(384, MiniLM);

        GeneratedEmbeddings<Embedding<float>> embeddings = await Guarded(inner).GenerateAsync(["What is AI?", "What is .NET?"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(inner.Embed("What is .NET?"), embeddings[1].Vector.ToArray());
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task An_embedding_of_another_model_is_rejected_with_the_space_the_expected_and_the_found_model()
    {
        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(new CharacterEmbeddingGenerator(384, "BAAI/bge-small-en-v1.5")).GenerateAsync(["a", "b"]));

        Assert.Equal(EmbeddingSpaceMismatch.Model, error.Mismatch);
        Assert.Equal(("docs-minilm", MiniLM, "BAAI/bge-small-en-v1.5"), (error.Space, error.Expected, error.Found));
        Assert.StartsWith("Embedding 0 of the batch: Embedding space 'docs-minilm'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedding_of_another_dimension_is_rejected()
    {
        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(new CharacterEmbeddingGenerator(512, MiniLM)).GenerateAsync(["a"]));

        Assert.Equal(EmbeddingSpaceMismatch.Dimension, error.Mismatch);
        Assert.Equal(("384 values", "512 values"), (error.Expected, error.Found));
    }

    [Fact]
    public async Task Without_a_model_id_on_the_embedding_the_generators_metadata_names_the_model()
    {
        await Guarded(new CharacterEmbeddingGenerator(384, embeddingModel: null, metadataModel: MiniLM)).GenerateAsync(["a"]);

        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(new CharacterEmbeddingGenerator(384, null, metadataModel: "text-embedding-3-small")).GenerateAsync(["a"]));
        Assert.Equal("text-embedding-3-small", error.Found);
    }

    [Fact]
    public async Task The_requests_model_id_comes_before_the_metadata_default()
    {
        var inner = new CharacterEmbeddingGenerator(384, embeddingModel: null, metadataModel: MiniLM);

        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(inner).GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "other-model" }));

        Assert.Equal("other-model", error.Found);
    }

    [Fact]
    public async Task When_nothing_names_the_model_the_embedding_is_rejected_not_passed()
    {
        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(new CharacterEmbeddingGenerator(384, null, null)).GenerateAsync(["a"]));

        Assert.Equal(EmbeddingSpaceMismatch.Model, error.Mismatch);
        Assert.Equal("no model id", error.Found);
    }

    [Fact]
    public async Task At_the_normalized_stage_the_one_unnormalized_embedding_of_a_batch_is_named_by_its_index()
    {
        var inner = new CharacterEmbeddingGenerator(384, MiniLM, unitLength: true);
        inner.LeaveRaw.Add("second");

        var error = await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(inner, g => g.Stage = EmbeddingSpaceStage.Normalized).GenerateAsync(["first", "second", "third"]));

        Assert.Equal(EmbeddingSpaceMismatch.Norm, error.Mismatch);
        Assert.StartsWith("Embedding 1 of the batch: ", error.Message, StringComparison.Ordinal);
        // "second": s, e, c, o, n, d are 6 distinct characters once each, so its raw norm is sqrt(6).
        Assert.Equal("a norm of " + MathF.Sqrt(6f).ToString("R", System.Globalization.CultureInfo.InvariantCulture), error.Found);
    }

    [Fact]
    public async Task At_the_normalized_stage_unit_vectors_pass_and_the_input_stage_ignores_the_norm()
    {
        var inner = new CharacterEmbeddingGenerator(384, MiniLM, unitLength: true);
        await Guarded(inner, g => g.Stage = EmbeddingSpaceStage.Normalized).GenerateAsync(["first", "second", "third"]);

        var raw = new CharacterEmbeddingGenerator(384, MiniLM, unitLength: false);
        await Guarded(raw).GenerateAsync(["first", "second", "third"]);
    }

    [Fact]
    public async Task A_configured_norm_tolerance_is_used()
    {
        var inner = new CharacterEmbeddingGenerator(384, MiniLM, unitLength: false);

        // "aa" counts 'a' twice: norm 2, one away from 1.
        await Assert.ThrowsAsync<EmbeddingSpaceException>(() => Guarded(inner, g => { g.Stage = EmbeddingSpaceStage.Normalized; g.NormTolerance = 0.5f; }).GenerateAsync(["aa"]));
        await Guarded(inner, g => { g.Stage = EmbeddingSpaceStage.Normalized; g.NormTolerance = 1.5f; }).GenerateAsync(["aa"]);
    }

    [Fact]
    public void The_guard_is_found_in_the_pipeline_like_other_middleware()
    {
        IEmbeddingGenerator<string, Embedding<float>> pipeline = Guarded(new CharacterEmbeddingGenerator(384, MiniLM));

        var guard = pipeline.GetService<EmbeddingSpaceGuardEmbeddingGenerator<string>>();

        Assert.NotNull(guard);
        Assert.Same(Space, guard.Space);
        Assert.Equal(EmbeddingSpaceStage.Input, guard.Stage);
    }

    [Fact]
    public void One_embedding_is_checked_with_its_ModelId()
    {
        var embedding = new Embedding<float>(new float[384]) { ModelId = MiniLM };
        Space.CheckInput(embedding);
        Space.CheckNormalized(embedding); // the zero vector: the l2 step leaves it zero

        var unset = new Embedding<float>(new float[384]);
        Assert.Equal(EmbeddingSpaceMismatch.Model, Assert.Throws<EmbeddingSpaceException>(() => Space.CheckInput(unset)).Mismatch);

        var longer = new Embedding<float>(new float[385]) { ModelId = MiniLM };
        Assert.Equal(EmbeddingSpaceMismatch.Dimension, Assert.Throws<EmbeddingSpaceException>(() => Space.Check(longer, EmbeddingSpaceStage.Normalized)).Mismatch);

        float[] twice = new float[384];
        twice[0] = 2f;
        var scaled = new Embedding<float>(twice) { ModelId = MiniLM };
        Space.CheckInput(scaled);
        Assert.Equal(EmbeddingSpaceMismatch.Norm, Assert.Throws<EmbeddingSpaceException>(() => Space.CheckNormalized(scaled)).Mismatch);
        Space.CheckNormalized(scaled, normTolerance: 1f);
    }
}
