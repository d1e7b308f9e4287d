namespace NormGuard.Generators.Tests;

/// <summary>Small hand-written manifests and records that exercise every op and profile.</summary>
internal static class TestManifests
{
    public const string DiamondsSource = """
        using NormGuard;

        namespace Shop.Pricing;

        [FeatureSet("diamonds", Version = 3, Profile = NormalizationProfile.ScikitLearn)]
        public partial record struct Diamond
        {
            [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
            [FeatureName("cut"), OneHot] public string Cut { get; init; }
            [FeatureName("depth"), ZScore] public double Depth { get; init; }
            [FeatureName("table"), MinMax(0, 1, Clip = true)] public double Table { get; init; }
            [FeatureName("x"), Robust] public double X { get; init; }
            [FeatureName("y"), MaxAbs] public double Y { get; init; }
            [Ignore] public double Price { get; init; }
        }
        """;

    public const string DiamondsManifest = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "diamonds",
          "version": 3,
          "profile": "sklearn",
          "dtype": "float64",
          "fit": { "split": "train", "rows": 43152, "source": "diamonds.csv" },
          "features": [
            { "name": "carat", "steps": [ { "op": "log1p" }, { "op": "zscore", "mean": 0.4, "std": 0.22 } ] },
            { "name": "cut", "steps": [ { "op": "onehot", "categories": ["Fair", "Good", "Very Good", "Premium", "Ideal"], "unknown": "error" } ] },
            { "name": "depth", "steps": [ { "op": "zscore", "mean": 61.749, "std": 1.4326 } ] },
            { "name": "table", "steps": [ { "op": "minmax", "min": 43, "max": 95, "low": 0, "high": 1, "clip": true } ] },
            { "name": "x", "steps": [ { "op": "robust", "center": 5.7, "scale": 1.83, "lower": 25, "upper": 75 } ] },
            { "name": "y", "steps": [ { "op": "maxabs", "maxabs": 58.9 } ] }
          ]
        }
        """;

    /// <summary>All float32 fields in manifest order: the batch becomes one vector stream.</summary>
    public const string SensorSource = """
        using NormGuard;

        namespace Plant;

        [FeatureSet("sensor")]
        public partial struct Sensor
        {
            [ZScore] public float Temperature;
            [MinMax(-1, 1, Clip = true)] public float Pressure;
            [MaxAbs] public float Vibration;
            [Robust, Clip(-5, 5)] public float Current;
            [Passthrough] public float Load;
        }
        """;

    public const string SensorManifest = """
        {"format":"normguard.manifest/1","featureSet":"sensor","version":12,"profile":"normguard","dtype":"float32",
         "fit":{"split":"train","rows":1000000},
         "features":[
          {"name":"Temperature","steps":[{"op":"zscore","mean":71.5,"std":3.25}]},
          {"name":"Pressure","steps":[{"op":"minmax","min":0.5,"max":9.5,"low":-1,"high":1,"clip":true}]},
          {"name":"Vibration","steps":[{"op":"maxabs","maxabs":0.125}]},
          {"name":"Current","steps":[{"op":"robust","center":12,"scale":0.75},{"op":"clip","min":-5,"max":5}]},
          {"name":"Load","steps":[{"op":"passthrough"}]}
         ]}
        """;

    /// <summary>Spark profile, class record, nullable members with every missing policy, enum and integer one-hot.</summary>
    public const string VisitSource = """
        using NormGuard;

        namespace Clinic
        {
            public enum Ward { General, Surgery, Pediatrics }

            public static partial class Models
            {
                [FeatureSet("visits", Manifest = "models/visits.normguard.json")]
                public partial record Visit(
                    [property: ZScore] double? Age,
                    [property: MinMax] double? Weight,
                    [property: OneHot(Unknown = UnknownCategory.AllZeros)] Ward? Ward,
                    [property: OneHot] int Floor,
                    [property: Passthrough] bool Emergency,
                    [property: Log, ZScore] double? Cost,
                    [property: Ignore] string? Note);
            }
        }
        """;

    public const string VisitManifest = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "visits",
          "version": 1,
          "profile": "spark",
          "fit": { "split": "train", "rows": 5000 },
          "features": [
            { "name": "Age", "steps": [ { "op": "zscore", "mean": 47.5, "std": 18.25 } ], "missing": "propagate" },
            { "name": "Weight", "steps": [ { "op": "minmax", "min": 2.5, "max": 180 } ], "missing": { "fill": 70 } },
            { "name": "Ward", "steps": [ { "op": "onehot", "categories": ["General", "Surgery", "Pediatrics"], "unknown": "allZeros" } ], "missing": "propagate" },
            { "name": "Floor", "steps": [ { "op": "onehot", "categories": ["1", "2", "3", "-1"] } ] },
            { "name": "Emergency", "steps": [ { "op": "passthrough" } ] },
            { "name": "Cost", "steps": [ { "op": "log" }, { "op": "zscore", "mean": 6.5, "std": 0 } ], "missing": "error" }
          ]
        }
        """;
}
