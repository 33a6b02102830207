using System.IO.Compression;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Privacy;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Privacy;

public sealed class RopaCommandTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task PrivacyRopa_WritesDocxAndHtml_FromTheStoreAndTheNotice_WithRequestsRefusedInThePeriod()
    {
        await using var host = new ServiceHost(_line);
        var cases = host.Services.GetRequiredService<CaseService>();
        await cases.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.WalkIn, Description = "ถนนชำรุด", ContactName = "นายทดสอบ", ContactPhone = "0812345678" }, "s1");
        var requests = host.Services.GetRequiredService<PrivacyRequests>();
        var refused = await requests.CreateAsync(PrivacyRequestKind.Erasure, null, "นายทดสอบ", "0812345678", null, "s1");
        await requests.DecideAsync(refused.Id, complete: false, PrivacyRequestTexts.RefusalReasons[0].Text, "s1", "สมชาย");
        await requests.CreateAsync(PrivacyRequestKind.Rectification, null, "นางสาวสอง", "0899999999", "แก้ชื่อ", "s1");
        var command = host.Services.GetServices<ICliCommand>().Single(c => c.Words.SequenceEqual(["privacy", "ropa"]));
        var output = new StringWriter();
        var directory = TempDirectory.Create();

        var exit = await command.RunAsync(["--out", directory], output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(directory, "ropa.html"), TestContext.Current.CancellationToken);
        Assert.Contains(RopaCommand.Title, html, StringComparison.Ordinal);
        Assert.Contains(refused.Number, html, StringComparison.Ordinal);
        Assert.Contains("มาตรา 33 วรรคสอง", html, StringComparison.Ordinal);
        Assert.Contains("<td>1 เรื่อง (ยังมีข้อมูลส่วนบุคคล 1)</td>", html, StringComparison.Ordinal);   // counted in the store
        Assert.Contains("<td>2 ปี หลังปิดเรื่อง</td>", html, StringComparison.Ordinal);                  // the retention applied
        Assert.Contains("dpo@nonthong.go.th", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0812345678", html, StringComparison.Ordinal);                             // a record of processing, not of people
        Assert.DoesNotMatch(@"\w\.(db|yaml|yml|json)\b", html);                                            // an officer's words, no file names
        using var docx = ZipFile.OpenRead(Path.Combine(directory, "ropa.docx"));
        using var reader = new StreamReader(docx.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains(RopaCommand.Title, xml, StringComparison.Ordinal);
        Assert.Contains(refused.Number, xml, StringComparison.Ordinal);
        Assert.Contains("TH Sarabun New", xml + new StreamReader(docx.GetEntry("word/styles.xml")!.Open()).ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivacyRopa_WithoutOut_PrintsUsageAndExits2()
    {
        await using var host = new ServiceHost(_line);
        var command = host.Services.GetServices<ICliCommand>().Single(c => c.Words.SequenceEqual(["privacy", "ropa"]));
        var output = new StringWriter();

        Assert.Equal(2, await command.RunAsync([], output, TestContext.Current.CancellationToken));
        Assert.Contains(RopaCommand.Usage, output.ToString(), StringComparison.Ordinal);
    }
}
