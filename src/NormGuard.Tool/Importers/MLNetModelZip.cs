using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Microsoft.ML;

namespace NormGuard.Tool.Importers;

/// <summary>
/// The stage layout of a saved ML.NET model zip, read without loading any component, so that the normalizers can be
/// loaded without the trainer after them (whose package — FastTree, LightGbm, … — the tool does not ship).
/// </summary>
/// <remarks>
/// <c>MLContext.Model.Save(model, schema, path)</c> writes <c>Schema</c>, <c>TrainingInfo/Version.txt</c> (the ML.NET
/// version, e.g. <c>6.0.0+6eff5cc…</c>) and <c>TransformerChain/</c>: its <c>Model.key</c> and one directory per stage,
/// <c>Transform_000</c>, <c>Transform_001</c>, … (a stage that is itself a chain has the same layout below it). Each
/// <c>Model.key</c> starts with ML.NET's 256-byte <c>ModelHeader</c>, which names the component's loader: the loader
/// signature as up to 24 ASCII bytes at 0x50, and the loader's assembly as UTF-16 text at the offset held at 0x90 with
/// the byte count held at 0x98 (Microsoft.ML.Core, Data/ModelHeader.cs).
/// </remarks>
internal sealed class MLNetModelZip
{
    public const string NormalizerSignature = "Normalizer";
    public const string ChainSignature = "TransformerChain";
    private const string Root = "TransformerChain/";

    private readonly Dictionary<string, byte[]> _entries;

    private MLNetModelZip(Dictionary<string, byte[]> entries, Stage chain, string? version)
    {
        _entries = entries;
        Chain = chain;
        Version = version;
    }

    /// <summary>One saved component: its directory in the zip, its loader signature and assembly, its stages if it is a chain.</summary>
    public sealed record Stage(string Directory, string Signature, string Assembly, IReadOnlyList<Stage> Stages, IReadOnlyList<Stage> Parts)
    {
        public bool IsChain => Signature == ChainSignature;

        public bool HoldsNormalizer => Signature == NormalizerSignature || Stages.Any(s => s.HoldsNormalizer);

        /// <summary>"Transform_003: RegressionPredXfer (Microsoft.ML.Data) holding FastTreeRegressionExec (Microsoft.ML.FastTree)".</summary>
        public string Describe()
        {
            string name = Directory.TrimEnd('/');
            string text = $"{name[(name.LastIndexOf('/') + 1)..]}: {Signature} ({Assembly})";
            Stage[] foreign = Parts.Where(p => p.Assembly != Assembly).ToArray();
            return foreign.Length == 0 ? text : text + " holding " + string.Join(", ", foreign.Select(p => $"{p.Signature} ({p.Assembly})"));
        }
    }

    /// <summary>The root: a <c>TransformerChain</c>, or the one transformer that was saved.</summary>
    public Stage Chain { get; }

    /// <summary>Every stage at any depth in order (a chain before its stages); the root itself when it is not a chain.</summary>
    public IReadOnlyList<Stage> AllStages => Chain.IsChain ? Flatten(Chain).ToList() : [Chain];

    /// <summary>The ML.NET version that wrote the zip (TrainingInfo/Version.txt), or null.</summary>
    public string? Version { get; }

    /// <summary>The zip's layout, or null when it is not a zip with a <c>TransformerChain</c> (the caller lets ML.NET say why).</summary>
    public static MLNetModelZip? TryRead(string path)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using Stream stream = entry.Open();
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                entries[entry.FullName.Replace('\\', '/')] = memory.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        if (!entries.ContainsKey(Root + "Model.key"))
        {
            return null;
        }

