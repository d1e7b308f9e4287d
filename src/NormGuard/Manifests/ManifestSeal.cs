using System;
using System.Collections.Generic;
using NormGuard.Manifests;

namespace NormGuard;

/// <summary>What <see cref="ManifestSeal.Seal"/> found and wrote.</summary>
internal sealed record SealOutcome(string Json, bool Changed, string? PreviousSha256, string Sha256, bool HadHash);

/// <summary>
/// Accepting a deliberate hand edit: the manifest gets a <c>sha256</c> for its current content and an entry in
/// <c>edits</c> saying when, what the hash was and why, so the edit is on record rather than silently trusted.
/// </summary>
internal static class ManifestSeal
{
    /// <summary>
    /// Seals <paramref name="text"/>. Every check of the reader applies except the hash; a manifest whose hash
    /// already matches is returned unchanged. Throws <see cref="ManifestException"/> for any other problem.
    /// </summary>
    public static SealOutcome Seal(string text, string? sourceName, DateTimeOffset at, string? reason, string tool)
    {
        ManifestReadResult read = ManifestReader.ReadForSeal(text, out JsonNode? document);
        if (!read.Succeeded)
        {
            throw Problems(read, sourceName);
        }

        ManifestData data = read.Manifest!;
        if (data.Seal == SealState.Sealed)
        {
            return new SealOutcome(text, Changed: false, data.DeclaredSha256, data.Sha256, HadHash: true);
        }

        var edit = new ManifestEdit(at) { PreviousSha256 = data.DeclaredSha256, Reason = reason, Tool = tool };
        JsonNode sealedDocument = WithEdit(document!, edit);
        string sha256 = CanonicalJson.Sha256Hex(CanonicalJson.Write(sealedDocument, "sha256"));
        string json = ManifestJson.WriteIndented(ManifestJson.WithSha256(sealedDocument, sha256));

        // What was written must read back sealed, with the hash just computed: a seal that the build would refuse is a bug.
        ManifestReadResult check = ManifestReader.Read(json);
        if (!check.Succeeded || check.Manifest!.Seal != SealState.Sealed || check.Manifest.Sha256 != sha256)
        {
            throw new InvalidOperationException("The sealed manifest does not read back sealed; nothing was written.");
        }

        return new SealOutcome(json, Changed: true, data.DeclaredSha256, sha256, HadHash: data.DeclaredSha256 is not null);
    }

    private static JsonNode WithEdit(JsonNode document, ManifestEdit edit)
    {
        JsonNode copy = JsonNode.NewObject();
        bool added = false;
        foreach (JsonProperty property in document.Properties!)
        {
            if (property.Name == "sha256")
            {
                continue;
            }

            if (property.Name == "edits")
            {
                JsonNode edits = JsonNode.NewArray();
                edits.Items!.AddRange(property.Value.Items!);
                edits.Items.Add(ManifestJson.EditNode(edit));
                copy.Add("edits", edits);
                added = true;
                continue;
            }

            copy.Add(property.Name, property.Value);
        }

        if (!added)
        {
            JsonNode edits = JsonNode.NewArray();
            edits.Items!.Add(ManifestJson.EditNode(edit));
            copy.Add("edits", edits);
        }

        return copy;
    }

    private static ManifestException Problems(ManifestReadResult read, string? sourceName)
    {
        var problems = new List<ManifestProblem>();
        foreach (ManifestError error in read.Errors)
        {
            problems.Add(new ManifestProblem(error.Message, error.Range.StartLine + 1, error.Range.StartColumn + 1));
        }

        return new ManifestException(sourceName, problems);
    }
}
