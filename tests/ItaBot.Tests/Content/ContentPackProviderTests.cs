using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Content;

public sealed class ContentPackProviderTests
{
    [Fact]
    public void Reload_ValidChange_SwapsPackAndRaisesChanged()
    {
        using var temp = new TempContentPack();
        var provider = NewProvider(temp);
        var old = provider.Current;
        ContentPackChangedEventArgs? seen = null;
        provider.Changed += (_, e) => seen = e;
        temp.Replace("faq.yaml", "answer: ยินดีค่ะ 😊", "answer: ยินดีมากค่ะ");

        var result = provider.Reload();

        Assert.True(result.Swapped);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Version);
        Assert.Equal(2, provider.Version);
        Assert.NotSame(old, provider.Current);
        Assert.StartsWith("ยินดีมากค่ะ", provider.Current.FindFaq("thanks")!.Answer, StringComparison.Ordinal);
        Assert.NotNull(seen);
        Assert.Same(provider.Current, seen.Pack);
        Assert.Equal(2, seen.Version);
    }

    [Fact]
    public void Reload_BrokenPack_KeepsOldPackAndReturnsErrors()
    {
        using var temp = new TempContentPack();
        var provider = NewProvider(temp);
        var old = provider.Current;
        var raised = false;
        provider.Changed += (_, _) => raised = true;
        temp.Replace("services.yaml", "fee: ไม่มีค่าธรรมเนียม", "fee: แล้วแต่");

        var result = provider.Reload();

        Assert.False(result.Swapped);
        Assert.Equal(1, result.Version);
        Assert.Contains(result.Errors, e => e.File == "content/services.yaml" && e.Field == "services[0].fee");
        Assert.Same(old, provider.Current);
        Assert.Equal(1, provider.Version);
        Assert.False(raised);
    }

    [Fact]
    public void Reload_AfterFixingBrokenPack_Swaps()
    {
        using var temp = new TempContentPack();
        var provider = NewProvider(temp);
        var original = temp.Read("news.yaml");
        temp.Write("news.yaml", original.Replace("date: 2025-02-03", "date: 03/02/2568", StringComparison.Ordinal));
        Assert.False(provider.Reload().Swapped);

        temp.Write("news.yaml", original);
        var result = provider.Reload();

        Assert.True(result.Swapped);
        Assert.Equal(2, provider.Version);
    }

    [Fact]
    public void Validate_BrokenPackAtStart_FailsWithOneLineListingEveryError()
    {
        using var temp = new TempContentPack();
        temp.Replace("services.yaml", "fee: ไม่มีค่าธรรมเนียม", "fee: ฟรี");
        temp.Replace("faq.yaml", "service: birth-registration", "service: nothing");
        var validator = new ContentOptionsValidator(new ContentPackStartup());

        var result = validator.Validate(null, new ContentOptions { Directory = temp.Directory });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.DoesNotContain('\n', message);
        Assert.Contains("2 error(s)", message, StringComparison.Ordinal);
        Assert.Contains("content/services.yaml line", message, StringComparison.Ordinal);
        Assert.Contains("content/faq.yaml line", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidPack_HandsThePackToTheProvider()
    {
        using var temp = new TempContentPack();
        var startup = new ContentPackStartup();
        var options = new ContentOptions { Directory = temp.Directory };

        Assert.True(new ContentOptionsValidator(startup).Validate(null, options).Succeeded);
        var provider = new ContentPackProvider(Options.Create(options), startup, new FakeTimeProvider(), NullLogger<ContentPackProvider>.Instance);

        Assert.Equal(1, provider.Version);
        Assert.True(provider.Current.Services.Count >= 25);
    }

    [Fact]
    public void AddContentPack_DefaultSettings_FindsTheRepositoryContentFolder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.AddContentPack();
        using var host = builder.Build();

        var provider = host.Services.GetRequiredService<ContentPackProvider>();

        Assert.EndsWith("content", provider.Directory, StringComparison.Ordinal);
        Assert.Equal("เทศบาลตำบลโนนทอง", provider.Current.Agency.Name);
    }

    [Fact]
    public void AddContentPack_BrokenDirectorySetting_FailsOnStart()
    {
        using var temp = new TempContentPack();
        temp.Replace("agency.yaml", "email: saraban@nonthong.go.th", "email: saraban-at-nonthong");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["ItaBot:Content:Directory"] = temp.Directory;
        builder.AddContentPack();
        using var host = builder.Build();

        var exception = Assert.Throws<OptionsValidationException>(() => _ = host.Services.GetRequiredService<IOptions<ContentOptions>>().Value);

        Assert.Contains("content/agency.yaml line", exception.Message, StringComparison.Ordinal);
        Assert.Contains("email", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_ValidEditOnDisk_ReloadsWithoutARestart()
    {
        using var temp = new TempContentPack();
        using var provider = new ContentPackProvider(temp.Directory, ContentPackLoader.Load(temp.Directory), TimeProvider.System,
            NullLogger<ContentPackProvider>.Instance);
        var matcher = new QaMatcher(provider, Options.Create(new QaOptions()));
        Assert.True(provider.StartWatching(TimeSpan.FromMilliseconds(200)));
        Assert.NotEqual("faq:thanks", matcher.Index.Rank("กระต่ายบินได้").Best?.Entry.Id);

        temp.Replace("faq.yaml", "question: ขอบคุณ", "question: ขอบคุณ กระต่ายบินได้");

        // LastReload is set once the reload is complete, Changed handlers (the matcher's new index) included.
        await Wait.UntilAsync(() => provider.LastReload is { Swapped: true }, TimeSpan.FromSeconds(20), "the watcher reloads the edited pack");
        Assert.Equal(2, provider.Version);
        Assert.Equal("ขอบคุณ กระต่ายบินได้", provider.Current.FindFaq("thanks")!.Question);
        Assert.Equal("faq:thanks", matcher.Index.Rank("กระต่ายบินได้").Best?.Entry.Id);
    }

    [Fact]
    public async Task Watching_BrokenEditOnDisk_KeepsOldPackAndLogsFileLineAndField()
    {
        using var temp = new TempContentPack();
        var logger = new FakeLogger<ContentPackProvider>();
        using var provider = new ContentPackProvider(temp.Directory, ContentPackLoader.Load(temp.Directory), TimeProvider.System, logger);
        var old = provider.Current;
        Assert.True(provider.StartWatching(TimeSpan.FromMilliseconds(200)));

        var line = temp.Replace("services.yaml", "fee: ไม่มีค่าธรรมเนียม", "fee: แล้วแต่");

        await Wait.UntilAsync(() => provider.LastReload is not null, TimeSpan.FromSeconds(20), "the watcher tries the edited pack");
        var result = provider.LastReload!;
        Assert.False(result.Swapped);
        Assert.Same(old, provider.Current);
        Assert.Equal(1, provider.Version);
        var error = Assert.Single(result.Errors, e => e.Field == "services[0].fee");
        Assert.Equal("content/services.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning
            && r.Message.Contains("content/services.yaml", StringComparison.Ordinal)
            && r.Message.Contains($"line {line}", StringComparison.Ordinal)
            && r.Message.Contains("services[0].fee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watching_BrokenEditThenFix_SwapsInTheFixedPack()
    {
        using var temp = new TempContentPack();
        using var provider = NewProvider(temp, TimeProvider.System);
        Assert.True(provider.StartWatching(TimeSpan.FromMilliseconds(200)));
        var original = temp.Read("news.yaml");
        temp.Write("news.yaml", original.Replace("date: 2025-02-03", "date: 03/02/2568", StringComparison.Ordinal));
        await Wait.UntilAsync(() => provider.LastReload is { Swapped: false }, TimeSpan.FromSeconds(20), "the broken edit is refused");

        temp.Write("news.yaml", original.Replace("date: 2025-02-03", "date: 2025-02-04", StringComparison.Ordinal));

        await Wait.UntilAsync(() => provider.LastReload is { Swapped: true }, TimeSpan.FromSeconds(20), "the fixed edit is swapped in");
        Assert.Equal(2, provider.Version);
    }

    [Fact]
    public void Watching_Stopped_NoLongerWatches()
    {
        using var temp = new TempContentPack();
        using var provider = NewProvider(temp);
        Assert.True(provider.StartWatching(TimeSpan.FromSeconds(1)));
        Assert.True(provider.IsWatching);

        provider.StopWatching();

        Assert.False(provider.IsWatching);
    }

    [Fact]
    public async Task AddContentPack_HostStarted_WatchesTheFolder()
    {
        using var temp = new TempContentPack();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["ItaBot:Content:Directory"] = temp.Directory;
        builder.Configuration["ItaBot:Content:WatchQuiet"] = "00:00:00.200";
        builder.AddContentPack();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var provider = host.Services.GetRequiredService<ContentPackProvider>();

        temp.Replace("faq.yaml", "answer: ยินดีค่ะ 😊", "answer: ยินดีมากค่ะ");

        await Wait.UntilAsync(() => provider.Version == 2, TimeSpan.FromSeconds(20), "the hosted watcher reloads the pack");
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(provider.IsWatching);
    }

    private static ContentPackProvider NewProvider(TempContentPack temp, TimeProvider time) =>
        new(temp.Directory, ContentPackLoader.Load(temp.Directory), time, NullLogger<ContentPackProvider>.Instance);

    private static ContentPackProvider NewProvider(TempContentPack temp) =>
        new(temp.Directory, ContentPackLoader.Load(temp.Directory), new FakeTimeProvider(), NullLogger<ContentPackProvider>.Instance);
}
