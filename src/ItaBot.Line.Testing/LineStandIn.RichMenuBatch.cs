namespace ItaBot.Line.Testing;

/// <summary>Rich menu validation, bulk links, alias updates and lists, and batch jobs.</summary>
public sealed partial class LineStandIn
{
    private const int MaxBulkUsers = 500;
    private const int MaxBatchOperations = 1000;

    private readonly Dictionary<string, JsonObject> _batches = new(StringComparer.Ordinal);

    private void MapRichMenuBatch(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/richmenu/validate", Authorized(ValidateRichMenuAsync));
        app.MapPost("/v2/bot/richmenu/bulk/link", Authorized(BulkLinkAsync));
        app.MapPost("/v2/bot/richmenu/bulk/unlink", Authorized(BulkUnlinkAsync));
        app.MapGet("/v2/bot/richmenu/alias/list", Authorized(ListAliases));
        app.MapPost("/v2/bot/richmenu/alias/{aliasId}", Authorized(UpdateAliasAsync));
        app.MapDelete("/v2/bot/richmenu/alias/{aliasId}", Authorized(DeleteAlias));
        app.MapPost("/v2/bot/richmenu/batch", Authorized(BatchAsync));
        app.MapPost("/v2/bot/richmenu/validate/batch", Authorized(ValidateBatchAsync));
        app.MapGet("/v2/bot/richmenu/progress/batch", Authorized(GetBatchProgress));
    }

    /// <summary>The rich menu linked to <paramref name="userId"/> (not the default), or null.</summary>
    public string? LinkedRichMenuId(string userId)
    {
        lock (_gate)
        {
            return _userRichMenus.GetValueOrDefault(userId);
        }
    }

