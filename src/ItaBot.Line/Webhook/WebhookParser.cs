using System.Globalization;
using System.Text.Json;

namespace ItaBot.Line.Webhook;

/// <summary>The events of one webhook request and the bot they are for.</summary>
public sealed record WebhookRequest(string? Destination, IReadOnlyList<WebhookEvent> Events);

/// <summary>
/// Turns webhook JSON into typed events. Dispatches on <c>type</c> by hand, so property order does not matter;
/// unknown event types, message types, source types and fields never throw. Only JSON that is not an object
/// (or a body without an <c>events</c> array) is an error.
/// </summary>
public static class WebhookParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses a whole webhook body (verify its signature first) into its events.</summary>
    /// <exception cref="JsonException">The body is not JSON, not an object, or has no <c>events</c> array.</exception>
    public static IReadOnlyList<WebhookEvent> Parse(ReadOnlySpan<byte> body) => ParseRequest(body).Events;

    /// <summary>Like <see cref="Parse"/>, and also returns <c>destination</c> (the bot's user id).</summary>
    /// <exception cref="JsonException">The body is not JSON, not an object, or has no <c>events</c> array.</exception>
    public static WebhookRequest ParseRequest(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The webhook body is not a JSON object.");
        }

        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The webhook body has no events array.");
        }

        var result = new List<WebhookEvent>(events.GetArrayLength());
        foreach (var e in events.EnumerateArray())
        {
            result.Add(ParseEvent(e));
        }

        return new WebhookRequest(Str(root, "destination"), result);
    }

    /// <summary>Parses one event object, e.g. <see cref="RawWebhookEvent.Json"/> from the inbox.</summary>
    /// <exception cref="JsonException">The text is not JSON or not an object.</exception>
    public static WebhookEvent ParseEvent(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return ParseEvent(document.RootElement);
    }

    /// <summary>Parses one event object. The element may be disposed afterwards: nothing refers to it.</summary>
    /// <exception cref="JsonException">The element is not an object.</exception>
    public static WebhookEvent ParseEvent(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A webhook event is not a JSON object.");
        }

        var type = Str(e, "type") ?? "";
        WebhookEvent? typed = type switch
        {
            "message" => Obj(e, "message") is { } m ? new MessageEvent { Type = type, Json = "", Message = ParseMessage(m) } : null,
            "messageEdited" => Obj(e, "message") is { } m ? new MessageEditedEvent { Type = type, Json = "", Message = ParseMessage(m) } : null,
            "unsend" => Obj(e, "unsend") is { } u ? new UnsendEvent { Type = type, Json = "", MessageId = Str(u, "messageId") ?? "" } : null,
            "follow" => new FollowEvent { Type = type, Json = "", IsUnblocked = Obj(e, "follow") is { } f && Bool(f, "isUnblocked") },
            "unfollow" => new UnfollowEvent { Type = type, Json = "" },
            "join" => new JoinEvent { Type = type, Json = "" },
            "leave" => new LeaveEvent { Type = type, Json = "" },
            "memberJoined" => new MemberJoinedEvent { Type = type, Json = "", Members = Members(e, "joined") },
            "memberLeft" => new MemberLeftEvent { Type = type, Json = "", Members = Members(e, "left") },
            "postback" => Obj(e, "postback") is { } p ? new PostbackEvent { Type = type, Json = "", Postback = ParsePostback(p) } : null,
            "videoPlayComplete" => Obj(e, "videoPlayComplete") is { } v
                ? new VideoPlayCompleteEvent { Type = type, Json = "", TrackingId = Str(v, "trackingId") ?? "" } : null,
            "beacon" => Obj(e, "beacon") is { } b
                ? new BeaconEvent { Type = type, Json = "", Beacon = new BeaconContent(Str(b, "hwid") ?? "", Str(b, "type") ?? "", Str(b, "dm")) } : null,
            "accountLink" => Obj(e, "link") is { } l
                ? new AccountLinkEvent { Type = type, Json = "", Link = new LinkContent(Str(l, "result") ?? "", Str(l, "nonce")) } : null,
            "membership" => Obj(e, "membership") is { } ms
                ? new MembershipEvent { Type = type, Json = "", Membership = new MembershipContent(Str(ms, "type") ?? "", Long(ms, "membershipId")) } : null,
            "module" => Obj(e, "module") is { } mo
                ? new ModuleEvent { Type = type, Json = "", Module = new ModuleContent(Str(mo, "type") ?? "", Str(mo, "botId"), Strings(mo, "scopes"), Str(mo, "reason")) } : null,
            "activated" => new ActivatedEvent { Type = type, Json = "", ExpireAt = Obj(e, "chatControl") is { } c ? Long(c, "expireAt") : null },
            "deactivated" => new DeactivatedEvent { Type = type, Json = "" },
            "botSuspended" => new BotSuspendedEvent { Type = type, Json = "" },
            "botResumed" => new BotResumedEvent { Type = type, Json = "" },
            "delivery" => Obj(e, "delivery") is { } d ? new PnpDeliveryCompletionEvent { Type = type, Json = "", Data = Str(d, "data") ?? "" } : null,
            _ => null,
        };

        // A known type without its payload object is as good as unknown: keep it whole rather than guess.
        typed ??= new UnknownEvent { Type = type, Json = "" };
        return typed with
        {
            Json = e.GetRawText(),
            Mode = Str(e, "mode"),
            Timestamp = Long(e, "timestamp") ?? 0,
            Source = Obj(e, "source") is { } s ? ParseSource(s) : null,
            WebhookEventId = Str(e, "webhookEventId"),
            DeliveryContext = Obj(e, "deliveryContext") is { } dc ? new DeliveryContext(Bool(dc, "isRedelivery")) : null,
            ReplyToken = Str(e, "replyToken"),
        };
    }

    private static EventSource ParseSource(JsonElement s)
    {
        var type = Str(s, "type") ?? "";
        var userId = Str(s, "userId");
        return type switch
        {
            "user" => new UserSource(userId),
            "group" when Str(s, "groupId") is { } groupId => new GroupSource(groupId, userId),
            "room" when Str(s, "roomId") is { } roomId => new RoomSource(roomId, userId),
            _ => new UnknownSource(type, userId, s.GetRawText()),
        };
    }

    private static WebhookMessageContent ParseMessage(JsonElement m)
    {
        var type = Str(m, "type") ?? "";
        WebhookMessageContent content = type switch
        {
            "text" => new TextMessageContent
            {
                Type = type, Id = "", Json = "",
                Text = Str(m, "text") ?? "",
                Emojis = Array(m, "emojis", x => new Emoji(Int(x, "index") ?? 0, Int(x, "length") ?? 0, Str(x, "productId") ?? "", Str(x, "emojiId") ?? "")),
                Mention = Obj(m, "mention") is { } mention
                    ? new Mention(Array(mention, "mentionees", x => new Mentionee(
                        Str(x, "type") ?? "", Int(x, "index") ?? 0, Int(x, "length") ?? 0, Str(x, "userId"), Bool(x, "isSelf"))))
                    : null,
                QuotedMessageId = Str(m, "quotedMessageId"),
            },
            "image" => new ImageMessageContent
            {
                Type = type, Id = "", Json = "",
                ContentProvider = Provider(m),
                ImageSet = Obj(m, "imageSet") is { } set ? new ImageSet(Str(set, "id") ?? "", Int(set, "index"), Int(set, "total")) : null,
            },
            "video" => new VideoMessageContent { Type = type, Id = "", Json = "", ContentProvider = Provider(m), Duration = Long(m, "duration") },
            "audio" => new AudioMessageContent { Type = type, Id = "", Json = "", ContentProvider = Provider(m), Duration = Long(m, "duration") },
            "file" => new FileMessageContent { Type = type, Id = "", Json = "", FileName = Str(m, "fileName") ?? "", FileSize = Long(m, "fileSize") ?? 0 },
            "location" => new LocationMessageContent
            {
                Type = type, Id = "", Json = "",
                Title = Str(m, "title"),
                Address = Str(m, "address"),
                Latitude = Double(m, "latitude") ?? 0,
                Longitude = Double(m, "longitude") ?? 0,
            },
            "sticker" => new StickerMessageContent
            {
                Type = type, Id = "", Json = "",
                PackageId = Str(m, "packageId") ?? "",
                StickerId = Str(m, "stickerId") ?? "",
                StickerResourceType = Str(m, "stickerResourceType"),
                Keywords = Strings(m, "keywords"),
                Text = Str(m, "text"),
                QuotedMessageId = Str(m, "quotedMessageId"),
            },
            _ => new UnknownMessageContent { Type = type, Id = "", Json = "" },
        };

        return content with
        {
            Id = Str(m, "id") ?? "",
            Json = m.GetRawText(),
            MarkAsReadToken = Str(m, "markAsReadToken"),
            QuoteToken = Str(m, "quoteToken"),
        };
    }

    private static ContentProvider Provider(JsonElement m) =>
        Obj(m, "contentProvider") is { } p
            ? new ContentProvider(Str(p, "type") ?? "", Str(p, "originalContentUrl"), Str(p, "previewImageUrl"))
            : new ContentProvider("", null, null);

    private static PostbackContent ParsePostback(JsonElement p)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Obj(p, "params") is { } ps)
        {
            foreach (var property in ps.EnumerateObject())
            {
                if (Scalar(property.Value) is { } value)
                {
                    parameters[property.Name] = value;
                }
            }
        }

        return new PostbackContent(Str(p, "data") ?? "", parameters);
    }

    private static List<UserSource> Members(JsonElement e, string name) =>
        Obj(e, name) is { } holder ? Array(holder, "members", x => new UserSource(Str(x, "userId"))) : [];

    private static List<T> Array<T>(JsonElement parent, string name, Func<JsonElement, T> map)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<T>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                list.Add(map(item));
            }
        }

        return list;
    }

    private static List<string> Strings(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (Scalar(item) is { } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    private static JsonElement? Obj(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Str(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Scalar(value) : null;

    /// <summary>
    /// A JSON string; a lone surrogate escape (<c>\ud800</c>, which no real text contains but a client can send) becomes
    /// U+FFFD instead of failing the whole event, so the citizen still gets an answer.
    /// </summary>
    private static string Text(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            using var repaired = JsonDocument.Parse(LoneSurrogates.Replace(value.GetRawText()));
            return repaired.RootElement.GetString()!;
        }
    }

    /// <summary>A string as is; a number as its exact digits (an id sent as a number must not lose precision).</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static bool Bool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static long? Long(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        return value.ValueKind == JsonValueKind.String
            && long.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private static int? Int(JsonElement parent, string name) =>
        Long(parent, name) is { } n && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    private static double? Double(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d))
        {
            return d;
        }

        return value.ValueKind == JsonValueKind.String
            && double.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}

/// <summary>Rewrites the raw text of a JSON string so that every unpaired surrogate escape reads <c>\ufffd</c>.</summary>
internal static class LoneSurrogates
{
    public static string Replace(string rawJsonString)
    {
        var output = new System.Text.StringBuilder(rawJsonString.Length);
        var i = 0;
        while (i < rawJsonString.Length)
        {
            if (rawJsonString[i] != '\\' || i + 1 >= rawJsonString.Length)
            {
                output.Append(rawJsonString[i++]);
                continue;
            }

            if (rawJsonString[i + 1] != 'u' || !TryUnit(rawJsonString, i, out var unit))
            {
                output.Append(rawJsonString, i, 2);   // another escape (\\, \", \n …) passes whole, so its second character is not taken for a new escape
                i += 2;
                continue;
            }

            if (char.IsHighSurrogate(unit) && TryUnit(rawJsonString, i + 6, out var next) && char.IsLowSurrogate(next))
            {
                output.Append(rawJsonString, i, 12);
                i += 12;
            }
            else
            {
                output.Append(char.IsSurrogate(unit) ? "\\ufffd" : rawJsonString.Substring(i, 6));
                i += 6;
            }
        }

        return output.ToString();
    }

    private static bool TryUnit(string text, int at, out char unit)
    {
        unit = default;
        if (at + 6 > text.Length || text[at] != '\\' || text[at + 1] != 'u'
            || !ushort.TryParse(text.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
