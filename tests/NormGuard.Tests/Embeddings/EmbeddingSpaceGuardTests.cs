using System;
using Xunit;

namespace NormGuard.Tests.Embeddings;

/// <summary>
/// The runtime guards of <see cref="EmbeddingSpace"/> on vectors that arrive from outside. Expected outcomes were written
/// from the space's definition before the guards ran: the native dimension for what a producer emits, the dimension after
/// the steps and a unit norm (or zero) for what a consumer receives.
/// </summary>
public sealed class EmbeddingSpaceGuardTests
{
    private const string MiniLM = "sentence-transformers/all-MiniLM-L6-v2";

    private static readonly EmbeddingSpace Docs = new("docs-minilm", MiniLM, "c9745ed1d9f207416be6d2e6f8de32d1f16199bf", 384, 384, "center, l2", isUnitLength: true, sha256: new string('a', 64));

    private static readonly EmbeddingSpace Matryoshka = new("docs-256", "nomic-ai/nomic-embed-text-v1.5", null, 768, 256, "truncate(256), l2", isUnitLength: true, sha256: new string('b', 64));

    private static readonly EmbeddingSpace Centered = new("docs-centered", MiniLM, null, 384, 384, "center", isUnitLength: false, sha256: new string('c', 64));

    [Fact]
    public void A_vector_of_the_native_dimension_from_the_spaces_model_passes_the_input_check()
    {
        float[] vector = EmbeddingVectors.Gaussian(384, seed: 1);

        Docs.CheckInput(vector);
        Docs.CheckInput(vector, MiniLM);
    }

    [Fact]
    public void An_input_of_another_length_names_the_space_the_expected_and_the_found_dimension()
    {
        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckInput(EmbeddingVectors.Gaussian(512, seed: 2), MiniLM));

        Assert.Equal(EmbeddingSpaceMismatch.Dimension, error.Mismatch);
        Assert.Equal("docs-minilm", error.Space);
        Assert.Equal("384 values", error.Expected);
        Assert.Equal("512 values", error.Found);
        Assert.Contains("Embedding space 'docs-minilm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 384 values, found 512 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("the native dimension of " + MiniLM, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_of_another_model_is_rejected_even_when_its_dimension_matches()
    {
        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckInput(EmbeddingVectors.Gaussian(384, seed: 3), "BAAI/bge-small-en-v1.5"));

        Assert.Equal(EmbeddingSpaceMismatch.Model, error.Mismatch);
        Assert.Equal(MiniLM, error.Expected);
        Assert.Equal("BAAI/bge-small-en-v1.5", error.Found);
        Assert.Contains("expected model '" + MiniLM + "', found 'BAAI/bge-small-en-v1.5'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "no model id")]
    [InlineData("", "an empty model id")]
    [InlineData("Sentence-Transformers/all-MiniLM-L6-v2", "Sentence-Transformers/all-MiniLM-L6-v2")]
    public void A_missing_or_differently_spelled_model_id_is_rejected_not_skipped(string? modelId, string found)
    {
        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckInput(EmbeddingVectors.Gaussian(384, seed: 4), modelId));

        Assert.Equal(EmbeddingSpaceMismatch.Model, error.Mismatch);
        Assert.Equal(found, error.Found);
    }

    [Fact]
    public void A_non_finite_element_is_named_by_its_index()
    {
        float[] vector = EmbeddingVectors.Gaussian(384, seed: 5);
        vector[7] = float.NaN;

        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckInput(vector));

        Assert.Equal(EmbeddingSpaceMismatch.NonFiniteValue, error.Mismatch);
        Assert.Equal("NaN at index 7", error.Found);
    }

    [Fact]
    public void A_vector_normalized_in_float32_passes_the_normalized_check()
    {
        float[] vector = EmbeddingVectors.NormalizeLikeNumpy(EmbeddingVectors.Gaussian(384, seed: 6));

        Docs.CheckNormalized(vector);
        Docs.CheckNormalized(vector, MiniLM);
    }

    [Fact]
    public void A_raw_vector_sent_where_a_unit_length_one_is_expected_is_rejected_with_its_norm()
    {
        float[] raw = EmbeddingVectors.Gaussian(384, seed: 7);
        double norm = EmbeddingVectors.NormInFloat64(raw);
        Assert.InRange(norm, 10, 30); // ~ sqrt(384) for standard normal elements

        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckNormalized(raw));

