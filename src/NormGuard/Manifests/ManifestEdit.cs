using System;

namespace NormGuard;

/// <summary>
/// A deliberate hand edit of a manifest, accepted with <c>normguard seal</c>: when, the hash the file had before
/// (null when it had none), and why. Kept in the manifest's <c>edits</c> list, which its <c>sha256</c> covers.
/// </summary>
public sealed record ManifestEdit(DateTimeOffset At)
{
    public string? PreviousSha256 { get; init; }

    public string? Reason { get; init; }

    /// <summary>The program that sealed the edit, e.g. "normguard 0.1.0".</summary>
    public string? Tool { get; init; }
}
