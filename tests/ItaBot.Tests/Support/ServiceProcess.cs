using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ItaBot.Line.Webhook;

namespace ItaBot.Tests.Support;

/// <summary>
/// The service as a real child process (the built ItaBot.dll), so a test can kill it with SIGKILL mid-load and
/// start it again on the same data directory.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Runs the built ItaBot.dll as the command line does (e.g. <c>restore --from FILE</c>) on <paramref name="dataDirectory"/>: its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(Uri lineBaseAddress, string dataDirectory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(lineBaseAddress, dataDirectory, environment, arguments)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo StartInfo(Uri lineBaseAddress, string dataDirectory, IDictionary<string, string?>? environment, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ItaBot.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ItaBot__Storage__DataDirectory"] = dataDirectory;
        info.Environment["ItaBot__Line__ChannelSecret"] = ServiceHost.Secret;
        info.Environment["ItaBot__Line__ChannelAccessToken"] = "test-token";
        info.Environment["ItaBot__Staff__KeyRingKey"] = ServiceHost.KeyRingKey;
        info.Environment["ItaBot__Line__ApiBaseUrl"] = lineBaseAddress.ToString();
        info.Environment["ItaBot__Line__DataApiBaseUrl"] = lineBaseAddress.ToString();
        info.Environment["ItaBot__Vault__Kek"] = ServiceHost.VaultKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">More settings (<c>ItaBot__Network__KnownProxies__0</c>); a null value removes one, e.g. the vault key.</param>
    public static async Task<ServiceProcess> StartAsync(Uri lineBaseAddress, string dataDirectory, IDictionary<string, string?>? environment = null)
    {
        var port = FreePort();
        var info = StartInfo(lineBaseAddress, dataDirectory, environment, []);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(2) };
        await Wait.UntilAsync(() =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ItaBot exited with {process.ExitCode}: {service.Output}");
            }

            try
            {
                return http.GetAsync("/healthz").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "service answers /healthz");
        return service;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static HttpRequestMessage SignedPost(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Line-Signature", WebhookSignature.Compute(bytes, ServiceHost.Secret));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
