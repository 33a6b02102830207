using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using ItaBot.Complaints;
using ItaBot.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ItaBot.Line.Testing;

namespace ItaBot.Simulator;

internal sealed record SimulatorUser(string UserId, string DisplayName);

/// <summary>What the page asks for; which fields matter depends on <see cref="Kind"/>.</summary>
internal sealed record SimulatorEvent(
    string UserId,
    string Kind,
    string? Text = null,
    string? PackageId = null,
    string? StickerId = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Title = null,
    string? Address = null,
    string? Data = null,
    Dictionary<string, string>? Params = null,
    string? DisplayText = null);

/// <summary>
/// The chat page and its small API. The page never posts to LINE's stand-in itself: it asks for a signed webhook
/// body, posts that to <c>/webhook</c> with the signature (the real path), and polls for what the bot sent.
/// </summary>
internal static class SimulatorEndpoints
{
    private const int MaxImageBytes = 10 * 1024 * 1024;

    // The page loads nothing from elsewhere except images the bot itself names; no inline script can run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Assets = LoadAssets();

    /// <summary>A place to send as a LINE location, as the simulator's location drawer offers it.</summary>
    internal sealed record LocationPreset(string Label, string Title, string Address, double Latitude, double Longitude);

    /// <summary>
    /// Places around the agency's own position in the content pack: the office, a place inside the service area, one at
    /// its edge (still accepted) and one outside it (the complaint flow questions it), so each path can be tried.
    /// </summary>
    internal static IReadOnlyList<LocationPreset> LocationPresets(Agency agency, double serviceAreaKm)
    {
        var (lat, lon) = (agency.Location.Latitude, agency.Location.Longitude);
        var district = $"ตำบล{agency.Address.Subdistrict} อำเภอ{agency.Address.District} จังหวัด{agency.Address.Province}";
        LocationPreset At(string label, string title, double northKm, double eastKm) => new(label, title, district,
            Math.Round(lat + (northKm / 111.32), 6), Math.Round(lon + (eastKm / (111.32 * Math.Cos(lat * Math.PI / 180))), 6));
        return
        [
            new("สำนักงาน", agency.Name, agency.Address.Line + " " + district, lat, lon),
            At("ในเขต (1 กม.)", "ชุมชนใกล้สำนักงาน", 0.6, 0.8),
            At($"ขอบเขต ({(serviceAreaKm * 0.9).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} กม.)", "ริมเขตพื้นที่ให้บริการ", serviceAreaKm * 0.9, 0),
            At($"นอกเขต ({(serviceAreaKm + 15).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} กม.)", "นอกเขตพื้นที่ให้บริการ", 0, -(serviceAreaKm + 15)),
        ];
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/simulator", (HttpContext context) => Asset(context, "index.html"));
        app.MapGet("/simulator/assets/{name}", (HttpContext context, string name) => Asset(context, name));

        var api = app.MapGroup("/simulator/api");
        api.MapGet("/info", (LineStandIn line, ContentPackProvider content, IOptions<ComplaintOptions> complaints) =>
            TypedResults.Ok(new { botName = line.BotDisplayName, botUserId = line.BotUserId, locations = LocationPresets(content.Current.Agency, complaints.Value.ServiceAreaKm) }));
        api.MapPost("/users", AddUser);
        api.MapPost("/events", CreateEvent);
        api.MapPost("/images", CreateImageEventAsync);
        api.MapGet("/messages", Messages);
        api.MapGet("/content/{messageId}", Content);
        api.MapGet("/richmenu", RichMenu);
        api.MapGet("/richmenu/{richMenuId}/image", RichMenuImage);
    }

