using NormGuard;

namespace NormGuard.Tests.PropertyTests;

public enum Weekday
{
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// <summary>
/// One-hot members of every kind (Manifests/Property/prop_onehot.normguard.json): an enum in an order that is not its
/// declaration order, strings that need escaping (more than 16: a switch), integers at the extremes, 20 integer codes
/// (a switch), and nullable members under "allZeros" with missing values propagated; OtherDay is a non-nullable enum
/// under "allZeros", whose unknown values cannot come back.
/// </summary>
[FeatureSet("prop_onehot", Version = 1)]
public partial record struct PropOneHot
{
    [OneHot] public Weekday Day { get; init; }
    [OneHot] public string Color { get; init; }
    [OneHot] public int Code { get; init; }
    [OneHot] public long Many { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public Weekday? MaybeDay { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? MaybeColor { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public int? MaybeCode { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public Weekday OtherDay { get; init; }
}
