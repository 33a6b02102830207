using System.Text.Json;
using System.Text;
using ItaBot.Line.Webhook;
using Xunit;

namespace ItaBot.Line.Tests.Webhook;

/// <summary>Events shaped like the examples in LINE's Messaging API reference, plus the odd ones LINE warns about.</summary>
public sealed class WebhookParserTests
{
    private const string Common = """
        "mode":"active","timestamp":1462629479859,"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":false}
        """;

    private const string User = """ "source":{"type":"user","userId":"U4af4980629b2f1f7c8a7a6bde3c1f1c2"} """;

    private static T Parse<T>(string json) where T : WebhookEvent => Assert.IsType<T>(WebhookParser.ParseEvent(json));

    [Fact]
    public void ParseEvent_TextMessageWithEmojisMentionAndQuote_IsTyped()
    {
        var e = Parse<MessageEvent>($$$"""
            {"replyToken":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA","type":"message",{{{Common}}},
             "source":{"type":"group","groupId":"Ca56f94637c","userId":"U4af4980629b"},
             "message":{"id":"444573844083572737","type":"text","quoteToken":"q3Plxr4AgKd",
               "text":"@All @example Good Morning!! (love)",
               "emojis":[{"index":29,"length":6,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}],
               "mention":{"mentionees":[{"index":0,"length":4,"type":"all"},{"index":5,"length":8,"userId":"U49585cd0d5","type":"user","isSelf":false}]},
               "quotedMessageId":"468789577898262530","markAsReadToken":"30yhdy232"}}
            """);

        Assert.Equal("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", e.ReplyToken);
        Assert.Equal(1462629479859, e.Timestamp);
        Assert.Equal("01FZ74A0TDDPYRVKNK77XKC3ZR", e.WebhookEventId);
        Assert.False(e.IsRedelivery);
        Assert.False(e.IsStandby);
        var source = Assert.IsType<GroupSource>(e.Source);
        Assert.Equal(("Ca56f94637c", "U4af4980629b", "Ca56f94637c"), (source.GroupId, source.UserId, source.ChatId));
        var text = Assert.IsType<TextMessageContent>(e.Message);
        Assert.Equal(("444573844083572737", "@All @example Good Morning!! (love)"), (text.Id, text.Text));
        Assert.Equal(("q3Plxr4AgKd", "468789577898262530", "30yhdy232"), (text.QuoteToken, text.QuotedMessageId, text.MarkAsReadToken));
        Assert.Equal(new Emoji(29, 6, "5ac1bfd5040ab15980c9b435", "001"), Assert.Single(text.Emojis));
        Assert.Equal(
            [new Mentionee("all", 0, 4, null, false), new Mentionee("user", 5, 8, "U49585cd0d5", false)],
            text.Mention!.Mentionees);
    }

    [Fact]
    public void ParseEvent_ImageFromASet_KeepsProviderAndSet()
    {
        var e = Parse<MessageEvent>($$$"""
            {"type":"message",{{{Common}}},{{{User}}},"replyToken":"r",
             "message":{"type":"image","id":"354718705033693859","quoteToken":"q",
               "contentProvider":{"type":"line"},"imageSet":{"id":"E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855","index":1,"total":2}} }
            """);

        var image = Assert.IsType<ImageMessageContent>(e.Message);
        Assert.True(image.ContentProvider.IsLine);
        Assert.Equal(new ImageSet("E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855", 1, 2), image.ImageSet);
    }

