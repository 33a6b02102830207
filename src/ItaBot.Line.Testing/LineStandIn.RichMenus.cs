namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    private void MapRichMenus(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/richmenu", Authorized(CreateRichMenuAsync));
        app.MapGet("/v2/bot/richmenu/list", Authorized(ListRichMenus));
        app.MapGet("/v2/bot/richmenu/{richMenuId}", Authorized(GetRichMenuAsync));
        app.MapDelete("/v2/bot/richmenu/{richMenuId}", Authorized(DeleteRichMenu));
        app.MapPost("/v2/bot/richmenu/{richMenuId}/content", Authorized(UploadRichMenuImageAsync));
        app.MapGet("/v2/bot/richmenu/{richMenuId}/content", Authorized(DownloadRichMenuImageAsync));
        app.MapPost("/v2/bot/user/all/richmenu/{richMenuId}", Authorized(SetDefaultRichMenu));
        app.MapGet("/v2/bot/user/all/richmenu", Authorized(GetDefaultRichMenu));
        app.MapDelete("/v2/bot/user/all/richmenu", Authorized(ClearDefaultRichMenu));
        app.MapPost("/v2/bot/user/{userId}/richmenu/{richMenuId}", Authorized(LinkRichMenu));
        app.MapGet("/v2/bot/user/{userId}/richmenu", Authorized(GetUserRichMenu));
        app.MapDelete("/v2/bot/user/{userId}/richmenu", Authorized(UnlinkRichMenu));
        app.MapPost("/v2/bot/richmenu/alias", Authorized(CreateAliasAsync));
        app.MapGet("/v2/bot/richmenu/alias/{aliasId}", Authorized(GetAlias));
    }

    /// <summary>The menu LINE would show this user: the one linked to them, else the default last set through the API (by any channel).</summary>
    public StandInRichMenu? EffectiveRichMenu(string userId)
    {
        lock (_gate)
        {
            var id = _userRichMenus.GetValueOrDefault(userId) ?? _defaultRichMenuId;
            return id is null ? null : _richMenus.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// The menu the channel of <paramref name="channelToken"/> shows this user: the one linked to them, else the default
    /// that channel set (another channel's default is not this one's).
    /// </summary>
    public StandInRichMenu? EffectiveRichMenu(string userId, string channelToken)
    {
        lock (_gate)
        {
            var id = _userRichMenus.GetValueOrDefault(userId) ?? _channelDefaultRichMenus.GetValueOrDefault(channelToken);
            return id is null ? null : _richMenus.GetValueOrDefault(id);
        }
    }

    /// <summary>The rich menu with this id, or null.</summary>
    public StandInRichMenu? GetRichMenu(string richMenuId)
    {
        lock (_gate)
        {
            return _richMenus.GetValueOrDefault(richMenuId);
        }
    }

    /// <summary>The rich menu an alias names, or null.</summary>
    public StandInRichMenu? GetRichMenuByAlias(string aliasId)
    {
        lock (_gate)
        {
            return _richMenuAliases.TryGetValue(aliasId, out var id) ? _richMenus.GetValueOrDefault(id) : null;
        }
    }

    private async Task CreateRichMenuAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        if (body?["size"] is not JsonObject size || body["areas"] is not JsonArray { Count: <= 20 } areas
            || size["width"] is null || size["height"] is null || string.IsNullOrEmpty(body["name"]?.ToString()))
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "invalid rich menu", property = "richmenu" } } }).ConfigureAwait(false);
            return;
        }

        var id = "richmenu-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        body["richMenuId"] = id;
        _ = areas;
        lock (_gate)
        {
            _richMenus[id] = new StandInRichMenu(id, body.ToJsonString(Json), null, null);
        }

        await WriteAsync(context, 200, new { richMenuId = id }).ConfigureAwait(false);
    }

    private Task ListRichMenus(HttpContext context)
    {
        JsonArray menus;
        lock (_gate)
        {
            menus = [.. _richMenus.Values.Select(m => JsonNode.Parse(m.Json))];
        }

        return WriteAsync(context, 200, new JsonObject { ["richmenus"] = menus });
    }

    private async Task GetRichMenuAsync(HttpContext context)
    {
        var menu = GetRichMenu((string)context.GetRouteValue("richMenuId")!);
        if (menu is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(menu.Json, context.RequestAborted).ConfigureAwait(false);
    }

    private Task DeleteRichMenu(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool removed;
        lock (_gate)
        {
            removed = _richMenus.Remove(id);
            if (_defaultRichMenuId == id)
            {
                _defaultRichMenuId = null;
            }

            foreach (var channel in _channelDefaultRichMenus.Where(p => p.Value == id).Select(p => p.Key).ToList())
            {
                _channelDefaultRichMenus.Remove(channel);
            }

            foreach (var user in _userRichMenus.Where(p => p.Value == id).Select(p => p.Key).ToList())
            {
                _userRichMenus.Remove(user);
            }
        }

        return removed ? WriteAsync(context, 200, new { }) : WriteAsync(context, 404, new { message = "Not found" });
    }

    private async Task UploadRichMenuImageAsync(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        var contentType = context.Request.ContentType ?? "";
        if (contentType is not ("image/jpeg" or "image/png"))
        {
            await WriteAsync(context, 415, new { message = "Unsupported Media Type" }).ConfigureAwait(false);
            return;
        }

        var data = await ReadBodyAsync(context, MaxRichMenuImageBytes).ConfigureAwait(false);
        if (data is null)
        {
            await WriteAsync(context, 413, new { message = "Request Entity Too Large" }).ConfigureAwait(false);
            return;
        }

        int status;
        lock (_gate)
        {
            if (!_richMenus.TryGetValue(id, out var menu))
            {
                status = 404;
            }
            else if (menu.Image is not null)
            {
                status = 400;
            }
            else
            {
                _richMenus[id] = menu with { Image = data, ImageContentType = contentType };
                status = 200;
            }
        }

        await (status switch
        {
            200 => WriteAsync(context, 200, new { }),
            404 => WriteAsync(context, 404, new { message = "Not found" }),
            _ => WriteAsync(context, 400, new { message = "An image has already been uploaded to the richmenu" }),
        }).ConfigureAwait(false);
    }

    private async Task DownloadRichMenuImageAsync(HttpContext context)
    {
        var menu = GetRichMenu((string)context.GetRouteValue("richMenuId")!);
        if (menu?.Image is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = menu.ImageContentType;
        await context.Response.Body.WriteAsync(menu.Image, context.RequestAborted).ConfigureAwait(false);
    }

    private Task SetDefaultRichMenu(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool found;
        lock (_gate)
        {
            found = _richMenus.TryGetValue(id, out var menu) && menu.Image is not null;
            if (found)
            {
                _defaultRichMenuId = id;
                _channelDefaultRichMenus[ChannelToken(context)] = id;
            }
        }

        return found ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = "must upload richmenu image before applying it to user" });
    }

    private Task GetDefaultRichMenu(HttpContext context)
    {
        string? id;
        lock (_gate)
        {
            id = _channelDefaultRichMenus.GetValueOrDefault(ChannelToken(context));
        }

        return id is null ? WriteAsync(context, 404, new { message = "no default richmenu" }) : WriteAsync(context, 200, new { richMenuId = id });
    }

    private Task ClearDefaultRichMenu(HttpContext context)
    {
        lock (_gate)
        {
            if (_channelDefaultRichMenus.Remove(ChannelToken(context), out var cleared) && _defaultRichMenuId == cleared)
            {
                _defaultRichMenuId = null;
            }
        }

        return WriteAsync(context, 200, new { });
    }

    private Task LinkRichMenu(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool found;
        lock (_gate)
        {
            found = _richMenus.TryGetValue(id, out var menu) && menu.Image is not null;
            if (found)
            {
                _userRichMenus[userId] = id;
            }
        }

        return found ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = "must upload richmenu image before applying it to user" });
    }

    private Task GetUserRichMenu(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        string? id;
        lock (_gate)
        {
            id = _userRichMenus.GetValueOrDefault(userId);
        }

        return id is null ? WriteAsync(context, 404, new { message = "the user has no richmenu" }) : WriteAsync(context, 200, new { richMenuId = id });
    }

    private Task UnlinkRichMenu(HttpContext context)
    {
        lock (_gate)
        {
            _userRichMenus.Remove((string)context.GetRouteValue("userId")!);
        }

        return WriteAsync(context, 200, new { });
    }

    private async Task CreateAliasAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var alias = body?["richMenuAliasId"]?.ToString() ?? "";
        var id = body?["richMenuId"]?.ToString() ?? "";
        string? error;
        lock (_gate)
        {
            error = !AliasPattern().IsMatch(alias) ? "invalid richMenuAliasId"
                : !_richMenus.TryGetValue(id, out var menu) ? "richmenu not found"
                : menu.Image is null ? "must upload richmenu image before creating an alias"
                : _richMenuAliases.ContainsKey(alias) ? "conflict richmenu alias id"
                : null;
            if (error is null)
            {
                _richMenuAliases[alias] = id;
            }
        }

        await (error is null ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = error })).ConfigureAwait(false);
    }

    private Task GetAlias(HttpContext context)
    {
        var alias = (string)context.GetRouteValue("aliasId")!;
        string? id;
        lock (_gate)
        {
            id = _richMenuAliases.GetValueOrDefault(alias);
        }

        return id is null ? WriteAsync(context, 404, new { message = "Not found" }) : WriteAsync(context, 200, new { richMenuAliasId = alias, richMenuId = id });
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex AliasPattern();

    /// <summary>The bearer token of the request (its channel); <see cref="Authorized"/> let only requests with one through.</summary>
    private static string ChannelToken(HttpContext context) => context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
}