    private async Task ValidateRichMenuAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        await (RichMenuProblem(body) is { } problem
            ? WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = problem, property = "richmenu" } } })
            : WriteAsync(context, 200, new { })).ConfigureAwait(false);
    }

    /// <summary>What LINE's schema and rules refuse in a rich menu, or null.</summary>
    private static string? RichMenuProblem(JsonObject? body)
    {
        if (body is null)
        {
            return "Malformed JSON";
        }

        var problems = LineOpenApiSchemas.Problems("RichMenuRequest", JsonSerializer.SerializeToElement(body, Json));
        if (problems.Count > 0)
        {
            return problems[0].Property + ": " + problems[0].Message;
        }

        return body["areas"] is JsonArray { Count: <= 20 } && body["size"] is JsonObject && !string.IsNullOrEmpty(body["name"]?.ToString())
            ? null
            : "invalid rich menu";
    }

    private async Task BulkLinkAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var id = body?["richMenuId"]?.ToString() ?? "";
        var users = BulkUsers(body);
        string? error;
        lock (_gate)
        {
            error = users is null ? "userIds must hold 1 to 500 user ids"
                : !_richMenus.TryGetValue(id, out var menu) ? "richmenu not found"
                : menu.Image is null ? "must upload richmenu image before applying it to user"
                : null;
            if (error is null)
            {
                foreach (var user in users!)
                {
                    _userRichMenus[user] = id;
                }
            }
        }

        await (error is null ? WriteAsync(context, 202, new { }) : WriteAsync(context, 400, new { message = error })).ConfigureAwait(false);
    }

    private async Task BulkUnlinkAsync(HttpContext context)
    {
        var users = BulkUsers(await ReadJsonAsync(context).ConfigureAwait(false));
        if (users is null)
        {
            await WriteAsync(context, 400, new { message = "userIds must hold 1 to 500 user ids" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            foreach (var user in users)
            {
                _userRichMenus.Remove(user);
            }
        }

        await WriteAsync(context, 202, new { }).ConfigureAwait(false);
    }

    private static List<string>? BulkUsers(JsonObject? body) =>
        body?["userIds"] is JsonArray { Count: > 0 and <= MaxBulkUsers } ids && ids.All(i => i is JsonValue v && v.TryGetValue<string>(out var s) && UserIdPattern().IsMatch(s))
            ? [.. ids.Select(i => i!.GetValue<string>())]
            : null;

    private Task ListAliases(HttpContext context)
    {
        object[] aliases;
        lock (_gate)
        {
            aliases = [.. _richMenuAliases.Select(a => new { richMenuAliasId = a.Key, richMenuId = a.Value })];
        }

        return WriteAsync(context, 200, new { aliases });
    }

    private async Task UpdateAliasAsync(HttpContext context)
    {
        var alias = (string)context.GetRouteValue("aliasId")!;
        var id = (await ReadJsonAsync(context).ConfigureAwait(false))?["richMenuId"]?.ToString() ?? "";
        int status;
        lock (_gate)
        {
            status = !_richMenuAliases.ContainsKey(alias) ? 404
                : !_richMenus.TryGetValue(id, out var menu) || menu.Image is null ? 400
                : 200;
            if (status == 200)
            {
                _richMenuAliases[alias] = id;
            }
        }

        await (status switch
        {
            200 => WriteAsync(context, 200, new { }),
            404 => WriteAsync(context, 404, new { message = "Not found" }),
            _ => WriteAsync(context, 400, new { message = "richmenu not found, or it has no image" }),
        }).ConfigureAwait(false);
    }

    private Task DeleteAlias(HttpContext context)
    {
        bool removed;
        lock (_gate)
        {
            removed = _richMenuAliases.Remove((string)context.GetRouteValue("aliasId")!);
        }

        return removed ? WriteAsync(context, 200, new { }) : WriteAsync(context, 404, new { message = "Not found" });
    }

    private async Task BatchAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        if (BatchProblem(body) is { } problem)
        {
            await WriteAsync(context, 400, new { message = problem }).ConfigureAwait(false);
            return;
        }

        var requestId = context.Response.Headers["x-line-request-id"].ToString();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // Carried out at once: a batch LINE runs for minutes is over here before its progress is asked for.
            foreach (var operation in body!["operations"]!.AsArray().OfType<JsonObject>())
            {
                var from = operation["from"]?.ToString();
                var to = operation["to"]?.ToString();
                foreach (var user in _userRichMenus.Where(p => operation["type"]!.ToString() == "unlinkAll" || p.Value == from).Select(p => p.Key).ToList())
                {
                    if (operation["type"]!.ToString() == "link")
                    {
                        _userRichMenus[user] = to!;
                    }
                    else
                    {
                        _userRichMenus.Remove(user);
                    }
                }
            }

            _batches[requestId] = new JsonObject { ["phase"] = "succeeded", ["acceptedTime"] = now, ["completedTime"] = now };
        }

        await WriteAsync(context, 202, new { }).ConfigureAwait(false);
    }

    private async Task ValidateBatchAsync(HttpContext context)
    {
        var problem = BatchProblem(await ReadJsonAsync(context).ConfigureAwait(false));
        await (problem is null ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = problem })).ConfigureAwait(false);
    }

    /// <summary>LINE's schema, 1-1000 operations, and rich menus that exist for <c>to</c> (and have an image).</summary>
    private string? BatchProblem(JsonObject? body)
    {
        if (body is null)
        {
            return "Malformed JSON";
        }

        var problems = LineOpenApiSchemas.Problems("RichMenuBatchRequest", JsonSerializer.SerializeToElement(body, Json));
        if (problems.Count > 0)
        {
            return problems[0].Property + ": " + problems[0].Message;
        }

        if (body["operations"] is not JsonArray { Count: > 0 and <= MaxBatchOperations } operations)
        {
            return "operations must hold 1 to 1000 operations";
        }

        lock (_gate)
        {
            foreach (var operation in operations.OfType<JsonObject>())
            {
                if (operation["type"]?.ToString() == "link" && (!_richMenus.TryGetValue(operation["to"]?.ToString() ?? "", out var menu) || menu.Image is null))
                {
                    return "richmenu not found, or it has no image";
                }
            }
        }

        return null;
    }

    private Task GetBatchProgress(HttpContext context)
    {
        JsonObject? progress;
        lock (_gate)
        {
            progress = _batches.GetValueOrDefault(context.Request.Query["requestId"].ToString())?.DeepClone().AsObject();
        }

        return progress is null ? WriteAsync(context, 404, new { message = "Not found" }) : WriteAsync(context, 200, progress);
    }
}
