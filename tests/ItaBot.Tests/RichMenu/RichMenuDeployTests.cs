using System.Collections.Concurrent;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace ItaBot.Tests.RichMenu;

/// <summary><c>richmenu deploy</c> against the LINE stand-in over loopback, and the simulator's own deploy at start.</summary>
public sealed class RichMenuDeployTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Deploy_AgainstStandIn_CreatesMenuUploadsImageToDataHostCreatesAliasSetsDefault()
    {
        // The api and data hosts are the same stand-in under two names, so the request log shows which host got what.
        var requests = new ConcurrentQueue<(HttpMethod Method, Uri Uri)>();
        var dataHost = new UriBuilder(_line.BaseAddress) { Host = "localhost" }.Uri;
        await using var host = new ServiceHost(_line,
            services: s => s.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new Recorder(requests)))),
            settings: new Dictionary<string, string?> { ["ItaBot:Line:DataApiBaseUrl"] = dataHost.ToString() });
        var command = host.Services.GetServices<ICliCommand>().Single(c => c.Words.SequenceEqual(["richmenu", "deploy"]));
        using var output = new StringWriter();

        var exit = await command.RunAsync([], output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var id = output.ToString().Trim().Split('\n')[^1];
        var menu = _line.GetRichMenu(id);
        Assert.NotNull(menu);
        Assert.Equal("image/png", menu.ImageContentType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RichMenuImageTests.RepoRichMenuDirectory(), "richmenu.png")), menu.Image);
        Assert.Contains("\"chatBarText\":\"เมนูเทศบาล\"", menu.Json, StringComparison.Ordinal);
        Assert.Equal(id, _line.EffectiveRichMenu(Events.NewUserId())?.Id);
        Assert.Equal(id, _line.GetRichMenuByAlias("itabot-main")?.Id);
        var upload = Assert.Single(requests, r => r.Uri.AbsolutePath.EndsWith("/content", StringComparison.Ordinal));
        Assert.Equal("localhost", upload.Uri.Host);
        Assert.All(requests.Where(r => r != upload), r => Assert.NotEqual("localhost", r.Uri.Host));
    }

    [Fact]
    public async Task Deploy_Twice_SecondMenuBecomesDefaultAndTheAliasIsKept()
    {
        await using var host = new ServiceHost(_line);
        var command = host.Services.GetServices<ICliCommand>().Single(c => c.Words.SequenceEqual(["richmenu", "deploy"]));
        using var first = new StringWriter();
        using var second = new StringWriter();

        await command.RunAsync([], first, TestContext.Current.CancellationToken);
        var exit = await command.RunAsync([], second, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Contains("already existed", second.ToString(), StringComparison.Ordinal);
        Assert.Equal(second.ToString().Trim().Split('\n')[^1], _line.EffectiveRichMenu(Events.NewUserId())?.Id);
    }

    [Fact]
    public async Task SimulatorMode_Start_DeploysTheRichMenuToTheStandInWithItsImage()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Line:ChannelSecret"] = "",
            ["ItaBot:Line:ChannelAccessToken"] = "",
        });
        _ = host.CreateClient();

        var simulator = host.Services.GetRequiredService<SimulatorMode>();

        var menu = simulator.Line.EffectiveRichMenu(Events.NewUserId());
        Assert.NotNull(menu);
        Assert.NotNull(menu.Image);
        Assert.Contains("menu=whistleblow", menu.Json, StringComparison.Ordinal);
    }

    private sealed class Recorder(ConcurrentQueue<(HttpMethod, Uri)> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue((request.Method, request.RequestUri!));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
