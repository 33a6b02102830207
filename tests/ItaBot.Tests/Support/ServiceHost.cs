using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.Line.Webhook;
using ItaBot.Simulator;
using ItaBot.Webhook;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Tests.Support;

/// <summary>
/// The whole service in-process (WebApplicationFactory) with a real LiteDB file in a fresh temporary directory,
/// talking over real HTTP on loopback to a <see cref="LineStandIn"/>. Every log line is kept for assertions.
/// </summary>
internal sealed class ServiceHost : WebApplicationFactory<Program>
{
    public const string Secret = "0123456789abcdef0123456789abcdef";

    /// <summary>The staff key ring's key for LINE-mode tests (a deployment keeps its own outside the data directory).</summary>
    public const string KeyRingKey = "dGVzdC1vbmx5IGtleSByaW5nIGtleSwgMzIgYnl0ZXM=";

    /// <summary>The vault key every test service gets unless its settings name ItaBot:Vault:Kek or KekFile (a LINE deployment needs one to start).</summary>
    public static readonly string VaultKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly Action<IServiceCollection>? _services;
    private readonly Dictionary<string, string?> _settings;

    public ServiceHost(LineStandIn line, string? dataDirectory = null, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        Line = line;
        DataDirectory = dataDirectory ?? TempDirectory.Create();
        _services = services;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Storage:DataDirectory"] = DataDirectory,
            ["ItaBot:Line:ChannelSecret"] = Secret,
            ["ItaBot:Line:ChannelAccessToken"] = "test-token",
            ["ItaBot:Staff:KeyRingKey"] = KeyRingKey,
            ["ItaBot:Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            ["ItaBot:Line:DataApiBaseUrl"] = line.BaseAddress.ToString(),
            ["ItaBot:Line:Timeout"] = "00:00:01",
            ["ItaBot:Line:TotalTimeout"] = "00:00:03",
            ["ItaBot:Line:Retry:MaxRetryAttempts"] = "1",
            ["ItaBot:Line:Retry:BaseDelay"] = "00:00:00.050",
            ["ItaBot:Line:Retry:MaxDelay"] = "00:00:00.200",
            ["ItaBot:Line:Retry:MaxRetryAfter"] = "00:00:01",
            ["ItaBot:Processing:RetryInitialDelay"] = "00:00:00.100",
            ["ItaBot:Processing:RetryMaxDelay"] = "00:00:00.500",
            ["ItaBot:Processing:MaxAttempts"] = "3",
            ["ItaBot:Reports:CompileMissedNightAtStart"] = "false",
            // Between 08:30 and noon Bangkok a host would push every linked officer a digest as it starts: tests that count
            // pushes would then fail by the hour they run at. DailyDigestTests test the catch-up itself.
            ["ItaBot:Notifications:DigestMissedMorningAtStart"] = "false",
            // The privacy notice opens every new conversation; tests of other flows read their first message as the flow's
            // own. Privacy/PrivacyNoticeTests turn it on (the production default).
            ["ItaBot:Privacy:NoticeAtFirstContact"] = "false",   // a compile at every host start is noise; one test turns it on
        };
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                _settings[key] = value;
            }
        }

        if (!_settings.ContainsKey("ItaBot:Vault:Kek") && !_settings.ContainsKey("ItaBot:Vault:KekFile"))
        {
            _settings["ItaBot:Vault:Kek"] = VaultKey;
        }
    }

    /// <summary>
    /// Serves over real HTTP (Kestrel on a loopback port the system picks) instead of the in-memory test server, so clients
    /// from CreateClient talk to this node through a socket (tests of several nodes). Call before first use.
    /// </summary>
    public ServiceHost OverLoopback()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        ClientOptions.BaseAddress = new Uri(addresses.Single());
        OnLoopback = true;
        return this;
    }

    /// <summary>Whether <see cref="OverLoopback"/> made this node serve over a socket.</summary>
    public bool OnLoopback { get; private set; }

    /// <summary>
    /// A client for tests that read responses as a browser gets them (redirects not followed, cookies kept or not): over the
    /// socket for a node on loopback (the factory's own clients follow redirects there whatever they are told), else in memory.
    /// </summary>
    public HttpClient CreateBrowserClient(bool cookies) => OnLoopback
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies }) { BaseAddress = ClientOptions.BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });

    public LineStandIn Line { get; }

    public string DataDirectory { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services => _services?.Invoke(services));
    }

    /// <summary>Posts a body signed as LINE would sign it (to another agency's <paramref name="path"/> with its <paramref name="secret"/>).</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature = null, string path = "/webhook", string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Line-Signature", signature ?? WebhookSignature.Compute(bytes, secret ?? Secret));
        return CreateClient().SendAsync(request);
    }

    /// <summary>
    /// Waits until no event waits in the inbox and no answer in the outbox: from then on nothing more goes to LINE, so a
    /// test can count what was sent (instead of sleeping on a guess).
    /// </summary>
    public Task NothingLeftToSendAsync()
    {
        var inbox = Services.GetRequiredService<IInboxStore>();
        var outbox = Services.GetRequiredService<IOutboxStore>();
        return Wait.UntilAsync(() => inbox.Count(InboxState.Pending) == 0 && outbox.Count(OutboxState.Pending) == 0, TimeSpan.FromSeconds(20),
            "inbox and outbox empty");
    }

    /// <summary>Waits until every answer the service queued is recorded as sent (or given up).</summary>
    public Task AnswersSentAsync()
    {
        var outbox = Services.GetRequiredService<IOutboxStore>();
        return Wait.UntilAsync(() => outbox.Count(OutboxState.Pending) == 0, TimeSpan.FromSeconds(20), "outbox empty");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

internal sealed class CollectingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Collecting(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class Collecting(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

internal static class TempDirectory
{
    /// <summary>
    /// One folder per test process under the system's temp folder, removed when the process exits: the tests' data
    /// directories used to stay behind after every run (29 GB of them had filled a developer machine's disk).
    /// </summary>
    private static readonly Lazy<string> RunRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "itabot-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    });

    public static string Create()
    {
        var path = Path.Combine(RunRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still being written by a child process: the folder stays, as every folder did before.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
