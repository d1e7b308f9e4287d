namespace NormGuard.Analyzers.Tests;

/// <summary>A small feature record and its manifest, varied by each rule's tests.</summary>
internal static class Sources
{
    public const string ManifestPath = "/project/houses.normguard.json";

    public const string Manifest = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "houses",
          "version": 3,
          "profile": "sklearn",
          "fit": { "split": "train", "rows": 1000, "source": "houses.csv" },
          "features": [
            { "name": "Area", "steps": [ { "op": "zscore", "mean": 82.5, "std": 37.5 } ] },
            { "name": "Rooms", "steps": [ { "op": "minmax", "min": 1, "max": 8, "low": 0, "high": 1, "clip": true } ] },
            { "name": "Kind", "steps": [ { "op": "onehot", "categories": ["Flat", "Villa"] } ] },
            { "name": "Garden", "steps": [ { "op": "passthrough" } ] }
          ]
        }
        """;

    public static (string, string) ManifestFile(string text = Manifest) => (ManifestPath, text);

    public const string Usings = """
        using NormGuard;

        public enum HouseKind { Flat, Villa }

        """;
}