        string? version = entries.TryGetValue("TrainingInfo/Version.txt", out byte[]? text) ? Encoding.UTF8.GetString(text).Trim() : null;
        Stage chain = ReadStage(entries, Root, path);
        return new MLNetModelZip(entries, chain, version);
    }

    private static Stage ReadStage(Dictionary<string, byte[]> entries, string directory, string path)
    {
        (string signature, string assembly) = Header(entries[directory + "Model.key"], directory, path);
        var stages = new List<Stage>();
        if (signature == ChainSignature)
        {
            for (int i = 0; entries.ContainsKey($"{directory}Transform_{i:000}/Model.key"); i++)
            {
                stages.Add(ReadStage(entries, $"{directory}Transform_{i:000}/", path));
            }
        }

        // the sub-models below this directory that are not stages of its own (a prediction transformer's model, …)
        var parts = new List<Stage>();
        if (signature != ChainSignature)
        {
            foreach (string key in entries.Keys.Where(k => k.StartsWith(directory, StringComparison.Ordinal) && k.EndsWith("/Model.key", StringComparison.Ordinal) && k != directory + "Model.key").Order(StringComparer.Ordinal))
            {
                (string partSignature, string partAssembly) = Header(entries[key], key, path);
                parts.Add(new Stage(key[..^"Model.key".Length], partSignature, partAssembly, [], []));
            }
        }

        return new Stage(directory, signature, assembly, stages, parts);
    }

    private static (string Signature, string Assembly) Header(byte[] key, string entry, string path)
    {
        if (key.Length < 0x100 || Encoding.ASCII.GetString(key, 0, 8) != "ML\0MODEL")
        {
            throw new CliException($"{path}: {entry} is not an ML.NET model entry (no ML.MODEL header)");
        }

        string signature = Encoding.ASCII.GetString(key, 0x50, 24).Split('\0')[0];
        long at = BitConverter.ToInt64(key, 0x90);
        long count = BitConverter.ToInt64(key, 0x98);
        string assembly = at > 0 && count > 0 && at + count <= key.Length
            ? Encoding.Unicode.GetString(key, (int)at, (int)count).Split(',')[0]
            : "unknown assembly";
        return (signature, assembly);
    }

    /// <summary>
    /// The model with every stage for which <paramref name="keep"/> is false replaced by an empty <c>TransformerChain</c>
    /// (which passes its input through), loaded with ML.NET. Nothing of a replaced stage is read, so its component need
    /// not be loadable.
    /// </summary>
    public ITransformer Load(MLContext ml, Func<Stage, bool> keep, out DataViewSchema? schema)
    {
        byte[] empty = EmptyChainKey(ml);
        var kept = new Dictionary<string, byte[]>(_entries, StringComparer.Ordinal);
        var replaced = new List<string>();
        foreach (Stage stage in AllStages.Where(s => s != Chain && !keep(s)))
        {
            if (replaced.Any(r => stage.Directory.StartsWith(r, StringComparison.Ordinal)))
            {
                continue; // inside a stage already replaced
            }

            replaced.Add(stage.Directory);
            foreach (string key in kept.Keys.Where(k => k.StartsWith(stage.Directory, StringComparison.Ordinal)).ToArray())
            {
                kept.Remove(key);
            }

            kept[stage.Directory + "Model.key"] = empty;
        }

        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in kept.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                using Stream stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        memory.Position = 0;
        return ml.Model.Load(memory, out schema);
    }

    /// <summary>Every stage of <paramref name="chain"/> at any depth, in order (a chain before its stages).</summary>
    public static IEnumerable<Stage> Flatten(Stage chain)
    {
        foreach (Stage stage in chain.Stages)
        {
            yield return stage;
            foreach (Stage inner in Flatten(stage))
            {
                yield return inner;
            }
        }
    }

    private static byte[] EmptyChainKey(MLContext ml)
    {
        using var memory = new MemoryStream();
        ml.Model.Save(new Microsoft.ML.Data.TransformerChain<ITransformer>(), null, memory);
        memory.Position = 0;
        using var zip = new ZipArchive(memory, ZipArchiveMode.Read);
        using Stream stream = zip.GetEntry(Root + "Model.key")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
