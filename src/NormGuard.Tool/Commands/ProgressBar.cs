using System;
using System.IO;
using Spectre.Console;

namespace NormGuard.Tool.Commands;

/// <summary>A progress bar on an interactive terminal for inputs large enough to wait for; silent otherwise.</summary>
internal sealed class ProgressBar : IDisposable
{
    private const long Threshold = 64L << 20;

    private readonly ProgressTask? _task;
    private readonly System.Threading.Tasks.Task? _running;
    private readonly System.Threading.ManualResetEventSlim _done = new();

    private ProgressBar(long total, string description)
    {
        var started = new System.Threading.ManualResetEventSlim();
        ProgressTask? task = null;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _running = System.Threading.Tasks.Task.Run(() => console.Progress().AutoClear(true).Start(context =>
        {
            task = context.AddTask(description, maxValue: total);
            started.Set();
            _done.Wait();
            task.Value = total;
        }));
        started.Wait();
        _task = task;
    }

    private ProgressBar()
    {
    }

    /// <summary>Shows a bar only for a real terminal (not redirected, not a test's writer) and at least 64 MB of input.</summary>
    public static ProgressBar Start(TextWriter error, long totalBytes, string description) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && totalBytes >= Threshold
            ? new ProgressBar(totalBytes, description)
            : new ProgressBar();

    public void Report(long bytes)
    {
        if (_task is not null)
        {
            _task.Value = bytes;
        }
    }

    public void Dispose()
    {
        _done.Set();
        _running?.Wait();
        _done.Dispose();
    }
}