    private static IResult Asset(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    private static Results<NoContent, ProblemHttpResult> AddUser(SimulatorUser user, LineStandIn line)
    {
        if (!IsUserId(user.UserId) || string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName.Length > 50)
        {
            return Problem("userId must be U followed by 32 hex digits and displayName 1-50 characters.");
        }

        line.SetDisplayName(user.UserId, user.DisplayName.Trim());
        return TypedResults.NoContent();
    }

    private static Results<Ok<SignedWebhook>, ProblemHttpResult> CreateEvent(SimulatorEvent request, SimulatedWebhooks webhooks, SimulatorChats chats)
    {
        if (!IsUserId(request.UserId))
        {
            return Problem("userId must be U followed by 32 hex digits.");
        }

        if (request.Kind != "follow" && chats.IsBlocked(request.UserId))
        {
            return Problem("This user has blocked the bot; add it as a friend again first.");
        }

        switch (request.Kind)
        {
            case "text" when !string.IsNullOrEmpty(request.Text) && request.Text.Length <= 5000:
            {
                var message = webhooks.NewMessage("text");
                message["text"] = request.Text;
                chats.UserDid(request.UserId, new JsonObject { ["type"] = "text", ["text"] = request.Text });
                return TypedResults.Ok(webhooks.Create(request.UserId, "message", new JsonObject { ["message"] = message }));
            }

            case "sticker" when IsDigits(request.PackageId) && IsDigits(request.StickerId):
            {
                var message = webhooks.NewMessage("sticker");
                message["packageId"] = request.PackageId;
                message["stickerId"] = request.StickerId;
                message["stickerResourceType"] = "STATIC";
                chats.UserDid(request.UserId, new JsonObject { ["type"] = "sticker", ["packageId"] = request.PackageId, ["stickerId"] = request.StickerId });
                return TypedResults.Ok(webhooks.Create(request.UserId, "message", new JsonObject { ["message"] = message }));
            }

            case "location" when request.Latitude is >= -90 and <= 90 && request.Longitude is >= -180 and <= 180:
            {
                var message = webhooks.NewMessage("location");
                var shown = new JsonObject { ["type"] = "location" };
                foreach (var target in new[] { message, shown })
                {
                    if (!string.IsNullOrWhiteSpace(request.Title))
                    {
                        target["title"] = request.Title;
                    }

                    if (!string.IsNullOrWhiteSpace(request.Address))
                    {
                        target["address"] = request.Address;
                    }

                    target["latitude"] = request.Latitude;
                    target["longitude"] = request.Longitude;
                }

                chats.UserDid(request.UserId, shown);
                return TypedResults.Ok(webhooks.Create(request.UserId, "message", new JsonObject { ["message"] = message }));
            }

            case "postback" when !string.IsNullOrEmpty(request.Data) && request.Data.Length <= 300:
            {
                var postback = new JsonObject { ["data"] = request.Data };
                if (request.Params is { Count: > 0 })
                {
                    postback["params"] = new JsonObject(request.Params.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
                }

                if (!string.IsNullOrEmpty(request.DisplayText))
                {
                    chats.UserDid(request.UserId, new JsonObject { ["type"] = "text", ["text"] = request.DisplayText });
                }

                return TypedResults.Ok(webhooks.Create(request.UserId, "postback", new JsonObject { ["postback"] = postback }));
            }

            case "follow":
            {
                var unblocked = chats.Follow(request.UserId);
                chats.UserDid(request.UserId, new JsonObject { ["type"] = "system", ["event"] = "follow" });
                return TypedResults.Ok(webhooks.Create(request.UserId, "follow", new JsonObject { ["follow"] = new JsonObject { ["isUnblocked"] = unblocked } }));
            }

            case "unfollow":
                chats.Unfollow(request.UserId);
                chats.UserDid(request.UserId, new JsonObject { ["type"] = "system", ["event"] = "unfollow" });
                return TypedResults.Ok(webhooks.Create(request.UserId, "unfollow", []));

            default:
                return Problem("Unknown kind, or a field it needs is missing or out of range.");
        }
    }

    private static async Task<Results<Ok<SignedWebhook>, ProblemHttpResult>> CreateImageEventAsync(
        HttpRequest request, [FromQuery] string userId, LineStandIn line, SimulatedWebhooks webhooks, SimulatorChats chats)
    {
        var contentType = request.ContentType ?? "";
        if (!IsUserId(userId) || chats.IsBlocked(userId) || contentType is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
        {
            return Problem("Send a JPEG, PNG, GIF or WebP image for a known, unblocked user.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length is 0 or > MaxImageBytes)
        {
            return Problem("The image must be 1 byte to 10 MB.");
        }

        var message = webhooks.NewMessage("image");
        message["contentProvider"] = new JsonObject { ["type"] = "line" };
        var messageId = (string)message["id"]!;
        line.AddContent(messageId, buffer.ToArray(), contentType);
        chats.UserDid(userId, new JsonObject { ["type"] = "image", ["url"] = "/simulator/api/content/" + messageId });
        return TypedResults.Ok(webhooks.Create(userId, "message", new JsonObject { ["message"] = message }));
    }

    private static IResult Messages(HttpContext context, [FromQuery] string userId, [FromQuery] long? after, LineStandIn line, SimulatorChats chats)
    {
        if (!IsUserId(userId))
        {
            return Problem("userId must be U followed by 32 hex digits.");
        }

        context.Response.Headers.CacheControl = "no-store";
        var body = new JsonObject
        {
            ["items"] = chats.ItemsAfter(userId, after ?? 0),
            ["typing"] = line.IsLoading(userId),
            ["blocked"] = chats.IsBlocked(userId),
        };
        return TypedResults.Content(body.ToJsonString(), "application/json");
    }

    private static IResult Content(string messageId, LineStandIn line)
    {
        var content = line.GetContent(messageId);
        return content is null ? TypedResults.NotFound() : TypedResults.Bytes(content.Data, content.ContentType);
    }

    private static IResult RichMenu([FromQuery] string userId, [FromQuery] string? alias, LineStandIn line, IConfiguration configuration)
    {
        if (!IsUserId(userId))
        {
            return Problem("userId must be U followed by 32 hex digits.");
        }

        // The simulator chats as the default agency (its webhooks are signed with ItaBot:Line:ChannelSecret): its channel's menu,
        // not the one another agency's channel set on the same stand-in.
        var menu = alias is null ? line.EffectiveRichMenu(userId, configuration["ItaBot:Line:ChannelAccessToken"] ?? "") : line.GetRichMenuByAlias(alias);
        if (menu?.Image is null || JsonNode.Parse(menu.Json) is not JsonObject json)
        {
            return TypedResults.NoContent();
        }

        json["imageUrl"] = $"/simulator/api/richmenu/{Uri.EscapeDataString(menu.Id)}/image";
        return TypedResults.Content(json.ToJsonString(), "application/json");
    }

    private static IResult RichMenuImage(string richMenuId, LineStandIn line)
    {
        var menu = line.GetRichMenu(richMenuId);
        return menu?.Image is null ? TypedResults.NotFound() : TypedResults.Bytes(menu.Image, menu.ImageContentType);
    }

    private static bool IsUserId(string? userId) => userId is not null && LineStandIn.UserIdPattern().IsMatch(userId);

    private static bool IsDigits(string? value) => !string.IsNullOrEmpty(value) && value.Length <= 20 && value.All(char.IsAsciiDigit);

    private static ProblemHttpResult Problem(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static FrozenDictionary<string, (string, byte[])> LoadAssets()
    {
        const string Prefix = "ItaBot.Simulator.Page.";
        var assembly = typeof(SimulatorEndpoints).Assembly;
        var assets = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = (type, copy.ToArray());
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
