// Compiled into the generator and the runtime (see src/Shared/README.md), so that the build and the
// running program read a manifest identically.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;

namespace NormGuard.Manifests
{
    /// <summary>
    /// Reads a <c>normguard.manifest/1</c> document into <see cref="ManifestData"/>. Never throws: every problem
    /// becomes a <see cref="ManifestError"/> located in the text.
    /// </summary>
    internal sealed partial class ManifestReader
    {
        public const string FormatId = "normguard.manifest/1";

        private static readonly string[] Profiles = { "normguard", "sklearn", "onnx", "mlnet", "spark" };
        private static readonly string[] Splits = { "train", "validation", "test", "all" };

        private readonly string _text;
        private readonly bool _template;
        private readonly bool _acceptStaleHash;
        /// <summary>Problems reported one by one; past this many, one more says how many were left out. A 10 MB file of
        /// wrong values otherwise gave 85,000 diagnostics, which cost more than reading it and help nobody.</summary>
        public const int MaxErrors = 100;

        private readonly List<ManifestError> _errors = new List<ManifestError>();
        private int _suppressed;
        private string? _profile;
        private string _dtype = "float64";
        private int _firstSuppressed;
        private int[]? _lineStarts;
        private JsonNode? _root;
        private readonly JsonParser _parser;

        // Work besides the parser's, counted for ManifestReadWork.
        private long _lineScanCharacters;
        private long _positionLookups;
        private long _propertiesVisited;

        private ManifestReader(string text, bool template, bool acceptStaleHash = false)
        {
            _text = text;
            _template = template;
            _acceptStaleHash = acceptStaleHash;
            _parser = new JsonParser(text);
        }

        public static ManifestReadResult Read(string text) => Read(text, template: false);

        /// <summary>
        /// Reads a template: a manifest whose fitted parameters, categories and version may be absent (they are what a
        /// fit will produce). A complete manifest is also a valid template.
        /// </summary>
        public static ManifestReadResult ReadTemplate(string text) => Read(text, template: true);

        /// <summary>As <see cref="Read(string)"/>, also handing back the parsed JSON (null when it is not JSON), so the
        /// runtime can keep the document without parsing a large manifest a second time.</summary>
        public static ManifestReadResult Read(string text, bool template, out JsonNode? document) => Read(text, template, out document, out _);

        /// <summary>As <see cref="Read(string, bool, out JsonNode?)"/>, also counting the work the read did, so that tests
        /// can check that reading grows linearly with the text without timing it.</summary>
        public static ManifestReadResult Read(string text, bool template, out JsonNode? document, out ManifestReadWork work)
        {
            var reader = new ManifestReader(text ?? string.Empty, template);
            ManifestReadResult result = Read(reader);
            document = reader._root;
            work = reader.Work();
            return result;
        }

        /// <summary>
        /// Reads a manifest whose <c>sha256</c> may be absent or stale, as <c>normguard seal</c> does to accept a
        /// deliberate edit: every other check still applies, and <see cref="ManifestData.Seal"/> says what was found.
        /// </summary>
        public static ManifestReadResult ReadForSeal(string text, out JsonNode? document)
        {
            var reader = new ManifestReader(text ?? string.Empty, template: false, acceptStaleHash: true);
            ManifestReadResult result = Read(reader);
            document = reader._root;
            return result;
        }

        private static ManifestReadResult Read(string text, bool template) => Read(new ManifestReader(text ?? string.Empty, template));

        private ManifestReadWork Work() => new ManifestReadWork(
            _text.Length,
            _parser.CharactersRead,
            _parser.Values,
            _parser.KeyChecks,
            _parser.NumberCharactersReread,
            _lineScanCharacters,
            _positionLookups,
            _propertiesVisited);

        private static ManifestReadResult Read(ManifestReader reader)
        {
            try
            {
                return reader.ReadDocument();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The reader runs inside the compiler: an unforeseen failure must become a diagnostic, not a crash.
                reader.Error(0, 0, "the manifest could not be read: " + exception.GetType().Name + ": " + exception.Message);
                return new ManifestReadResult(null, reader.Errors());
            }
        }

