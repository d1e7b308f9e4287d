using System;
using System.IO;

namespace NormGuard.Tool.Data;

/// <summary>A fresh directory under the system's temporary folder, deleted with what it holds when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "normguard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temporary file that cannot be removed is left to the system's cleanup, not turned into a failed fit.
        }
    }
}
