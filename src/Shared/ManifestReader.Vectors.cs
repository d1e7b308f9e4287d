// Compiled into the generator and the runtime (see src/Shared/README.md).
#nullable enable
using System;
using System.Globalization;

namespace NormGuard.Manifests
{
    /// <summary>Vector features: a feature with a <c>space</c> object (docs/manifest-format.md, "Vector features").</summary>
    internal sealed partial class ManifestReader
    {
        /// <summary>Far above any embedding model's width; it keeps a typo such as 3840000 from sizing arrays.</summary>
        public const int MaxVectorDimension = 1 << 20;

        private static readonly string[] ScalarOnlyOps = { "minmax", "maxabs", "robust", "log1p", "log", "clip", "onehot", "passthrough" };
        private static readonly string[] VectorOnlyOps = { "l2", "center", "pca", "truncate" };

        /// <summary>The vector's length as the steps are read in order; null once it cannot be known (an invalid step, or a
        /// template's pca without components), so that one mistake does not report every later length too.</summary>
        private sealed class VectorShape
        {
            public VectorShape(int? dimension) => Dimension = dimension;

            public int? Dimension { get; set; }
        }

        private SpaceData? ReadSpace(JsonNode node, string feature)
        {
            string where = feature + ": \"space\"";
            if (node.Kind != JsonKind.Object)
            {
                Error(node, where + " must be an object with name, model, nativeDimension and dimension, found " + node.Describe());
                return null;
            }

            CheckKeys(node, where, "name", "model", "revision", "nativeDimension", "dimension");
            string? name = NonEmptyString(node, "name", where);
            string? model = NonEmptyString(node, "model", where);
            string? revision = Find(node, "revision") is null ? null : NonEmptyString(node, "revision", where);
            int? native = DimensionValue(node, "nativeDimension", where);
            int? dimension = DimensionValue(node, "dimension", where);
            if (name is null || model is null || native is null || dimension is null || (revision is null && Find(node, "revision") is not null))
            {
                return null;
            }

            return new SpaceData(name, model, revision, native.Value, dimension.Value, Range(node))
            {
                NameRange = Range(Find(node, "name")!),
                ModelRange = Range(Find(node, "model")!),
                RevisionRange = Find(node, "revision") is { } revisionNode ? Range(revisionNode) : Range(node.Start, 1),
                NativeDimensionRange = Range(Find(node, "nativeDimension")!),
                DimensionRange = Range(Find(node, "dimension")!),
            };
        }

        // A scalar op on a vector, or a vector op on a scalar, is refused at its "op" value rather than read.
        private bool OpFitsFeature(JsonNode node, string op, string where, VectorShape? vector)
        {
            if (vector is not null && Array.IndexOf(ScalarOnlyOps, op) >= 0)
            {
                Error(Find(node, "op")!, where + ": \"" + op + "\" is a scalar op, and this feature is a vector (it has a \"space\"); a vector takes l2, center, zscore, pca or truncate");
                vector.Dimension = null;
                return false;
            }

            if (vector is null && Array.IndexOf(VectorOnlyOps, op) >= 0)
            {
                Error(Find(node, "op")!, where + ": \"" + op + "\" is a vector op, and this feature has no \"space\" (declare the embedding space the vector belongs to)");
                return false;
            }

            return true;
        }

        private StepData? ReadVectorStep(JsonNode node, string op, string where, TextRange range, VectorShape vector)
        {
            int? dimension = vector.Dimension;
            switch (op)
            {
                case "l2":
                    CheckKeys(node, where, "op", "epsilon");
                    double epsilon = OptionalNumber(node, "epsilon", where) ?? 0d;
                    if (!IsFinite(epsilon) || epsilon < 0d)
                    {
                        Error(Find(node, "epsilon")!, where + ": \"epsilon\" must be a finite number >= 0 (0 or absent: scikit-learn's rule, a zero vector stays zero), found " + JsonNumber.RoundTrip(epsilon));
                        epsilon = 0d;
                    }

                    // -0 and 0 are the same rule; one form keeps the space's hash from telling them apart.
                    return new StepData(ManifestOp.L2, range) { Epsilon = epsilon == 0d ? 0d : epsilon };
                case "center":
                    CheckKeys(node, where, "op", "mean");
                    return new StepData(ManifestOp.Center, range) { MeanVector = VectorParameter(node, "mean", where, dimension, !_template) };
                case "zscore":
                    CheckKeys(node, where, "op", "mean", "std");
                    return new StepData(ManifestOp.ZScore, range)
                    {
                        MeanVector = VectorParameter(node, "mean", where, dimension, !_template),
                        StdVector = VectorParameter(node, "std", where, dimension, !_template, nonNegative: true),
                    };
                case "pca":
                    CheckKeys(node, where, "op", "mean", "components", "explainedVariance", "whiten");
                    bool whiten = OptionalBool(node, "whiten", where) ?? false;
                    EquatableArray<double> mean = VectorParameter(node, "mean", where, dimension, !_template);
                    (EquatableArray<double> components, int count) = ReadComponents(node, where, dimension);
                    EquatableArray<double> variance = VectorParameter(node, "explainedVariance", where, count == 0 ? null : count, !_template, nonNegative: true, positive: whiten);
                    vector.Dimension = count == 0 ? null : count;
                    return new StepData(ManifestOp.Pca, range) { MeanVector = mean, Components = components, ComponentCount = count, ExplainedVariance = variance, Whiten = whiten };
                case "truncate":
                    CheckKeys(node, where, "op", "dimension");
                    int? kept = DimensionValue(node, "dimension", where);
                    if (kept is not null && dimension is not null && kept > dimension)
                    {
                        Error(Find(node, "dimension")!, where + ": \"dimension\" is " + Count(kept.Value) + " but the vector has only " + Count(dimension.Value) + " values at this step (truncate keeps the first k)");
                        kept = null;
                    }

                    vector.Dimension = kept;
                    return kept is null ? null : new StepData(ManifestOp.Truncate, range) { Dimension = kept.Value };
                default:
                    Error(Find(node, "op")!, where + ": unknown op \"" + op + "\" (known on a vector feature: l2, center, zscore, pca, truncate)");
                    vector.Dimension = null;
                    return null;
            }
        }