        private ManifestReadResult ReadDocument()
        {
            JsonNode root;
            try
            {
                root = _parser.ParseDocument();
                _root = root;
            }
            catch (JsonSyntaxException syntax)
            {
                Error(syntax.Position, 1, "invalid JSON: " + syntax.Message);
                return Result(null);
            }

            if (root.Kind != JsonKind.Object)
            {
                Error(root, "the manifest must be a JSON object, found " + root.Describe());
                return Result(null);
            }

            CheckKeys(root, "the manifest", "format", "featureSet", "version", "profile", "dtype", "fit", "features", "edits", "sha256");
            string? format = RequiredString(root, "format", "the manifest");
            if (format is not null && format != FormatId)
            {
                Error(Find(root, "format")!, "unknown format \"" + format + "\": this NormGuard reads \"" + FormatId + "\"");
                return Result(null);
            }

            string? featureSet = RequiredString(root, "featureSet", "the manifest");
            int version = RequiredVersion(root);
            string? profile = RequiredEnum(root, "profile", "the manifest", Profiles);
            _profile = profile;
            string dtype = OptionalEnum(root, "dtype", "the manifest", new[] { "float32", "float64" }) ?? "float64";
            _dtype = dtype;
            FitData? fit = ReadFit(Find(root, "fit"));
            EquatableArray<FeatureData> features = ReadFeatures(root);

            string canonical = CanonicalJson.Write(root, _text, "sha256");
            string sha256 = CanonicalJson.Sha256Hex(canonical);
            EquatableArray<EditData> edits = ReadEdits(Find(root, "edits"));
            JsonNode? declared = Find(root, "sha256");
            SealState seal = declared is null ? SealState.Unsealed : SealState.Sealed;
            if (declared is not null)
            {
                if (declared.Kind != JsonKind.String)
                {
                    Error(declared, "\"sha256\" must be a string, found " + declared.Describe());
                }
                else if (!string.Equals(declared.String, sha256, StringComparison.OrdinalIgnoreCase))
                {
                    seal = SealState.Stale;
                    if (!_acceptStaleHash)
                    {
                        Error(declared, "\"sha256\" does not match the content (computed " + sha256 + "): the manifest was changed after it was written; refit it, or, if the change is deliberate, accept it with 'normguard seal " + "<file> --reason \"...\"', which rewrites the hash and records the edit");
                    }
                }
            }

            if (featureSet is null || profile is null || (version == 0 && !_template) || _errors.Count > 0)
            {
                return Result(null);
            }

            var manifest = new ManifestData(featureSet, version, profile, dtype, features)
            {
                Fit = fit,
                CanonicalJson = canonical,
                Sha256 = sha256,
                VersionRange = Find(root, "version") is { } versionNode ? Range(versionNode) : Range(Find(root, "featureSet")!),
                ProfileRange = Range(Find(root, "profile")!),
                FeatureSetRange = Range(Find(root, "featureSet")!),
                DocumentRange = Range(root.Start, 1),
                Seal = seal,
                DeclaredSha256 = declared?.Kind == JsonKind.String ? declared.String : null,
                Edits = edits,
            };
            return Result(manifest);
        }

        private ManifestReadResult Result(ManifestData? manifest) => new ManifestReadResult(manifest, Errors());

        private EquatableArray<ManifestError> Errors()
        {
            if (_suppressed > 0)
            {
                int suppressed = _suppressed;
                _suppressed = 0;
                TextRange range = Range(_firstSuppressed, 1);
                _errors.Add(new ManifestError("... and " + suppressed.ToString(CultureInfo.InvariantCulture) + " more problems, the first of them here; only the first " + MaxErrors.ToString(CultureInfo.InvariantCulture) + " are listed (" + range.Describe() + ")", range));
            }

            return new EquatableArray<ManifestError>(_errors.ToArray());
        }

        private int RequiredVersion(JsonNode root)
        {
            JsonNode? node = Find(root, "version");
            if (node is null)
            {
                if (!_template)
                {
                    Error(root.Start, 1, "the manifest has no \"version\"");
                }

                return 0;
            }

            if (node.Kind != JsonKind.Number || node.Number != Math.Floor(node.Number) || node.Number < 1 || node.Number > int.MaxValue)
            {
                Error(node, "\"version\" must be a positive integer, found " + Show(node));
                return 0;
            }

            return (int)node.Number;
        }

