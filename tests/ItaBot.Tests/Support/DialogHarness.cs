using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Flex;
using ItaBot.Line;
using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using ItaBot.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ItaBot.Tests.Support;

/// <summary>
/// A feature's dialogs without the service host: the dialog engine and only the slices a test names, registered as the
/// service registers them, over a real LiteDB file in a fresh directory. A turn runs the service's turn handler
/// (<see cref="DialogTurnHandler"/>) on the event and commits the dialog state and the dialogs' writes in one unit of work,
/// as the turn processor does; no HTTP, inbox, outbox, LINE stand-in or background work. The answer is the JSON LINE
/// would be sent, so <see cref="LineChat"/>'s readers apply. Protected turns (whistleblowing) need the whole service.
/// </summary>
internal sealed class DialogHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DialogTurnHandler _handler;
    private readonly TurnWrites _writes;
    private readonly IStoreWriter _writer;

    /// <param name="slices">The feature slices the dialogs need (e.g. <c>b => b.AddInformation()</c>), after storage, content, conversations and Flex.</param>
    /// <param name="clock">The service's clock (a <c>FakeTimeProvider</c> to move time); the system clock when null.</param>
    /// <param name="settings">Configuration beyond the data directory.</param>
    /// <param name="services">Changes to the services after the slices registered theirs.</param>
    public DialogHarness(Action<IHostApplicationBuilder> slices, TimeProvider? clock = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        DataDirectory = TempDirectory.Create();
        Clock = clock ?? TimeProvider.System;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Storage:DataDirectory"] = DataDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddStorage();
        builder.AddContentPack();
        builder.AddConversations();
        builder.AddFlexTemplates();
        slices(builder);
        services?.Invoke(builder.Services);
        builder.Services.RemoveAll<TimeProvider>();     // slices add the system clock; the harness's clock is the one
        builder.Services.AddSingleton(Clock);
        // Only the container: building it starts nothing (no turn processor, no jobs, no file watchers).
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        _handler = _services.GetRequiredService<DialogTurnHandler>();
        _writes = _services.GetRequiredService<TurnWrites>();
        _writer = _services.GetRequiredService<IStoreWriter>();
    }

    public string DataDirectory { get; }

    public TimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    /// <summary>A citizen's chat with the dialogs (a new user id unless given).</summary>
    public DialogChat Chat(string? user = null) => new(this, user ?? Events.NewUserId());

    /// <summary>One turn: the event through the turn handler, its writes committed together, the answer as LINE gets it.</summary>
    public async Task<JsonArray> TurnAsync(JsonObject e)
    {
        var json = e.ToJsonString();
        var parsed = WebhookParser.ParseEvent(json);
        var chat = parsed.Source?.ChatId;
        var turn = new InboxEntry
        {
            Id = e["webhookEventId"]?.GetValue<string>() ?? RecordId.New(Clock),
            LaneKey = chat ?? string.Empty,
            Type = e["type"]!.GetValue<string>(),
            Timestamp = e["timestamp"]?.GetValue<long>() ?? Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            UserId = parsed.Source?.UserId,
            ConversationId = chat,
            ReplyToken = e["replyToken"]?.GetValue<string>(),
            Json = json,
            State = InboxState.Pending,
            ReceivedAt = Clock.GetUtcNow().UtcDateTime,
        };

        TurnOutcome outcome;
        try
        {
            outcome = await _handler.HandleAsync(turn, TestContext.Current.CancellationToken);
        }
        catch
        {
            _writes.Discard(chat);
            throw;
        }

        if (_writes.TakeProtected(chat))
        {
            throw new InvalidOperationException("A protected turn redacts its inbox event: drive it through ServiceHost and LineChat.");
        }

        if (TurnWrites.Combine(outcome.Writes, _writes.Take(chat)) is { } writes)
        {
            await _writer.WriteAsync(writes);
        }

        outcome.AfterCommit?.Invoke();
        return JsonNode.Parse(JsonSerializer.Serialize(outcome.Messages, LineJson.Options))!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary directory is left, as ServiceHost leaves its own.
        }
    }
}

/// <summary>A conversation with a <see cref="DialogHarness"/>, read the same way as a <see cref="LineChat"/>.</summary>
internal sealed class DialogChat(DialogHarness harness, string user)
{
    public string User { get; } = user;

    /// <summary>Every answer of this chat, oldest first.</summary>
    public List<JsonArray> Answers { get; } = [];

    public Task<JsonArray> SayAsync(string text) => SendAsync(Events.Text(User, text));

    public Task<JsonArray> TapAsync(string postbackData) => SendAsync(Events.Postback(User, postbackData));

    public async Task<JsonArray> SendAsync(JsonObject e)
    {
        e["timestamp"] = harness.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var answer = await harness.TurnAsync(e);
        Answers.Add(answer);
        return answer;
    }
}