        /// <summary>An array of finite numbers, one per dimension; each problem at the offending value.</summary>
        private EquatableArray<double> VectorParameter(JsonNode owner, string key, string where, int? length, bool required, bool nonNegative = false, bool positive = false)
        {
            JsonNode? node = Find(owner, key);
            if (node is null)
            {
                if (required)
                {
                    Error(owner.Start, 1, where + " has no \"" + key + "\"");
                }

                return EquatableArray<double>.Empty;
            }

            string expected = length is null ? "numbers" : Count(length.Value) + " numbers";
            if (node.Kind != JsonKind.Array)
            {
                Error(node, where + ": \"" + key + "\" must be an array of " + expected + " (one per dimension), found " + Show(node));
                return EquatableArray<double>.Empty;
            }

            if (length is not null && node.Items!.Count != length)
            {
                Error(node, where + ": \"" + key + "\" has " + Count(node.Items.Count) + " values, expected " + Count(length.Value) + " (the vector's dimension at this step)");
                return EquatableArray<double>.Empty;
            }

            var values = new double[node.Items!.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Element(node.Items[i], where, key, i, -1, nonNegative, positive);
            }

            return new EquatableArray<double>(values);
        }

        // The element's name ("mean"[3], "components"[1][3]) is only written for an error: a million-value vector must
        // not allocate a million names.
        private double Element(JsonNode item, string where, string key, int index, int column, bool nonNegative, bool positive)
        {
            if (item.Kind != JsonKind.Number)
            {
                Error(item, ElementName(where, key, index, column) + " must be a number, found " + Show(item));
                return 0d;
            }

            double value = item.Number;
            if (!IsFinite(value))
            {
                Error(item, ElementName(where, key, index, column) + " is " + Show(item) + ": parameters must be finite");
            }
            else if (positive && !(value > 0d))
            {
                Error(item, ElementName(where, key, index, column) + " is " + Show(item) + ": whitening divides by its square root, so it must be above 0");
            }
            else if (nonNegative && value < 0d)
            {
                Error(item, ElementName(where, key, index, column) + " is " + Show(item) + ": it must not be negative");
            }

            return value;
        }

        private static string ElementName(string where, string key, int index, int column) =>
            where + ": \"" + key + "\"[" + Count(index) + "]" + (column < 0 ? string.Empty : "[" + Count(column) + "]");

        // "components": k rows of the input dimension (scikit-learn's components_), flattened row-major.
        private (EquatableArray<double> Flat, int Count) ReadComponents(JsonNode step, string where, int? dimension)
        {
            JsonNode? node = Find(step, "components");
            if (node is null)
            {
                if (!_template)
                {
                    Error(step.Start, 1, where + " has no \"components\"");
                }

                return (EquatableArray<double>.Empty, 0);
            }

            if (node.Kind != JsonKind.Array || node.Items!.Count == 0)
            {
                Error(node, where + ": \"components\" must be a non-empty array of rows (scikit-learn's components_, k × the input dimension), found " + Show(node));
                return (EquatableArray<double>.Empty, 0);
            }

            int rows = node.Items.Count;
            if (dimension is not null && rows > dimension)
            {
                Error(node, where + ": \"components\" has " + Count(rows) + " rows but the vector has only " + Count(dimension.Value) + " values at this step (a projection keeps at most that many)");
                return (EquatableArray<double>.Empty, 0);
            }

            JsonNode first = node.Items[0];
            int width = dimension ?? (first.Kind == JsonKind.Array ? first.Items!.Count : 0);
            var flat = new double[rows * width];
            for (int r = 0; r < rows; r++)
            {
                JsonNode row = node.Items[r];
                if (row.Kind != JsonKind.Array || row.Items!.Count != width)
                {
                    Error(row, where + ": \"components\"[" + Count(r) + "] must be an array of " + Count(width) + " numbers (the vector's dimension at this step), found " + (row.Kind == JsonKind.Array ? Count(row.Items!.Count) + " values" : Show(row)));
                    continue;
                }

                for (int c = 0; c < width; c++)
                {
                    flat[(r * width) + c] = Element(row.Items[c], where, "components", r, c, nonNegative: false, positive: false);
                }
            }

            return (new EquatableArray<double>(flat), rows);
        }