        private FitData? ReadFit(JsonNode? fit)
        {
            if (fit is null)
            {
                return null;
            }

            if (fit.Kind != JsonKind.Object)
            {
                Error(fit, "\"fit\" must be an object, found " + fit.Describe());
                return null;
            }

            CheckKeys(fit, "\"fit\"", "split", "rows", "source", "sourceSha256", "fittedAt", "tool");
            string? split = RequiredEnum(fit, "split", "\"fit\"", Splits);
            if (split is null)
            {
                return null;
            }

            return new FitData(split, Range(Find(fit, "split")!))
            {
                Rows = OptionalCount(fit, "rows", "\"fit\""),
                Source = OptionalString(fit, "source", "\"fit\""),
                SourceSha256 = OptionalString(fit, "sourceSha256", "\"fit\""),
                FittedAt = OptionalTimestamp(fit, "fittedAt", "\"fit\""),
                Tool = OptionalString(fit, "tool", "\"fit\""),
            };
        }

        // "edits": accepted hand edits, one entry per normguard seal; the hash covers them, so none can be dropped unseen.
        private EquatableArray<EditData> ReadEdits(JsonNode? edits)
        {
            if (edits is null)
            {
                return EquatableArray<EditData>.Empty;
            }

            if (edits.Kind != JsonKind.Array)
            {
                Error(edits, "\"edits\" must be an array, found " + edits.Describe());
                return EquatableArray<EditData>.Empty;
            }

            var result = new List<EditData>();
            for (int i = 0; i < edits.Items!.Count; i++)
            {
                JsonNode edit = edits.Items[i];
                string where = "edit " + (i + 1).ToString(CultureInfo.InvariantCulture);
                if (edit.Kind != JsonKind.Object)
                {
                    Error(edit, where + " must be an object, found " + edit.Describe());
                    continue;
                }

                CheckKeys(edit, where, "at", "previousSha256", "reason", "tool");
                if (Find(edit, "at") is null)
                {
                    Error(edit.Start, 1, where + " has no \"at\"");
                    continue;
                }

                string? at = OptionalTimestamp(edit, "at", where);
                if (at is not null)
                {
                    result.Add(new EditData(at)
                    {
                        PreviousSha256 = OptionalString(edit, "previousSha256", where),
                        Reason = OptionalString(edit, "reason", where),
                        Tool = OptionalString(edit, "tool", where),
                    });
                }
            }

            return new EquatableArray<EditData>(result.ToArray());
        }

        // "mlnetColumn": "vector" marks a slot of an ML.NET vector column (its transform writes every zero as +0); a scalar
        // column is the default and has no marker, so that a manifest has one written form. Only numeric features, only mlnet.
        private bool ReadMLNetColumn(JsonNode? node, List<StepData> steps, string where)
        {
            if (node is null)
            {
                return false;
            }

            if (node.Kind != JsonKind.String || node.String != "vector")
            {
                Error(node, where + ": \"mlnetColumn\" must be \"vector\" (leave it out for a scalar column), found " + Show(node));
                return false;
            }

            if (_profile != "mlnet")
            {
                Error(node, where + ": \"mlnetColumn\" applies only to profile \"mlnet\" (ML.NET's vector columns), not \"" + (_profile ?? "?") + "\"");
                return false;
            }

            foreach (StepData step in steps)
            {
                if (step.Op is ManifestOp.OneHot or ManifestOp.Passthrough)
                {
                    Error(node, where + ": \"mlnetColumn\" applies to a numeric feature's arithmetic, not to a " + (step.Op == ManifestOp.OneHot ? "onehot" : "passthrough") + " step");
                    return false;
                }
            }

            return true;
        }

        private EquatableArray<FeatureData> ReadFeatures(JsonNode root)
        {
            JsonNode? features = Find(root, "features");
            if (features is null)
            {
                Error(root.Start, 1, "the manifest has no \"features\"");
                return EquatableArray<FeatureData>.Empty;
            }

            if (features.Kind != JsonKind.Array || features.Items!.Count == 0)
            {
                Error(features, "\"features\" must be a non-empty array, found " + (features.Kind == JsonKind.Array ? "an empty array" : features.Describe()));
                return EquatableArray<FeatureData>.Empty;
            }

            var result = new List<FeatureData>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < features.Items.Count; i++)
            {
                FeatureData? feature = ReadFeature(features.Items[i], i);
                if (feature is null)
                {
                    continue;
                }

                if (!names.Add(feature.Name))
                {
                    Error(Find(features.Items[i], "name")!, "feature \"" + feature.Name + "\" is listed twice");
                    continue;
                }

                result.Add(feature);
            }