    [Fact]
    public void ParseEvent_MediaFileLocationSticker_AreTyped()
    {
        static WebhookMessageContent Message(string message) =>
            Parse<MessageEvent>($$$"""{"type":"message",{{{Common}}},{{{User}}},"message":{{{message}}}}""").Message;

        var video = Assert.IsType<VideoMessageContent>(Message("""
            {"id":"325708","type":"video","duration":60000,"contentProvider":{"type":"external","originalContentUrl":"https://example.com/original.mp4","previewImageUrl":"https://example.com/preview.jpg"}}
            """));
        Assert.Equal((60000L, "external", "https://example.com/original.mp4", "https://example.com/preview.jpg"),
            (video.Duration, video.ContentProvider.Type, video.ContentProvider.OriginalContentUrl, video.ContentProvider.PreviewImageUrl));

        var audio = Assert.IsType<AudioMessageContent>(Message("""{"id":"325709","type":"audio","duration":60000,"contentProvider":{"type":"line"}}"""));
        Assert.Equal(60000L, audio.Duration);

        var file = Assert.IsType<FileMessageContent>(Message("""{"id":"325710","type":"file","fileName":"คำร้อง.pdf","fileSize":2138}"""));
        Assert.Equal(("คำร้อง.pdf", 2138L), (file.FileName, file.FileSize));

        var location = Assert.IsType<LocationMessageContent>(Message("""
            {"id":"325711","type":"location","title":"เทศบาล","address":"ชัยภูมิ","latitude":15.8068,"longitude":102.0316}
            """));
        Assert.Equal(("เทศบาล", "ชัยภูมิ", 15.8068, 102.0316), (location.Title, location.Address, location.Latitude, location.Longitude));

        var sticker = Assert.IsType<StickerMessageContent>(Message("""
            {"type":"sticker","id":"1501597916","quoteToken":"q","stickerId":"738839","packageId":"12287","stickerResourceType":"MESSAGE",
             "keywords":["Anticipation","Sparkle"],"text":"Let's hang out this weekend!","quotedMessageId":"1"}
            """));
        Assert.Equal(("12287", "738839", "MESSAGE", "Let's hang out this weekend!", "1"),
            (sticker.PackageId, sticker.StickerId, sticker.StickerResourceType, sticker.Text, sticker.QuotedMessageId));
        Assert.Equal(["Anticipation", "Sparkle"], sticker.Keywords);
    }

    [Fact]
    public void ParseEvent_NewStickerResourceTypeAndBeaconType_KeptAsStrings()
    {
        var sticker = Assert.IsType<StickerMessageContent>(Parse<MessageEvent>($$$"""
            {"type":"message",{{{Common}}},{{{User}}},"message":{"type":"sticker","id":"1","packageId":"1","stickerId":"2","stickerResourceType":"HOLOGRAM_3D"}}
            """).Message);
        var beacon = Parse<BeaconEvent>($$$"""
            {"type":"beacon",{{{Common}}},{{{User}}},"replyToken":"r","beacon":{"hwid":"d41d8cd98f","type":"leave","dm":"1234"}}
            """);

        Assert.Equal("HOLOGRAM_3D", sticker.StickerResourceType);
        Assert.Equal(new BeaconContent("d41d8cd98f", "leave", "1234"), beacon.Beacon);
    }