        Assert.Equal(EmbeddingSpaceMismatch.Norm, error.Mismatch);
        Assert.StartsWith("a norm within ", error.Expected, StringComparison.Ordinal);
        Assert.StartsWith("a norm of ", error.Found, StringComparison.Ordinal);
        double found = double.Parse(error.Found["a norm of ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(norm, found, tolerance: norm * 1e-6);
        Assert.Contains("Embedding space 'docs-minilm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("center, l2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_vector_scaled_by_a_few_tolerances_is_rejected_and_within_half_a_tolerance_passes()
    {
        float tolerance = Docs.DefaultNormTolerance;
        float[] unit = EmbeddingVectors.NormalizeLikeNumpy(EmbeddingVectors.Gaussian(384, seed: 8));

        Docs.CheckNormalized(EmbeddingVectors.Scale(unit, 1 + (tolerance / 2)));
        Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckNormalized(EmbeddingVectors.Scale(unit, 1 + (3 * tolerance))));
        Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckNormalized(EmbeddingVectors.Scale(unit, 1 - (3 * tolerance))));
    }

    [Fact]
    public void The_zero_vector_the_l2_step_leaves_zero_passes()
    {
        Docs.CheckNormalized(new float[384]);
    }

    [Fact]
    public void A_configured_tolerance_replaces_the_default()
    {
        float[] half = EmbeddingVectors.Scale(EmbeddingVectors.NormalizeLikeNumpy(EmbeddingVectors.Gaussian(384, seed: 9)), 1.0005f);

        Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckNormalized(half));
        Docs.CheckNormalized(half, normTolerance: 1e-3f);
        Assert.Throws<ArgumentOutOfRangeException>(() => Docs.CheckNormalized(half, normTolerance: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Docs.CheckNormalized(half, normTolerance: float.NaN));
    }

    [Fact]
    public void The_default_tolerance_is_d_plus_5_float32_unit_roundoffs()
    {
        Assert.Equal(389f / (1 << 24), Docs.DefaultNormTolerance);
        Assert.Equal(261f / (1 << 24), Matryoshka.DefaultNormTolerance);
    }

    [Theory]
    [InlineData(384)]
    [InlineData(1536)]
    [InlineData(3072)]
    public void Vectors_normalized_in_float32_in_any_order_stay_within_the_first_order_bound_that_the_default_doubles(int dimension)
    {
        // (d/2 + 2.5)·2⁻²⁴ is the first-order bound the default tolerance doubles (see DefaultNormTolerance).
        var space = new EmbeddingSpace("s", "m", null, dimension, dimension, "l2", isUnitLength: true, sha256: new string('d', 64));
        double bound = ((dimension / 2.0) + 2.5) / (1 << 24);
        double worst = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            float[] raw = EmbeddingVectors.Gaussian(dimension, seed, mean: seed % 3 == 0 ? 0.5f : 0f);
            foreach (float[] unit in new[] { EmbeddingVectors.NormalizeLikeNumpy(raw), EmbeddingVectors.NormalizePairwiseReciprocal(raw) })
            {
                worst = Math.Max(worst, Math.Abs(EmbeddingVectors.NormInFloat64(unit) - 1));
                space.CheckNormalized(unit);
            }
        }

        Assert.InRange(worst, 0, bound);
    }

    [Fact]
    public void A_space_that_is_not_unit_length_checks_the_dimension_but_not_the_norm()
    {
        float[] raw = EmbeddingVectors.Gaussian(384, seed: 10);

        Centered.CheckNormalized(raw);
        var error = Assert.Throws<EmbeddingSpaceException>(() => Centered.CheckNormalized(EmbeddingVectors.Gaussian(383, seed: 10)));
        Assert.Equal(EmbeddingSpaceMismatch.Dimension, error.Mismatch);
    }

    [Fact]
    public void A_truncating_space_expects_its_native_dimension_on_input_and_its_dimension_after_the_steps()
    {
        float[] native = EmbeddingVectors.Gaussian(768, seed: 11);
        float[] served = EmbeddingVectors.NormalizeLikeNumpy(native.AsSpan(0, 256).ToArray());

        Matryoshka.CheckInput(native, "nomic-ai/nomic-embed-text-v1.5");
        Matryoshka.CheckNormalized(served, "nomic-ai/nomic-embed-text-v1.5");

        var input = Assert.Throws<EmbeddingSpaceException>(() => Matryoshka.CheckInput(served));
        Assert.Equal(("768 values", "256 values"), (input.Expected, input.Found));
        var normalized = Assert.Throws<EmbeddingSpaceException>(() => Matryoshka.CheckNormalized(native));
        Assert.Equal(("256 values", "768 values"), (normalized.Expected, normalized.Found));
        Assert.Contains("the dimension after truncate(256), l2", normalized.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_is_checked_on_the_normalized_side_too()
    {
        float[] unit = EmbeddingVectors.NormalizeLikeNumpy(EmbeddingVectors.Gaussian(384, seed: 12));

        var error = Assert.Throws<EmbeddingSpaceException>(() => Docs.CheckNormalized(unit, "text-embedding-3-small"));

        Assert.Equal(EmbeddingSpaceMismatch.Model, error.Mismatch);
    }
}
