using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>
/// The web form of the protected channel against the real server (Kestrel in a child process): uploads near and over
/// the form's limits, a kill in the middle of one, the wrong-receipt limit behind a reverse proxy, slow bodies.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Load)]
public sealed partial class ProtectedUploadTests : IAsyncLifetime
{
    /// <summary>9.6 MiB: three of them (30.2 MB) are over Kestrel's default body limit of 30,000,000 bytes, each under the form's 10 MiB.</summary>
    private const int NinePointSixMiB = 10_066_330;

    private const string What = "ปลัดเรียกรับเงินค่าตรวจรับงานก่อสร้างถนนสายบ้านหนองบัว";

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    /// <summary>Cheap receipt hashes and short wrong-receipt delays: the tests check behaviour, bench/ measures cost.</summary>
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot__Vault__Argon2MemoryKiB"] = "1024",
            ["ItaBot__Vault__Argon2Passes"] = "1",
            ["ItaBot__Vault__FailureDelay"] = "00:00:00.010",
            ["ItaBot__Vault__MaxFailureDelay"] = "00:00:00.020",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static byte[] Pdf(int length, string filler)
    {
        var bytes = new byte[length];
        var pattern = Encoding.ASCII.GetBytes(filler + "\n");
        for (var i = 0; i < length; i += pattern.Length)
        {
            pattern.AsSpan(0, Math.Min(pattern.Length, length - i)).CopyTo(bytes.AsSpan(i));
        }

        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static MultipartFormDataContent ReportForm(params byte[][] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(What), "what" },
            { new StringContent("anonymous"), "identity" },
            { new StringContent("yes"), "consent" },
        };
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "files", "evidence.pdf");
        }

        return form;
    }

    [Fact]
    public async Task Submit_ThreeFilesOf9Point6MiBEachInsideTheLimits_FilesTheReport()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(), Settings());
        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var form = ReportForm(Pdf(NinePointSixMiB, "a"), Pdf(NinePointSixMiB, "b"), Pdf(NinePointSixMiB, "c"));

        using var response = await http.PostAsync("/report", form, TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(ReceiptPattern(), page);
    }

    [Fact]
    public async Task Submit_MoreFilesThanTheFormTakes_ShowsTheFormAgainWithTheTextKept()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(), Settings());
        using var http = new HttpClient { BaseAddress = service.Address };
        using var form = ReportForm([.. Enumerable.Range(0, 6).Select(i => Pdf(100_000, "x" + i))]);

        using var response = await http.PostAsync("/report", form, TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ไฟล์แนบใหญ่หรือมากเกินไปค่ะ", page, StringComparison.Ordinal);
        Assert.Contains($">{What}</textarea>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BodyAnnouncedLargerThanTheFormCanBe_ShowsTheFormAgainWithTheTextKept()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(), Settings());
        var boundary = "----itabot" + Guid.NewGuid().ToString("N");
        var head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"what\"\r\n\r\n{What}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\nyes\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Address.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();

        // Six files of 10 MB: more than five files' worth; only the start is sent, the answer must not wait for the rest.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {60_000_000}\r\n\r\n"),
            TestContext.Current.CancellationToken);
        await stream.WriteAsync(head, TestContext.Current.CancellationToken);
        await stream.WriteAsync(new byte[256 * 1024], TestContext.Current.CancellationToken);
        var answer = await ReadAnswerAsync(stream);

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("ไฟล์แนบใหญ่หรือมากเกินไปค่ะ", answer, StringComparison.Ordinal);
        Assert.True(answer.Contains($">{What}</textarea>", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task Submit_ServiceKilledMidUpload_LeavesTheEvidenceInNoFile()
    {
        var since = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-2);
        var canary = "CANARY" + Guid.NewGuid().ToString("N");
        var data = TempDirectory.Create();
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, data, Settings());
        var boundary = "----itabot" + Guid.NewGuid().ToString("N");
        var evidence = Pdf(2 * 1024 * 1024, canary);
        var head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"what\"\r\n\r\n{What}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"evidence.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Address.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();

        // All but the last kilobyte: the server holds almost the whole file when it dies.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {head.Length + evidence.Length + tail.Length}\r\n\r\n"),
            TestContext.Current.CancellationToken);
        await stream.WriteAsync(head, TestContext.Current.CancellationToken);
        await stream.WriteAsync(evidence.AsMemory(0, evidence.Length - 1024), TestContext.Current.CancellationToken);
        await stream.FlushAsync(TestContext.Current.CancellationToken);
        // The unfixed service spooled it to the temp folder within milliseconds; give it two seconds to show.
        var found = await CanaryFilesAsync(canary, since, data, TimeSpan.FromSeconds(2));
        service.Kill();
        found = found.Count > 0 ? found : await CanaryFilesAsync(canary, since, data, TimeSpan.Zero);

        Assert.Empty(found);
    }

    /// <summary>Files written since the test began, in every temp folder and the data directory, that hold the canary.</summary>
    private static async Task<List<string>> CanaryFilesAsync(string canary, DateTime since, string data, TimeSpan lookFor)
    {
        var needle = Encoding.ASCII.GetBytes(canary);
        var roots = new[] { Path.GetTempPath(), "/tmp", "/var/tmp", data }.Where(Directory.Exists).Distinct(StringComparer.Ordinal).ToList();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var deadline = TimeProvider.System.GetUtcNow() + lookFor;
        while (true)
        {
            var found = new List<string>();
            foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(r, "*", options)))
            {
                try
                {
                    var info = new FileInfo(file);
                    if (info.LastWriteTimeUtc >= since && info.Length is > 0 and < 512L * 1024 * 1024
                        && (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(needle) >= 0)
                    {
                        found.Add(file);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // gone or not ours to read
                }
            }

            if (found.Count > 0 || TimeProvider.System.GetUtcNow() >= deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task FollowUp_WrongReceiptsBehindAKnownProxy_LockOutTheGuesserNotTheNextReporter()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(),
            Settings(("ItaBot__Network__KnownProxies__0", "127.0.0.1")));
        using var http = new HttpClient { BaseAddress = service.Address };
        var receipt = await FileAReportAsync(http);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await CheckAsync(http, "0000 0000 0000 0000 000" + i, "203.0.113.7")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await CheckAsync(http, receipt, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(http, receipt, "198.51.100.9")).StatusCode);
    }

    [Fact]
    public async Task FollowUp_ForwardedForFromASenderNotConfiguredAsProxy_IsNotBelieved()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(), Settings());
        using var http = new HttpClient { BaseAddress = service.Address };
        var receipt = await FileAReportAsync(http);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await CheckAsync(http, "0000 0000 0000 0000 000" + i, "203.0.113." + i)).StatusCode);
        }

        // A guesser cannot dodge the limit by making up a new X-Forwarded-For for each try.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CheckAsync(http, receipt, "198.51.100.9")).StatusCode);
    }

    [Fact]
    public async Task SlowRequestBody_LogsOneLineWithoutAStackTrace()
    {
        await using var service = await ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(),
            Settings(("Logging__LogLevel__ItaBot", "Information")));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Address.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();

        // Kestrel's minimum body rate (240 bytes/s after a 5 s grace) ends this one.
        await stream.WriteAsync("POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nwhat=x"u8.ToArray(),
            TestContext.Current.CancellationToken);
        await Wait.UntilAsync(() => service.Output.Contains("Request refused while reading it", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the slow body is refused");
        await Task.Delay(500, TestContext.Current.CancellationToken);   // anything else it logs for the same connection

        Assert.Single(SlowLines().Matches(service.Output));
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BadHttpRequestException", service.Output, StringComparison.Ordinal);
    }

    private static async Task<string> FileAReportAsync(HttpClient http)
    {
        using var form = ReportForm();
        using var response = await http.PostAsync("/report", form, TestContext.Current.CancellationToken);
        var match = ReceiptPattern().Match(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(match.Success, "the report was filed and its receipt shown");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient http, string receipt, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/report/follow-up") { Content = new FormUrlEncodedContent([new("receipt", receipt)]) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (length < buffer.Length && !Encoding.UTF8.GetString(buffer, 0, length).Contains("</html>", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [GeneratedRegex("<p class=\"receipt\">([0-9 ]+)</p>")]
    private static partial Regex ReceiptPattern();

    [GeneratedRegex("Request refused while reading it")]
    private static partial Regex SlowLines();
}