    [Fact]
    public void ParseEvent_EveryOtherDocumentedType_IsTyped()
    {
        Assert.Equal("325708", Parse<UnsendEvent>($$$"""{"type":"unsend",{{{Common}}},{{{User}}},"unsend":{"messageId":"325708"}}""").MessageId);
        Assert.True(Parse<FollowEvent>($$$"""{"replyToken":"r","type":"follow",{{{Common}}},{{{User}}},"follow":{"isUnblocked":true}}""").IsUnblocked);
        Assert.False(Parse<FollowEvent>($$$"""{"replyToken":"r","type":"follow",{{{Common}}},{{{User}}},"follow":{"isUnblocked":false}}""").IsUnblocked);
        Assert.Null(Parse<UnfollowEvent>($$$"""{"type":"unfollow",{{{Common}}},{{{User}}}}""").ReplyToken);
        Assert.Equal("r", Parse<JoinEvent>($$$"""{"replyToken":"r","type":"join",{{{Common}}},"source":{"type":"room","roomId":"Ra8dbf4"}}""").ReplyToken);
        Assert.IsType<RoomSource>(Parse<LeaveEvent>($$$"""{"type":"leave",{{{Common}}},"source":{"type":"room","roomId":"Ra8dbf4"}}""").Source);

        var joined = Parse<MemberJoinedEvent>($$$"""
            {"type":"memberJoined",{{{Common}}},"source":{"type":"group","groupId":"C4af"},"replyToken":"r",
             "joined":{"members":[{"type":"user","userId":"U4af"},{"type":"user","userId":"U91e"}]}}
            """);
        Assert.Equal(["U4af", "U91e"], joined.Members.Select(m => m.UserId));
        var left = Parse<MemberLeftEvent>($$$"""
            {"type":"memberLeft",{{{Common}}},"source":{"type":"group","groupId":"C4af"},"left":{"members":[{"type":"user","userId":"U4af"}]}}
            """);
        Assert.Equal("U4af", Assert.Single(left.Members).UserId);

        Assert.Equal("8c570fa6dd201bb328f1c1eac23a96d8", Parse<VideoPlayCompleteEvent>($$$"""
            {"replyToken":"r","type":"videoPlayComplete",{{{Common}}},{{{User}}},"videoPlayComplete":{"trackingId":"8c570fa6dd201bb328f1c1eac23a96d8"}}
            """).TrackingId);

        var link = Parse<AccountLinkEvent>($$$"""
            {"type":"accountLink",{{{Common}}},{{{User}}},"replyToken":"r","link":{"result":"ok","nonce":"xxxxxxxxxxxxxxx"}}
            """).Link;
        Assert.True(link.IsOk);
        Assert.Equal("xxxxxxxxxxxxxxx", link.Nonce);

        Assert.Equal(new MembershipContent("joined", 3189), Parse<MembershipEvent>($$$"""
            {"type":"membership",{{{Common}}},{{{User}}},"replyToken":"r","membership":{"type":"joined","membershipId":3189}}
            """).Membership);

        var attached = Parse<ModuleEvent>($$$"""
            {"type":"module",{{{Common}}},{{{User}}},"module":{"type":"attached","botId":"U111","scopes":["message:send","message:receive"]}}
            """).Module;
        Assert.Equal(("attached", "U111"), (attached.Type, attached.BotId));
        Assert.Equal(["message:send", "message:receive"], attached.Scopes);
        Assert.Equal("bot_deleted", Parse<ModuleEvent>($$$"""
            {"type":"module",{{{Common}}},{{{User}}},"module":{"type":"detached","botId":"U111","reason":"bot_deleted"}}
            """).Module.Reason);

        Assert.Equal(1462629479866, Parse<ActivatedEvent>($$$"""{"type":"activated",{{{Common}}},{{{User}}},"chatControl":{"expireAt":1462629479866}}""").ExpireAt);
        Assert.IsType<DeactivatedEvent>(WebhookParser.ParseEvent($$$"""{"type":"deactivated",{{{Common}}},{{{User}}}}"""));
        Assert.IsType<BotSuspendedEvent>(WebhookParser.ParseEvent($$$"""{"type":"botSuspended",{{{Common}}}}"""));
        Assert.IsType<BotResumedEvent>(WebhookParser.ParseEvent($$$"""{"type":"botResumed",{{{Common}}}}"""));
        Assert.Equal("ee4b0a2a4f8c", Parse<PnpDeliveryCompletionEvent>($$$"""
            {"type":"delivery",{{{Common}}},{{{User}}},"delivery":{"data":"ee4b0a2a4f8c"}}
            """).Data);
    }

    [Fact]
    public void ParseEvent_Postback_KeepsDataAndParams()
    {
        var datetime = Parse<PostbackEvent>($$$"""
            {"replyToken":"r","type":"postback",{{{Common}}},{{{User}}},"postback":{"data":"action=book&slot=1","params":{"datetime":"2017-12-25T01:00"}} }
            """).Postback;
        var richMenu = Parse<PostbackEvent>($$$"""
            {"replyToken":"r","type":"postback",{{{Common}}},{{{User}}},"postback":{"data":"tab=2","params":{"newRichMenuAliasId":"tab-2","status":"SUCCESS"}} }
            """).Postback;
        var plain = Parse<PostbackEvent>($$$"""{"type":"postback",{{{Common}}},{{{User}}},"postback":{"data":"x"}}""").Postback;

        Assert.Equal("action=book&slot=1", datetime.Data);
        Assert.Equal("2017-12-25T01:00", datetime.Params["datetime"]);
        Assert.Equal(("tab-2", "SUCCESS"), (richMenu.Params["newRichMenuAliasId"], richMenu.Params["status"]));
        Assert.Empty(plain.Params);
    }

