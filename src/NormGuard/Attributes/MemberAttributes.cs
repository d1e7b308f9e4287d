using System;

namespace NormGuard;

/// <summary>Declares a categorical code (a store id, a zip code): it may be one-hot encoded but never scaled.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class CategoricalAttribute : Attribute
{
}

/// <summary>The member's column name in the manifest, when it differs from the member name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class FeatureNameAttribute : Attribute
{
    public FeatureNameAttribute(string name) => Name = name;

    public string Name { get; }
}

/// <summary>The member is not a feature (an id, a label, a comment).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class IgnoreAttribute : Attribute
{
}

/// <summary>
/// Emitted by the generator for every bound feature set, so that analyzers in any assembly that references
/// several can see which manifest version and hash each binds.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FeatureSetBindingAttribute : Attribute
{
    public FeatureSetBindingAttribute(string featureSet, int version, string sha256)
    {
        FeatureSet = featureSet;
        Version = version;
        Sha256 = sha256;
    }

    public string FeatureSet { get; }

    public int Version { get; }

    public string Sha256 { get; }
}
