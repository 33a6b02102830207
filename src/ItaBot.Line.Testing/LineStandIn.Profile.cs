namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    private void MapProfile(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/profile/{userId}", Authorized(GetProfile));
        app.MapGet("/v2/bot/info", Authorized(GetBotInfo));
        app.MapPost("/v2/bot/chat/loading/start", Authorized(StartLoadingAsync));
    }

    /// <summary>The display name the profile endpoint answers for <paramref name="userId"/>.</summary>
    public void SetDisplayName(string userId, string displayName)
    {
        lock (_gate)
        {
            _displayNames[userId] = displayName;
        }
    }

    /// <summary>Whether the loading animation still shows in the chat with <paramref name="userId"/>.</summary>
    public bool IsLoading(string userId)
    {
        lock (_gate)
        {
            return _loadingUntil.TryGetValue(userId, out var until) && until > _time.GetUtcNow();
        }
    }

    private Task GetProfile(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        if (!UserIdPattern().IsMatch(userId))
        {
            return WriteAsync(context, 404, new { message = "Not found" });
        }

        string name;
        lock (_gate)
        {
            name = _displayNames.GetValueOrDefault(userId) ?? "ผู้ใช้ทดสอบ";
        }

        return WriteAsync(context, 200, new { userId, displayName = name, language = "th" });
    }

    private Task GetBotInfo(HttpContext context) =>
        WriteAsync(context, 200, new { userId = BotUserId, basicId = "@itabot", displayName = BotDisplayName, chatMode = "bot", markAsReadMode = "auto" });

    private async Task StartLoadingAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var chatId = body?["chatId"]?.ToString();
        var seconds = body?["loadingSeconds"] is JsonValue v && v.TryGetValue<int>(out var s) ? s : 20;
        if (string.IsNullOrEmpty(chatId) || !UserIdPattern().IsMatch(chatId) || seconds is < 5 or > 60 || seconds % 5 != 0)
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _loadingUntil[chatId] = _time.GetUtcNow().AddSeconds(seconds);
        }

        await WriteAsync(context, 202, new { }).ConfigureAwait(false);
    }
}