            return new EquatableArray<FeatureData>(result.ToArray());
        }

        private FeatureData? ReadFeature(JsonNode node, int index)
        {
            string where = "features[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            if (node.Kind != JsonKind.Object)
            {
                Error(node, where + " must be an object, found " + node.Describe());
                return null;
            }

            CheckKeys(node, where, "name", "space", "steps", "missing", "stats", "mlnetColumn");
            string? name = RequiredString(node, "name", where);
            if (name is not null)
            {
                if (name.Length == 0)
                {
                    Error(Find(node, "name")!, where + " has an empty \"name\"");
                    return null;
                }

                where = "feature \"" + name + "\"";
            }

            JsonNode? spaceNode = Find(node, "space");
            SpaceData? space = spaceNode is null ? null : ReadSpace(spaceNode, where);
            var vector = spaceNode is null ? null : new VectorShape(space?.NativeDimension);
            JsonNode? stepsNode = Find(node, "steps");
            var steps = new List<StepData>();
            if (stepsNode is null)
            {
                Error(node.Start, 1, where + " has no \"steps\"");
            }
            else if (stepsNode.Kind != JsonKind.Array || (stepsNode.Items!.Count == 0 && vector is null))
            {
                Error(stepsNode, where + ": \"steps\" must be a non-empty array (use [{\"op\": \"passthrough\"}] for an unscaled feature)");
            }
            else
            {
                foreach (JsonNode stepNode in stepsNode.Items)
                {
                    StepData? step = ReadStep(stepNode, where, vector);
                    if (step is not null)
                    {
                        steps.Add(step);
                    }
                }
            }

            if (space is not null && vector!.Dimension is { } produced && produced != space.Dimension)
            {
                Error(Find(spaceNode!, "dimension")!, where + ": \"space\": \"dimension\" is " + Count(space.Dimension) + " but the steps produce " + Count(produced) + " values from the native " + Count(space.NativeDimension));
            }

            MissingKind missing = MissingKind.Error;
            double fill = 0d;
            JsonNode? missingNode = Find(node, "missing");
            if (missingNode is not null)
            {
                if (missingNode.Kind == JsonKind.String && missingNode.String == "error")
                {
                    missing = MissingKind.Error;
                }
                else if (missingNode.Kind == JsonKind.String && missingNode.String == "propagate")
                {
                    missing = MissingKind.Propagate;
                }
                else if (missingNode.Kind == JsonKind.Object && spaceNode is not null)
                {
                    Error(missingNode, where + ": a vector feature takes \"missing\": \"error\" or \"propagate\"; {\"fill\": ...} has no single value to put in a vector");
                }
                else if (missingNode.Kind == JsonKind.Object)
                {
                    CheckKeys(missingNode, where + ": \"missing\"", "fill");
                    double? value = RequiredNumber(missingNode, "fill", where + ": \"missing\"");
                    missing = MissingKind.Fill;
                    fill = value ?? 0d;
                }
                else
                {
                    Error(missingNode, where + ": \"missing\" must be \"error\", \"propagate\" or {\"fill\": <number>}, found " + Show(missingNode));
                }
            }

            StatsData? stats = spaceNode is null ? ReadStats(Find(node, "stats"), where) : ReadVectorStats(Find(node, "stats"), where, space?.NativeDimension);
            JsonNode? mlnetColumn = Find(node, "mlnetColumn");
            bool vectorColumn = false;
            if (mlnetColumn is not null && spaceNode is not null)
            {
                Error(mlnetColumn, where + ": \"mlnetColumn\" marks a scalar slot of an ML.NET vector column, not a feature with a \"space\"");
            }
            else
            {
                vectorColumn = ReadMLNetColumn(mlnetColumn, steps, where);
            }

            if (name is null || (spaceNode is not null && space is null))
            {
                return null;
            }

            if (space is not null)
            {
                space = EmbeddingSpaceIdentity.WithIdentity(space, _dtype, _profile ?? "?", steps);
            }

            return new FeatureData(name, new EquatableArray<StepData>(steps.ToArray()), Range(node))
            {
                Missing = missing,
                FillValue = fill,
                Stats = stats,
                MLNetVectorColumn = vectorColumn,
                Space = space,
            };
        }

