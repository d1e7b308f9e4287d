using System.Text.Json.Serialization;

namespace NormGuard;

/// <summary>
/// System.Text.Json metadata generated at build time for <see cref="DriftReport"/> and every type it holds
/// (<see cref="FeatureDrift"/>, <see cref="EmbeddingDrift"/>, <see cref="DriftThresholds"/>, …), for trimmed and
/// native AOT services: <c>JsonSerializer.Serialize(report, NormGuardJsonContext.Default.DriftReport)</c> writes, without
/// reflection, the same JSON as <c>JsonSerializer.Serialize(report)</c> with the default options (undefined figures as
/// <c>null</c>; docs/drift.md, "Serving the report").
/// </summary>
[JsonSerializable(typeof(DriftReport))]
public sealed partial class NormGuardJsonContext : JsonSerializerContext
{
}