        private StatsData? ReadVectorStats(JsonNode? node, string feature, int? nativeDimension)
        {
            if (node is null)
            {
                return null;
            }

            string where = feature + ": \"stats\"";
            if (node.Kind != JsonKind.Object)
            {
                Error(node, where + " must be an object, found " + node.Describe());
                return null;
            }

            CheckKeys(node, where, "count", "missing", "norm", "meanVector", "covarianceFrobenius", "covarianceSchatten4");
            StatsData? norm = null;
            JsonNode? normNode = Find(node, "norm");
            if (normNode is not null && normNode.Kind != JsonKind.Object)
            {
                Error(normNode, where + ": \"norm\" must be an object, found " + normNode.Describe());
            }
            else if (normNode is not null)
            {
                string normWhere = where + ": \"norm\"";
                CheckKeys(normNode, normWhere, "count", "min", "max", "mean", "std", "quantiles");
                norm = new StatsData
                {
                    Count = OptionalCount(normNode, "count", normWhere) ?? 0,
                    Min = OptionalNumber(normNode, "min", normWhere),
                    Max = OptionalNumber(normNode, "max", normWhere),
                    Mean = OptionalNumber(normNode, "mean", normWhere),
                    Std = OptionalNumber(normNode, "std", normWhere),
                    Quantiles = NumberArray(normNode, "quantiles", normWhere),
                };
            }

            (double? frobenius, double? schatten4) = CovarianceNorms(node, where);
            return new StatsData
            {
                Count = OptionalCount(node, "count", where) ?? 0,
                Missing = OptionalCount(node, "missing", where) ?? 0,
                Norm = norm,
                MeanVector = VectorParameter(node, "meanVector", where, nativeDimension, required: false),
                CovarianceFrobenius = frobenius,
                CovarianceSchatten4 = schatten4,
            };
        }

        // The two covariance norms tighten drift's mean-vector critical value; a wrong one would make it too tight (false
        // alarms) or too loose, so they come as a consistent pair or not at all (then drift uses the trace-only bound).
        private (double? Frobenius, double? Schatten4) CovarianceNorms(JsonNode stats, string where)
        {
            const string FrobeniusKey = "covarianceFrobenius", Schatten4Key = "covarianceSchatten4";
            double? frobenius = CovarianceNorm(stats, FrobeniusKey, where);
            double? schatten4 = CovarianceNorm(stats, Schatten4Key, where);
            JsonNode? frobeniusNode = Find(stats, FrobeniusKey), schatten4Node = Find(stats, Schatten4Key);
            if ((frobeniusNode is null) != (schatten4Node is null))
            {
                JsonNode present = frobeniusNode ?? schatten4Node!;
                string other = frobeniusNode is null ? FrobeniusKey : Schatten4Key;
                Error(present, where + ": \"" + (frobeniusNode is null ? Schatten4Key : FrobeniusKey) + "\" needs \"" + other + "\" too (the two covariance norms come as a pair, or neither)");
                return (null, null);
            }

            if (frobenius is double f && schatten4 is double s && s > f)
            {
                Error(schatten4Node!, where + ": \"" + Schatten4Key + "\" (" + JsonNumber.RoundTrip(s) + ") is above \"" + FrobeniusKey + "\" (" + JsonNumber.RoundTrip(f) + "); (tr Σ⁴)^¼ never exceeds √tr(Σ²)");
                return (null, null);
            }

            return frobenius is null || schatten4 is null ? (null, null) : (frobenius, schatten4);
        }

        private double? CovarianceNorm(JsonNode stats, string key, string where)
        {
            double? value = OptionalNumber(stats, key, where);
            if (value is double v && !(v >= 0 && !double.IsInfinity(v)))
            {
                Error(Find(stats, key)!, where + ": \"" + key + "\" must be a finite number ≥ 0, found " + JsonNumber.RoundTrip(v));
                return null;
            }

            return value;
        }

        private string? NonEmptyString(JsonNode owner, string key, string where)
        {
            string? value = RequiredString(owner, key, where);
            if (value is not null && value.Length == 0)
            {
                Error(Find(owner, key)!, where + ": \"" + key + "\" must not be empty");
                return null;
            }

            return value;
        }

        private int? DimensionValue(JsonNode owner, string key, string where)
        {
            double? value = RequiredNumber(owner, key, where);
            if (value is null)
            {
                return null;
            }

            if (!(value >= 1d) || value > MaxVectorDimension || value != Math.Floor(value.Value))
            {
                Error(Find(owner, key)!, where + ": \"" + key + "\" must be a whole number from 1 to " + Count(MaxVectorDimension) + ", found " + JsonNumber.RoundTrip(value.Value));
                return null;
            }

            return (int)value.Value;
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
