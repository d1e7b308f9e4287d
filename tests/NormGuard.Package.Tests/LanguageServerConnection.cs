using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace NormGuard.Package.Tests;

/// <summary>
/// A language server process spoken to as an editor does: JSON-RPC 2.0 over its standard input and output, each
/// message framed by a <c>Content-Length</c> header. Requests the server sends to the client (configuration,
/// capability registration, progress tokens) are answered by the function given to <see cref="Start"/>.
/// </summary>
public sealed class LanguageServerConnection : IDisposable
{
    private readonly Process process;
    private readonly Stream input;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> pending = new();
    private readonly StringBuilder standardError = new();
    private readonly ConcurrentQueue<string> transcript = new();
    private readonly Func<string, JsonNode?, JsonNode?> answerServerRequest;
    private readonly Task reader;
    private long nextId;

    private LanguageServerConnection(Process process, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        this.process = process;
        this.answerServerRequest = answerServerRequest;
        input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (standardError)
            {
                standardError.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every message in both directions, one line each, for a failure's explanation.</summary>
    public IEnumerable<string> Transcript => transcript;

    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    public static LanguageServerConnection Start(ProcessStartInfo start, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new LanguageServerConnection(Process.Start(start)!, answerServerRequest);
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        long id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }).ConfigureAwait(false);
        using (cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken)))
        {
            return await answer.Task.ConfigureAwait(false);
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>LSP's orderly end: <c>shutdown</c>, then <c>exit</c>; the process is killed if it does not leave.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RequestAsync("shutdown", null, cancellationToken).ConfigureAwait(false);
            await NotifyAsync("exit", null).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await reader.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // It did not stop in time or its pipe is gone: Dispose kills it.
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        writeLock.Dispose();
    }

    private async Task WriteAsync(JsonObject message)
    {
        string json = message.ToJsonString();
        transcript.Enqueue("-> " + json);
        byte[] body = Encoding.UTF8.GetBytes(json);
        byte[] header = Encoding.ASCII.GetBytes("Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");
        await writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await input.WriteAsync(header).ConfigureAwait(false);
            await input.WriteAsync(body).ConfigureAwait(false);
            await input.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        Stream output = process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(output).ConfigureAwait(false) is { } message)
            {
                transcript.Enqueue("<- " + message.ToJsonString());
                await DispatchAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process ended; the pending requests fail below.
        }

        foreach (TaskCompletionSource<JsonNode?> answer in pending.Values)
        {
            answer.TrySetException(new IOException("The language server closed its output before answering.\n" + StandardError));
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        bool hasId = message.TryGetPropertyValue("id", out JsonNode? idNode) && idNode is not null;
        if (message["method"] is JsonValue methodNode)
        {
            if (hasId)
            {
                JsonNode? result = answerServerRequest(methodNode.GetValue<string>(), message["params"]);
                await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = idNode!.DeepClone(), ["result"] = result }).ConfigureAwait(false);
            }

            return;
        }

        if (hasId && pending.TryRemove(idNode!.GetValue<long>(), out TaskCompletionSource<JsonNode?>? answer))
        {
            if (message["error"] is JsonObject error)
            {
                answer.TrySetException(new InvalidOperationException("The language server answered with an error: " + error.ToJsonString()));
            }
            else
            {
                answer.TrySetResult(message["result"]?.DeepClone());
            }
        }
    }

    /// <summary>One framed message, or null at the end of the stream. Headers are ASCII lines ending in CR LF, an empty
    /// line ends them, and <c>Content-Length</c> counts the UTF-8 bytes of the body that follows.</summary>
    private static async Task<JsonObject?> ReadMessageAsync(Stream stream)
    {
        int? length = null;
        while (true)
        {
            string? line = await ReadHeaderLineAsync(stream).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            const string Name = "Content-Length:";
            if (line.StartsWith(Name, StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line.AsSpan(Name.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        if (length is not { } count)
        {
            throw new InvalidDataException("A language server message came without a Content-Length header.");
        }

        byte[] body = new byte[count];
        await stream.ReadExactlyAsync(body).ConfigureAwait(false);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }

            line.Add(one[0]);
        }
    }
}
