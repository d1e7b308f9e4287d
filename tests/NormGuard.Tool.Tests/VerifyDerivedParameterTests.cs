using System;
using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>verify</c> refuses what the generator refuses: NG0011 rejects a finite parameter whose derived operand is not finite
/// under the profile, and the generator then emits no code, so no output can "match" it.
/// </summary>
public sealed class VerifyDerivedParameterTests(ITestOutputHelper output)
{
    [Theory]
    // ONNX's Scaler multiplies by 1/std in float32: a std of 0 gives +∞ (scikit-learn would have stored 1).
    [InlineData("onnx", "0", "profile onnx")]
    // NormGuard's own profile bakes 1/std in float32: a std of 1e-320 gives +∞.
    [InlineData("normguard", "1e-320", "profile normguard")]
    public void A_derived_operand_that_is_not_finite_is_refused_naming_the_feature_and_NG0011(string profile, string std, string named)
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("m.json"), $$"""
            {"format":"normguard.manifest/1","featureSet":"v","version":1,"profile":"{{profile}}",
             "features":[{"name":"width","steps":[{"op":"zscore","mean":1.5,"std":{{std}}}]}]}
            """);
        File.WriteAllLines(temp.File("v.csv"), ["width,out:width", "2,inf"]);

        ToolResult result = ToolRunner.Run("verify", "--manifest", temp.File("m.json"), "--vectors", temp.File("v.csv"));

        output.WriteLine(result.ToString());
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("every compared output matches", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("feature 'width'", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("NG0011", result.ToString(), StringComparison.Ordinal);
        Assert.Contains(named, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_manifest_with_a_representable_scale_verifies()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("m.json"), """
            {"format":"normguard.manifest/1","featureSet":"v","version":1,"profile":"onnx",
             "features":[{"name":"width","steps":[{"op":"zscore","mean":1.5,"std":2}]}]}
            """);
        File.WriteAllLines(temp.File("v.csv"), ["width,out:width", "2,0.25"]);

        ToolResult result = ToolRunner.Run("verify", "--manifest", temp.File("m.json"), "--vectors", temp.File("v.csv"));

        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 cells compared (bit for bit), 0 mismatched", result.Output, StringComparison.Ordinal);
    }
}
