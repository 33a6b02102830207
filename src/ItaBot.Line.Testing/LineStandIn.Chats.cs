namespace ItaBot.Line.Testing;

/// <summary>Followers, groups and rooms the bot is in, and account-link tokens.</summary>
public sealed partial class LineStandIn
{
    private const int FollowersPageSize = 300;
    private const int MembersPageSize = 100;

    private readonly List<string> _followers = [];
    private readonly Dictionary<string, StandInChat> _chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _linkTokens = new(StringComparer.Ordinal);

    private void MapChats(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/followers/ids", Authorized(GetFollowers));
        app.MapPost("/v2/bot/user/{userId}/linkToken", Authorized(IssueLinkToken));
        app.MapGet("/v2/bot/group/{chatId}/summary", Authorized(GetGroupSummary));
        foreach (var kind in new[] { "group", "room" })
        {
            app.MapGet($"/v2/bot/{kind}/{{chatId}}/members/count", Authorized(GetMemberCount));
            app.MapGet($"/v2/bot/{kind}/{{chatId}}/members/ids", Authorized(GetMemberIds));
            app.MapGet($"/v2/bot/{kind}/{{chatId}}/member/{{userId}}", Authorized(GetMemberProfile));
            app.MapPost($"/v2/bot/{kind}/{{chatId}}/leave", Authorized(Leave));
        }
    }

    /// <summary>A user who added the bot as a friend: listed by the followers endpoint and counted by narrowcast and broadcast.</summary>
    public void AddFollower(string userId)
    {
        lock (_gate)
        {
            if (!_followers.Contains(userId))
            {
                _followers.Add(userId);
            }
        }
    }

    /// <summary>A group the bot is in, with its name and members (whose profiles answer with their display names).</summary>
    public void AddGroup(string groupId, string groupName, params string[] memberIds)
    {
        lock (_gate)
        {
            _chats[groupId] = new StandInChat(false, groupName, [.. memberIds]);
        }
    }

    /// <summary>A room (multi-person chat) the bot is in, with its members.</summary>
    public void AddRoom(string roomId, params string[] memberIds)
    {
        lock (_gate)
        {
            _chats[roomId] = new StandInChat(true, "", [.. memberIds]);
        }
    }

    /// <summary>Whether the bot is (still) in the group or room.</summary>
    public bool IsInChat(string chatId)
    {
        lock (_gate)
        {
            return _chats.ContainsKey(chatId);
        }
    }

    /// <summary>The user a link token was issued for, or null: what LINE checks when the user completes account linking.</summary>
    public string? LinkTokenUser(string linkToken)
    {
        lock (_gate)
        {
            return _linkTokens.GetValueOrDefault(linkToken);
        }
    }

    private Task GetFollowers(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : FollowersPageSize;
        if (limit is < 1 or > 1000)
        {
            return WriteAsync(context, 400, new { message = "The value for the 'limit' parameter is invalid" });
        }

        string[] ids;
        lock (_gate)
        {
            ids = [.. _followers];
        }

        return WritePageAsync(context, ids, limit);
    }

    /// <summary>A page of ids from the <c>start</c> token (the index, as text) on, with <c>next</c> while more remain.</summary>
    private static Task WritePageAsync(HttpContext context, string[] ids, int size)
    {
        var (page, next) = Page(context, ids, size);
        return next is null
            ? WriteAsync(context, 200, new { userIds = page })
            : WriteAsync(context, 200, new { userIds = page, next });
    }

    /// <summary>The items from the <c>start</c> token (the index, as text) on, and the token of the rest (null: none).</summary>
    private static (T[] Page, string? Next) Page<T>(HttpContext context, T[] items, int size)
    {
        var start = int.TryParse(context.Request.Query["start"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var page = items.Skip(start).Take(size).ToArray();
        return (page, start + page.Length < items.Length ? (start + page.Length).ToString(CultureInfo.InvariantCulture) : null);
    }

    private Task IssueLinkToken(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        if (!UserIdPattern().IsMatch(userId))
        {
            return WriteAsync(context, 400, new { message = "The value for the 'userId' parameter is invalid" });
        }

        var token = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        lock (_gate)
        {
            _linkTokens[token] = userId;
        }

        return WriteAsync(context, 200, new { linkToken = token });
    }

    /// <summary>The group or room of the route, if the bot is in it and its kind matches the path.</summary>
    private StandInChat? RouteChat(HttpContext context)
    {
        var id = (string)context.GetRouteValue("chatId")!;
        var room = context.Request.Path.StartsWithSegments("/v2/bot/room", StringComparison.Ordinal);
        lock (_gate)
        {
            return _chats.TryGetValue(id, out var chat) && chat.IsRoom == room ? chat : null;
        }
    }

    private Task GetGroupSummary(HttpContext context) =>
        RouteChat(context) is { } chat
            ? WriteAsync(context, 200, new { groupId = (string)context.GetRouteValue("chatId")!, groupName = chat.Name })
            : WriteAsync(context, 404, new { message = "Not found" });

    private Task GetMemberCount(HttpContext context) =>
        RouteChat(context) is { } chat
            ? WriteAsync(context, 200, new { count = chat.Members.Count })
            : WriteAsync(context, 404, new { message = "Not found" });

    private Task GetMemberIds(HttpContext context) =>
        RouteChat(context) is { } chat
            ? WritePageAsync(context, [.. chat.Members], MembersPageSize)
            : WriteAsync(context, 404, new { message = "Not found" });

    private Task GetMemberProfile(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        if (RouteChat(context) is not { } chat || !chat.Members.Contains(userId))
        {
            return WriteAsync(context, 404, new { message = "Not found" });
        }

        string name;
        lock (_gate)
        {
            name = _displayNames.GetValueOrDefault(userId) ?? "ผู้ใช้ทดสอบ";
        }

        return WriteAsync(context, 200, new { userId, displayName = name });
    }

    private Task Leave(HttpContext context)
    {
        if (RouteChat(context) is null)
        {
            return WriteAsync(context, 404, new { message = "Not found" });
        }

        lock (_gate)
        {
            _chats.Remove((string)context.GetRouteValue("chatId")!);
        }

        return WriteAsync(context, 200, new { });
    }

    private sealed record StandInChat(bool IsRoom, string Name, List<string> Members);
}
