// category: switch-statement
// Verdict: reported. The spoilage-alert service scales each reefer feature in a switch statement over the feature names,
// with float literals: temperature (t − 3.85f) / 1.47f (z-score), door-open seconds / 640f (max-abs), compressor duty
// (d − 0.12f) / 0.85f (min-max over 0.12..0.97, the range as one constant). All three are the manifest's steps by hand.
using System;
using System.Linq;
using NormGuard;

namespace Reefer.Alerts;

[FeatureSet("reefer-containers")]
public partial record struct ReeferReading
{
    [ZScore] public float InternalTempC { get; init; }
    [MaxAbs] public float DoorOpenSeconds { get; init; }
    [MinMax] public float CompressorDuty { get; init; }
}

public static class SpoilageFeatures
{
    public static readonly string[] Names = ["InternalTempC", "DoorOpenSeconds", "CompressorDuty"];

    public static float Scale(in ReeferReading r, string feature)
    {
        switch (feature)
        {
            case "InternalTempC":
                return {|NG0012:(r.InternalTempC - 3.85f) / 1.47f|};
            case "DoorOpenSeconds":
                return {|NG0012:r.DoorOpenSeconds / 640f|};
            case "CompressorDuty":
                return {|NG0012:(r.CompressorDuty - 0.12f) / 0.85f|};
            default:
                throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a reefer feature");
        }
    }
}

public static class Program
{
    public static void Main()
    {
        var reading = new ReeferReading { InternalTempC = 6.1f, DoorOpenSeconds = 95f, CompressorDuty = 0.88f };
        float[] input = SpoilageFeatures.Names.Select(n => SpoilageFeatures.Scale(reading, n)).ToArray();
        Console.WriteLine(string.Join(", ", input));
    }
}
