using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGuard.Tool.Importers;

/// <summary>
/// Names a scaler's slots the way Spark's <c>VectorAssembler</c> names the attributes of the vector it assembles, from
/// what a PipelineModel's earlier stages say about their columns; or says why the names cannot be known.
/// </summary>
/// <remarks>
/// VectorAssembler.transform (Spark 3.x, mllib/src/main/scala/org/apache/spark/ml/feature/VectorAssembler.scala):
/// a numeric input column <c>c</c> is one slot named <c>c</c>; a vector input column contributes its slots, named
/// <c>c_&lt;attribute name&gt;</c> when the column carries named ML attributes (another VectorAssembler's output does) and
/// <c>c_&lt;i&gt;</c> otherwise (a scaler's output carries only its size: SchemaUtils.updateAttributeGroupSize).
/// The slot count of a vector column that no stage of the pipeline describes is not saved anywhere, so an input column is
/// taken as one numeric slot unless an earlier stage is known to write a vector into it; a count that then disagrees with
/// the scaler's is an error, never a guess.
/// </remarks>
internal sealed class SparkSlotNames
{
    /// <summary>Stages whose output column holds an ml.linalg vector whose slot names the saved pipeline does not carry.</summary>
    private static readonly HashSet<string> VectorWriters = new(StringComparer.Ordinal)
    {
        "OneHotEncoderModel", "OneHotEncoder", "PCAModel", "Normalizer", "ElementwiseProduct", "VectorSlicer", "PolynomialExpansion",
        "ChiSqSelectorModel", "UnivariateFeatureSelectorModel", "VarianceThresholdSelectorModel", "Word2VecModel",
        "CountVectorizerModel", "HashingTF", "IDFModel", "VectorIndexerModel", "Interaction", "FeatureHasher", "DCT",
    };

    /// <summary>A column's slots: their names (null: unnamed), their count, or why they cannot be known.</summary>
    private sealed record Slots(string[]? Names, int Size, string? Unknown)
    {
        /// <summary>Which assembler made the column from which inputs, for messages.</summary>
        public string? Assembled { get; init; }
    }

    private readonly Dictionary<string, Slots> _columns = new(StringComparer.Ordinal);

    public static bool WritesVector(string shortClass) => VectorWriters.Contains(shortClass);

    /// <summary>A stage of <paramref name="stage"/> (described for messages) wrote a vector of unknown slots into <paramref name="column"/>.</summary>
    public void UnknownVector(string column, string stage) =>
        _columns[column] = new Slots(null, 0, $"input column '{column}' is the vector that {stage} writes, and the saved pipeline does not record its slots");

    /// <summary>A scaler wrote a vector of <paramref name="size"/> unnamed slots into <paramref name="column"/>.</summary>
    public void UnnamedVector(string column, int size) => _columns[column] = new Slots(null, size, null);

    /// <summary>A VectorAssembler (described as <paramref name="stage"/>) assembled <paramref name="inputs"/> into <paramref name="output"/>.</summary>
    public void Assembler(string stage, string output, IReadOnlyList<string> inputs)
    {
        var names = new List<string>();
        foreach (string input in inputs)
        {
            if (!_columns.TryGetValue(input, out Slots? slots))
            {
                names.Add(input);
            }
            else if (slots.Unknown is not null)
            {
                _columns[output] = new Slots(null, 0, $"{stage} assembles '{output}' from {Quote(inputs)}; {slots.Unknown}");
                return;
            }
            else
            {
                names.AddRange(Enumerable.Range(0, slots.Size).Select(i => $"{input}_{(slots.Names is null ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : slots.Names[i])}"));
            }
        }

        _columns[output] = new Slots(names.ToArray(), names.Count, null) { Assembled = $"{stage} assembles '{output}' from {Quote(inputs)}" };
    }

    /// <summary>
    /// The names of the <paramref name="size"/> slots of <paramref name="inputCol"/> that <paramref name="scaler"/> scales:
    /// the assembler's, else <c>&lt;inputCol&gt;_&lt;i&gt;</c> (or <c>inputCol</c> for one slot). When an assembler feeds the
    /// scaler but its slots cannot be matched to the scaler's, that is an error unless <paramref name="namesGiven"/>
    /// (<c>--names</c> replaces them all).
    /// </summary>
    public string[] For(string inputCol, int size, string scaler, bool namesGiven)
    {
        string[] defaults = size == 1 ? [inputCol] : Enumerable.Range(0, size).Select(i => $"{inputCol}_{i}").ToArray();
        if (!_columns.TryGetValue(inputCol, out Slots? slots) || namesGiven)
        {
            return defaults;
        }

        if (slots.Unknown is not null)
        {
            throw new CliException($"{scaler}: cannot name its {size} features: {slots.Unknown}; name them with --names ({size} names)");
        }

        if (slots.Names is null)
        {
            return defaults;
        }

        if (slots.Size != size)
        {
            throw new CliException($"{scaler}: cannot name its {size} features: {slots.Assembled}, {slots.Size} slot{(slots.Size == 1 ? string.Empty : "s")} if each is one number, so an input column is a vector of the training data whose size the saved pipeline does not record; name them with --names ({size} names)");
        }

        return slots.Names.All(n => n.Length > 0) && slots.Names.Distinct(StringComparer.Ordinal).Count() == size ? slots.Names : defaults;
    }

    private static string Quote(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
}