        private StepData? ReadStep(JsonNode node, string feature, VectorShape? vector)
        {
            if (node.Kind != JsonKind.Object)
            {
                Error(node, feature + ": a step must be an object, found " + node.Describe());
                return null;
            }

            string? op = RequiredString(node, "op", feature + ": a step");
            if (op is null)
            {
                return null;
            }

            string where = feature + ", step \"" + op + "\"";
            TextRange range = Range(node);
            if (!OpFitsFeature(node, op, where, vector))
            {
                return null;
            }

            if (vector is not null)
            {
                return ReadVectorStep(node, op, where, range, vector);
            }

            switch (op)
            {
                case "zscore":
                    CheckKeys(node, where, "op", "mean", "std");
                    return new StepData(ManifestOp.ZScore, range) { Mean = Fitted(node, "mean", where), Std = Fitted(node, "std", where) };
                case "minmax":
                    CheckKeys(node, where, "op", "min", "max", "low", "high", "clip");
                    return new StepData(ManifestOp.MinMax, range)
                    {
                        Min = Fitted(node, "min", where),
                        Max = Fitted(node, "max", where),
                        Low = OptionalNumber(node, "low", where) ?? 0d,
                        High = OptionalNumber(node, "high", where) ?? 1d,
                        Clip = OptionalBool(node, "clip", where) ?? false,
                    };
                case "maxabs":
                    CheckKeys(node, where, "op", "maxabs");
                    return new StepData(ManifestOp.MaxAbs, range) { MaxAbs = Fitted(node, "maxabs", where) };
                case "robust":
                    CheckKeys(node, where, "op", "center", "scale", "lower", "upper");
                    return new StepData(ManifestOp.Robust, range)
                    {
                        Center = Fitted(node, "center", where),
                        Scale = Fitted(node, "scale", where),
                        Lower = OptionalNumber(node, "lower", where) ?? 25d,
                        Upper = OptionalNumber(node, "upper", where) ?? 75d,
                    };
                case "log1p":
                    CheckKeys(node, where, "op");
                    return new StepData(ManifestOp.Log1p, range);
                case "log":
                    CheckKeys(node, where, "op");
                    return new StepData(ManifestOp.Log, range);
                case "clip":
                    CheckKeys(node, where, "op", "min", "max");
                    return new StepData(ManifestOp.Clip, range) { Min = Number(node, "min", where), Max = Number(node, "max", where) };
                case "passthrough":
                    CheckKeys(node, where, "op");
                    return new StepData(ManifestOp.Passthrough, range);
                case "onehot":
                    CheckKeys(node, where, "op", "categories", "unknown");
                    string? unknown = OptionalEnum(node, "unknown", where, new[] { "error", "allZeros" });
                    return new StepData(ManifestOp.OneHot, range)
                    {
                        Categories = Categories(node, where),
                        Unknown = unknown == "allZeros" ? UnknownKind.AllZeros : UnknownKind.Error,
                    };
                default:
                    Error(Find(node, "op")!, where + ": unknown op \"" + op + "\" (known: zscore, minmax, maxabs, robust, log1p, log, clip, onehot, passthrough; on a vector feature l2, center, zscore, pca, truncate)");
                    return null;
            }
        }

        private EquatableArray<string> Categories(JsonNode step, string where)
        {
            JsonNode? node = Find(step, "categories");
            if (node is null)
            {
                if (!_template)
                {
                    Error(step, where + " has no \"categories\"");
                }

                return EquatableArray<string>.Empty;
            }

            if (node.Kind != JsonKind.Array || node.Items!.Count == 0)
            {
                Error(node, where + ": \"categories\" must be a non-empty array of strings");
                return EquatableArray<string>.Empty;
            }

            var categories = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonNode item in node.Items)
            {
                if (item.Kind != JsonKind.String)
                {
                    Error(item, where + ": categories must be strings (write numbers as \"3\"), found " + Show(item));
                }
                else if (!seen.Add(item.String!))
                {
                    Error(item, where + ": category \"" + item.String + "\" is listed twice");
                }
                else
                {
                    categories.Add(item.String!);
                }
            }