    [Fact]
    public void ParseEvent_MessageEdited_HasTextAndNewReplyToken()
    {
        var e = Parse<MessageEditedEvent>($$$"""
            {"type":"messageEdited",{{{Common}}},"source":{"type":"group","groupId":"C1","userId":"U1"},"replyToken":"new-token",
             "message":{"type":"text","id":"444573844083572737","quoteToken":"new-quote","text":"แก้ไขแล้ว"}}
            """);

        Assert.Equal("new-token", e.ReplyToken);
        var text = Assert.IsType<TextMessageContent>(e.Message);
        Assert.Equal(("444573844083572737", "แก้ไขแล้ว", "new-quote"), (text.Id, text.Text, text.QuoteToken));
    }

    [Fact]
    public void ParseEvent_FailedAccountLinkWithoutSource_Works()
    {
        var e = Parse<AccountLinkEvent>($$$"""{"type":"accountLink",{{{Common}}},"link":{"result":"failed","nonce":"n"}}""");

        Assert.Null(e.Source);
        Assert.Null(e.ReplyToken);
        Assert.False(e.Link.IsOk);
    }

    [Fact]
    public void ParseEvent_UnknownEventType_KeepsTypeAndRawJson()
    {
        const string Json = """{"type":"coffeeBrewed","timestamp":1,"mode":"active","webhookEventId":"W1","source":{"type":"user","userId":"U1"},"coffee":{"beans":"arabica"}}""";

        var e = Parse<UnknownEvent>(Json);

        Assert.Equal(("coffeeBrewed", Json, "W1", 1L), (e.Type, e.Json, e.WebhookEventId, e.Timestamp));
        Assert.Equal("U1", e.Source!.UserId);
    }

    [Fact]
    public void ParseEvent_KnownTypeWithoutItsPayload_IsUnknownRatherThanGuessed()
    {
        var e = Parse<UnknownEvent>("""{"type":"message","timestamp":1,"message":"not an object"}""");

        Assert.Equal("message", e.Type);
    }

    [Fact]
    public void ParseEvent_UnknownMessageAndSourceType_KeepRawJson()
    {
        const string Message = """{"type":"hologram","id":"9","depth":3}""";
        const string Source = """{"type":"space","spaceId":"S1","userId":"U1"}""";

        var e = Parse<MessageEvent>($$$"""{"type":"message",{{{Common}}},"source":{{{Source}}},"message":{{{Message}}}}""");

        var content = Assert.IsType<UnknownMessageContent>(e.Message);
        Assert.Equal(("hologram", "9", Message), (content.Type, content.Id, content.Json));
        var source = Assert.IsType<UnknownSource>(e.Source);
        Assert.Equal(("space", "U1", Source), (source.Type, source.UserId, source.Json));
    }

    [Fact]
    public void ParseEvent_UnknownFieldsAndEnumValues_DoNotThrow()
    {
        var e = Parse<MessageEvent>("""
            {"type":"message","mode":"hyperactive","timestamp":1,"futureFlag":{"nested":[1,2,{"x":null}]},"webhookEventId":"W",
             "deliveryContext":{"isRedelivery":true,"attempt":3},"source":{"type":"user","userId":"U1","locale":"th"},
             "message":{"type":"text","id":"1","text":"hi","newThing":true,"emojis":[{"index":0,"length":2,"productId":"p","emojiId":"e","skinTone":4}],
               "mention":{"mentionees":[{"index":0,"length":1,"type":"bot","userId":"U2","isSelf":true}]}}}
            """);

        Assert.Equal("hyperactive", e.Mode);
        Assert.True(e.IsRedelivery);
        var text = Assert.IsType<TextMessageContent>(e.Message);
        Assert.Equal("hi", text.Text);
        Assert.Equal(new Mentionee("bot", 0, 1, "U2", true), Assert.Single(text.Mention!.Mentionees));
    }

    [Fact]
    public void ParseEvent_WrongValueKinds_AreIgnoredNotThrown()
    {
        var e = Parse<MessageEvent>("""
            {"type":"message","timestamp":"1462629479859","source":"user","deliveryContext":[],
             "message":{"type":"location","id":"1","latitude":"15.5","longitude":null,"title":{"th":"x"}} }
            """);

        Assert.Equal(1462629479859, e.Timestamp);
        Assert.Null(e.Source);
        Assert.Null(e.DeliveryContext);
        var location = Assert.IsType<LocationMessageContent>(e.Message);
        Assert.Equal((15.5, 0d, null), (location.Latitude, location.Longitude, location.Title));
    }

