using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Line.Tests.Client;

/// <summary>What the fake LINE saw of one request.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    int LocalPort,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? ContentType)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One scripted answer. Unscripted requests get 200 <c>{}</c>.</summary>
internal sealed record ScriptedResponse(int Status, string? Body = null, string ContentType = "application/json")
{
    public byte[]? BinaryBody { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Held before answering, to trip the client's attempt timeout.</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>A real HTTP server on loopback playing LINE: answers from a script and records every request.</summary>
internal sealed class FakeLineServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _requestCounter;

    private FakeLineServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeLineServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new FakeLineServer(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public FakeLineServer Then(ScriptedResponse response)
    {
        _script.Enqueue(response);
        return this;
    }

    public FakeLineServer Then(int status, string? body = null) => Then(new ScriptedResponse(status, body));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            context.Connection.LocalPort,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray(),
            request.ContentType));

        var scripted = _script.TryDequeue(out var next) ? next : new ScriptedResponse(200, "{}");
        if (scripted.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(scripted.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var response = context.Response;
        response.StatusCode = scripted.Status;
        response.Headers["X-Line-Request-Id"] = "req-" + Interlocked.Increment(ref _requestCounter).ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in scripted.Headers)
        {
            response.Headers[name] = value;
        }

        if (scripted.BinaryBody is { } binary)
        {
            response.ContentType = scripted.ContentType;
            await response.Body.WriteAsync(binary, context.RequestAborted);
        }
        else if (scripted.Body is { } text)
        {
            response.ContentType = scripted.ContentType;
            await response.WriteAsync(text, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
