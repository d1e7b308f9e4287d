using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// Compares text with a committed baseline in Snapshots/. On a difference it writes <c>*.received.txt</c> beside the
/// baseline and fails; set NORMGUARD_ACCEPT_SNAPSHOTS=1 to overwrite the baselines after reviewing the change.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.txt");
        string received = Path.Combine(directory, name + ".received.txt");
        if (Environment.GetEnvironmentVariable("NORMGUARD_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        string expected = File.Exists(verified) ? File.ReadAllText(verified) : string.Empty;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"Generated code differs from {verified}; see {received} (diff them, and accept with NORMGUARD_ACCEPT_SNAPSHOTS=1 if the change is intended).");
    }
}