    [Fact]
    public void ParseEvent_TypeNotFirst_IsStillDispatched()
    {
        var e = Parse<FollowEvent>("""
            {"follow":{"isUnblocked":true},"source":{"userId":"U1","type":"user"},"replyToken":"r","timestamp":5,"mode":"standby","type":"follow"}
            """);

        Assert.True(e.IsUnblocked);
        Assert.True(e.IsStandby);
        Assert.IsType<UserSource>(e.Source);
        Assert.Equal(5, e.Timestamp);
    }

    [Fact]
    public void ParseEvent_HugeMessageIds_StayExact()
    {
        // 2^53 + 1 cannot be held by a double; as a string, or even as a bare JSON number, it must stay exact.
        var asString = Parse<MessageEvent>("""{"type":"message","message":{"type":"text","id":"9007199254740993","text":"a","quotedMessageId":"18446744073709551617"}}""");
        var asNumber = Parse<MessageEvent>("""{"type":"message","message":{"type":"text","id":9007199254740993,"text":"a"}}""");
        var unsend = Parse<UnsendEvent>("""{"type":"unsend","unsend":{"messageId":"100000000000000000001"}}""");

        Assert.Equal("9007199254740993", asString.Message.Id);
        Assert.Equal("18446744073709551617", ((TextMessageContent)asString.Message).QuotedMessageId);
        Assert.Equal("9007199254740993", asNumber.Message.Id);
        Assert.Equal("100000000000000000001", unsend.MessageId);
    }

    [Fact]
    public void ParseEvent_KeepsRawJsonWithEscapesAsReceived()
    {
        const string Json = """{"type":"message","message":{"type":"text","id":"1","text":"\uD83E\uDD28 \u0e2a"}}""";

        var e = Parse<MessageEvent>(Json);

        Assert.Equal(Json, e.Json);
        Assert.Equal("\U0001F928 ส", ((TextMessageContent)e.Message).Text);
        Assert.Equal("""{"type":"text","id":"1","text":"\uD83E\uDD28 \u0e2a"}""", e.Message.Json);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    public void ParseEvent_NotAnObject_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => WebhookParser.ParseEvent(json));
    }

    [Fact]
    public void Parse_Body_ReturnsEveryEventInOrder()
    {
        var body = Encoding.UTF8.GetBytes($$$"""
            {"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[
              {"type":"follow",{{{Common}}},{{{User}}},"replyToken":"r","follow":{"isUnblocked":false}},
              {"type":"somethingNew",{{{Common}}}},
              {"type":"message",{{{Common}}},{{{User}}},"replyToken":"r2","message":{"type":"text","id":"2","text":"ร้องเรียน"}}]}
            """);

        var events = WebhookParser.Parse(body);
        var request = WebhookParser.ParseRequest(body);

        Assert.Collection(events, e => Assert.IsType<FollowEvent>(e), e => Assert.IsType<UnknownEvent>(e), e => Assert.IsType<MessageEvent>(e));
        Assert.Equal("U8e742f61d673b39c7fff3cecb7536ef0", request.Destination);
        Assert.Equal(3, request.Events.Count);
    }

    [Fact]
    public void Parse_EmptyEvents_IsEmpty()
    {
        Assert.Empty(WebhookParser.Parse("""{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"""u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"destination\":\"U1\"}")]
    [InlineData("{\"events\":{}}")]
    [InlineData("{\"events\":[1]}")]
    public void Parse_InvalidBody_Throws(string body)
    {
        Assert.ThrowsAny<JsonException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void ParseEvent_FromEnvelopeRawJson_MatchesParseOfWholeBody()
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"events":[{"type":"unsend",{{{Common}}},{{{User}}},"unsend":{"messageId":"325708"}}]}""");

        var raw = Assert.Single(WebhookEnvelope.Split(body).Events);
        var fromInbox = WebhookParser.ParseEvent(raw.Json);
        var direct = Assert.Single(WebhookParser.Parse(body));

        Assert.Equal(direct, fromInbox);
        Assert.Equal(raw.WebhookEventId, fromInbox.WebhookEventId);
    }
}
