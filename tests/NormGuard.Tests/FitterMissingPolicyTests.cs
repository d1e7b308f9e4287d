using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>A fitter-only record with every kind of member, declared nullable and not (NG0001 is off in this project).</summary>
[FeatureSet("missing_defaults", Profile = NormalizationProfile.ScikitLearn)]
public partial record MissingDefaultsRow
{
    [OneHot] public string Plain { get; init; } = "a";
    [OneHot] public string? Optional { get; init; }
#nullable disable
    [OneHot] public string Oblivious { get; init; } = "a";
#nullable restore
    [ZScore] public double Amount { get; init; }
    [ZScore] public double? MaybeAmount { get; init; }
    [OneHot] public Shade Shade { get; init; }
    [OneHot] public Shade? MaybeShade { get; init; }
    [Passthrough] public bool Flag { get; init; }
    [Passthrough] public bool? MaybeFlag { get; init; }
}

public enum Shade
{
    Light,
    Dark,
}

/// <summary>
/// The missing-value policy the generated fitter writes follows the member's declared nullability: "propagate" only where
/// the declaration expects missing values (<c>T?</c>), "error" everywhere else — so a null in a <c>string</c> member throws
/// when normalized instead of turning into NaN one-hot outputs.
/// </summary>
public sealed class FitterMissingPolicyTests
{
    [Fact]
    public void Non_nullable_members_get_error_and_nullable_ones_propagate()
    {
        FeatureSetFitter<MissingDefaultsRow> fitter = MissingDefaultsRow.CreateFitter();
        fitter.Add(new MissingDefaultsRow { Plain = "a", Optional = "x", Oblivious = "o", Amount = 1, MaybeAmount = 2, Shade = Shade.Dark, MaybeShade = Shade.Light, Flag = true, MaybeFlag = false });
        fitter.Add(new MissingDefaultsRow { Plain = "b", Optional = null, Oblivious = "p", Amount = 3, MaybeAmount = null, Shade = Shade.Light, MaybeShade = null, Flag = false, MaybeFlag = null });

        Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);

        var expected = new (string Feature, MissingValuePolicy Policy)[]
        {
            ("Plain", MissingValuePolicy.Error),
            ("Optional", MissingValuePolicy.Propagate),
            ("Oblivious", MissingValuePolicy.Error),
            ("Amount", MissingValuePolicy.Error),
            ("MaybeAmount", MissingValuePolicy.Propagate),
            ("Shade", MissingValuePolicy.Error),
            ("MaybeShade", MissingValuePolicy.Propagate),
            ("Flag", MissingValuePolicy.Error),
            ("MaybeFlag", MissingValuePolicy.Propagate),
        };
        Assert.Equal(expected, manifest.Features.Select(f => (f.Name, f.Missing)).ToArray());

        // The nulls were still counted, where the declaration allowed them.
        Assert.Equal(1, manifest.Features.Single(f => f.Name == "Optional").Stats!.Missing);
        Assert.Equal(1, manifest.Features.Single(f => f.Name == "MaybeAmount").Stats!.Missing);
    }

    [Fact]
    public void A_null_in_a_non_nullable_string_is_counted_and_its_policy_stays_error()
    {
        // Annotations are not enforced at run time: a null can still arrive. It is counted as missing, and the policy
        // written is still "error", so Normalize refuses such a row rather than emitting NaN.
        FeatureSetFitter<MissingDefaultsRow> fitter = MissingDefaultsRow.CreateFitter();
        fitter.Add(new MissingDefaultsRow { Plain = null!, Optional = "x", MaybeAmount = 1, MaybeShade = Shade.Dark });
        fitter.Add(new MissingDefaultsRow { Plain = "a", Optional = "x", MaybeAmount = 1, MaybeShade = Shade.Dark });

        FeatureManifest plain = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1).Features[0];

        Assert.Equal("Plain", plain.Name);
        Assert.Equal(MissingValuePolicy.Error, plain.Missing);
        Assert.Equal(1, plain.Stats!.Missing);
    }
}