            return new EquatableArray<string>(categories.ToArray());
        }

        private StatsData? ReadStats(JsonNode? node, string feature)
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

            CheckKeys(node, where, "count", "missing", "min", "max", "mean", "std", "quantiles", "categoryCounts");
            return new StatsData
            {
                Count = OptionalCount(node, "count", where) ?? 0,
                Missing = OptionalCount(node, "missing", where) ?? 0,
                Min = OptionalNumber(node, "min", where),
                Max = OptionalNumber(node, "max", where),
                Mean = OptionalNumber(node, "mean", where),
                Std = OptionalNumber(node, "std", where),
                Quantiles = NumberArray(node, "quantiles", where),
                CategoryCounts = CountArray(node, "categoryCounts", where),
            };
        }

        private EquatableArray<double> NumberArray(JsonNode owner, string key, string where)
        {
            JsonNode? node = Find(owner, key);
            if (node is null)
            {
                return EquatableArray<double>.Empty;
            }

            if (node.Kind != JsonKind.Array)
            {
                Error(node, where + ": \"" + key + "\" must be an array of numbers, found " + node.Describe());
                return EquatableArray<double>.Empty;
            }

            var values = new double[node.Items!.Count];
            for (int i = 0; i < values.Length; i++)
            {
                JsonNode item = node.Items[i];
                if (item.Kind != JsonKind.Number)
                {
                    Error(item, where + ": \"" + key + "\" must hold only numbers, found " + Show(item));
                }
                else
                {
                    values[i] = item.Number;
                }
            }

            return new EquatableArray<double>(values);
        }

        private EquatableArray<long> CountArray(JsonNode owner, string key, string where)
        {
            EquatableArray<double> numbers = NumberArray(owner, key, where);
            var counts = new long[numbers.Count];
            for (int i = 0; i < counts.Length; i++)
            {
                double value = numbers[i];
                if (value < 0 || value != Math.Floor(value) || value > 9e15)
                {
                    Error(Find(owner, key)!.Items![i], where + ": \"" + key + "\" must hold non-negative integers, found " + JsonNumber.RoundTrip(value));
                }

                counts[i] = (long)value;
            }

            return new EquatableArray<long>(counts);
        }

        private void CheckKeys(JsonNode node, string where, params string[] known)
        {
            _propertiesVisited += node.Properties!.Count;
            foreach (JsonProperty property in node.Properties!)
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Error(property.NameStart, property.Name.Length + 2, where + " has an unknown field \"" + property.Name + "\" (known: " + string.Join(", ", known) + ")");
                }
            }
        }

        // Every field lookup goes through here so that its scan of the object's properties is counted.
        private JsonNode? Find(JsonNode owner, string key)
        {
            _propertiesVisited += owner.Properties?.Count ?? 0;
            return owner.Get(key);
        }

        private string? RequiredString(JsonNode owner, string key, string where)
        {
            JsonNode? node = Find(owner, key);
            if (node is null)
            {
                Error(owner.Start, 1, where + " has no \"" + key + "\"");
                return null;
            }

            if (node.Kind != JsonKind.String)
            {
                Error(node, where + ": \"" + key + "\" must be a string, found " + Show(node));
                return null;
            }

            return node.String;
        }

        private string? OptionalString(JsonNode owner, string key, string where) =>
            Find(owner, key) is null ? null : RequiredString(owner, key, where);

        // The runtime turns fittedAt into a DateTimeOffset with exactly this call; a text it cannot read must be NG0002
        // here, or the build accepts a manifest that Manifest.Load then fails on with a FormatException.
        private string? OptionalTimestamp(JsonNode owner, string key, string where)
        {
            string? value = OptionalString(owner, key, where);
            if (value is not null && !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                Error(Find(owner, key)!, where + ": \"" + key + "\" must be an ISO-8601 date and time such as \"2026-11-26T05:00:00Z\", found " + Show(Find(owner, key)!));
                return null;
            }

            return value;
        }

        private string? RequiredEnum(JsonNode owner, string key, string where, string[] allowed)
        {
            string? value = RequiredString(owner, key, where);
            if (value is not null && Array.IndexOf(allowed, value) < 0)
            {
                Error(Find(owner, key)!, where + ": \"" + key + "\" must be one of " + string.Join(", ", allowed) + ", found \"" + value + "\"");
                return null;
            }

            return value;
        }

        private string? OptionalEnum(JsonNode owner, string key, string where, string[] allowed) =>
            Find(owner, key) is null ? null : RequiredEnum(owner, key, where, allowed);

        private double? RequiredNumber(JsonNode owner, string key, string where)
        {
            JsonNode? node = Find(owner, key);
            if (node is null)
            {
                Error(owner.Start, 1, where + " has no \"" + key + "\"");
                return null;
            }

            if (node.Kind != JsonKind.Number)
            {
                Error(node, where + ": \"" + key + "\" must be a number, found " + Show(node));
                return null;
            }

            return node.Number;
        }

        private double Number(JsonNode owner, string key, string where) => RequiredNumber(owner, key, where) ?? 0d;

        // A parameter the fit produces: required in a manifest, optional in a template.
        private double Fitted(JsonNode owner, string key, string where) =>
            _template ? OptionalNumber(owner, key, where) ?? 0d : Number(owner, key, where);

        private double? OptionalNumber(JsonNode owner, string key, string where) =>
            Find(owner, key) is null ? null : RequiredNumber(owner, key, where);

        private bool? OptionalBool(JsonNode owner, string key, string where)
        {
            JsonNode? node = Find(owner, key);
            if (node is null)
            {
                return null;
            }

            if (node.Kind != JsonKind.True && node.Kind != JsonKind.False)
            {
                Error(node, where + ": \"" + key + "\" must be true or false, found " + Show(node));
                return null;
            }

            return node.Kind == JsonKind.True;
        }

        private long? OptionalCount(JsonNode owner, string key, string where)
        {
            double? value = OptionalNumber(owner, key, where);
            if (value is null)
            {
                return null;
            }

            if (value < 0 || value != Math.Floor(value.Value) || value > 9e15)
            {
                Error(Find(owner, key)!, where + ": \"" + key + "\" must be a non-negative integer, found " + JsonNumber.RoundTrip(value.Value));
                return null;
            }

            return (long)value.Value;
        }

        private string Show(JsonNode node)
        {
            switch (node.Kind)
            {
                case JsonKind.String:
                    string text = node.String!;
                    return "\"" + (text.Length > 40 ? text.Substring(0, 37) + "..." : text) + "\"";
                case JsonKind.Number:
                    return JsonNumber.RoundTrip(node.Number);
                default:
                    return node.Describe();
            }
        }

        private void Error(JsonNode node, string message) => Error(node.Start, Math.Max(1, node.End - node.Start), message);

        private void Error(int start, int length, string message)
        {
            if (_errors.Count >= MaxErrors)
            {
                _firstSuppressed = _suppressed++ == 0 ? start : _firstSuppressed;
                return;
            }

            TextRange range = Range(start, length);
            _errors.Add(new ManifestError(message + " (" + range.Describe() + ")", range));
        }

        private TextRange Range(JsonNode node) => Range(node.Start, Math.Max(0, node.End - node.Start));

        private TextRange Range(int start, int length)
        {
            start = Math.Max(0, Math.Min(start, _text.Length));
            length = Math.Max(0, Math.Min(length, _text.Length - start));
            (int startLine, int startColumn) = Position(start);
            (int endLine, int endColumn) = Position(start + length);
            return new TextRange(start, length, startLine, startColumn, endLine, endColumn);
        }

        private (int Line, int Column) Position(int offset)
        {
            _positionLookups++;
            if (_lineStarts is null)
            {
                _lineStarts = LineStarts(_text);
                _lineScanCharacters += _text.Length;
            }

            int index = Array.BinarySearch(_lineStarts, offset);
            int line = index >= 0 ? index : ~index - 1;
            return (line, offset - _lineStarts[line]);
        }

        // Line breaks as Roslyn's SourceText counts them (\r\n, \r, \n, U+0085, U+2028, U+2029), so that the line and
        // column in a diagnostic are the ones the IDE shows for its span, and the runtime names the same position.
        // JSON strings may hold U+2028 and U+0085 raw; counting only \r and \n put every later error on the wrong line.
        private static int[] LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                {
                    starts.Add(i + 1);
                }
            }

            return starts.ToArray();
        }
    }
}
