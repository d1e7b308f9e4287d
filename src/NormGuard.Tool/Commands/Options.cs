using System;
using System.CommandLine;
using System.Linq;

namespace NormGuard.Tool.Commands;

/// <summary>Options and parsing shared by several commands.</summary>
internal static class Options
{
    public static Option<string> Manifest(string name, string description, bool required = true) =>
        new(name) { Description = description, Required = required };

    public static NormalizationProfile? ParseProfile(string? text) => text switch
    {
        null => null,
        "normguard" => NormalizationProfile.NormGuard,
        "sklearn" => NormalizationProfile.ScikitLearn,
        "onnx" => NormalizationProfile.Onnx,
        "mlnet" => NormalizationProfile.MLNet,
        "spark" => NormalizationProfile.Spark,
        _ => throw new CliException($"unknown profile '{text}' (normguard, sklearn, onnx, mlnet, spark)"),
    };

    public static readonly string[] Profiles = { "normguard", "sklearn", "onnx", "mlnet", "spark" };

    public static Option<string> Profile() =>
        new Option<string>("--profile") { Description = "Whose statistics to follow: " + string.Join(", ", Profiles) }
            .AcceptOnlyFromAmong(Profiles);

    public static string ProfileName(NormalizationProfile profile) => Profiles[(int)profile];
}
