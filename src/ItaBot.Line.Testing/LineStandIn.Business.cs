using ItaBot.Line.Client;

namespace ItaBot.Line.Testing;

/// <summary>Coupons, memberships, LINE notification messages (to hashed phone numbers) and aggregation units.</summary>
public sealed partial class LineStandIn
{
    private const int CouponsPageSize = 20;
    private const int MembershipUsersPageSize = 300;
    private const int AggregationUnitsPageSize = 100;

    private readonly List<JsonObject> _coupons = [];
    private readonly List<StandInMembership> _memberships = [];
    private readonly HashSet<string> _phoneFriends = new(StringComparer.Ordinal);
    private readonly List<string> _aggregationUnits = [];

    private void MapBusiness(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/coupon", Authorized(CreateCouponAsync));
        app.MapGet("/v2/bot/coupon", Authorized(ListCoupons));
        app.MapGet("/v2/bot/coupon/{couponId}", Authorized(GetCoupon));
        app.MapPut("/v2/bot/coupon/{couponId}/close", Authorized(CloseCoupon));
        app.MapGet("/v2/bot/membership/subscription/{userId}", Authorized(GetSubscriptions));
        app.MapGet("/v2/bot/membership/list", Authorized(ListMemberships));
        app.MapGet("/v2/bot/membership/{membershipId}/users/ids", Authorized(GetMembershipUsers));
        app.MapPost("/bot/pnp/push", PushByPhoneAsync);
        app.MapGet("/v2/bot/message/aggregation/info", Authorized(GetAggregationUsage));
        app.MapGet("/v2/bot/message/aggregation/list", Authorized(ListAggregationUnits));
    }

    /// <summary>A membership plan of the channel, with the users who joined it (their subscriptions answer from it).</summary>
    public void AddMembership(long membershipId, string title, decimal price, string currency, params string[] memberIds)
    {
        lock (_gate)
        {
            _memberships.Add(new StandInMembership(membershipId, title, price, currency, [.. memberIds], _time.GetUtcNow()));
        }
    }

    /// <summary>A user reachable by LINE notification messages, by the SHA-256 of their E.164 phone number (lower-case hex).</summary>
    public void AddPhoneUser(string hashedPhoneNumber)
    {
        lock (_gate)
        {
            _phoneFriends.Add(hashedPhoneNumber);
        }
    }

    /// <summary>The coupons created, as LINE keeps them (with <c>couponId</c>, <c>status</c>, <c>createdTimestamp</c>).</summary>
    public IReadOnlyList<JsonObject> Coupons
    {
        get { lock (_gate) { return [.. _coupons.Select(c => c.DeepClone().AsObject())]; } }
    }

    private async Task CreateCouponAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, 400, new { message = "The request body is invalid" }).ConfigureAwait(false);
            return;
        }

        var problems = LineOpenApiSchemas.Problems("CouponCreateRequest", JsonSerializer.SerializeToElement(body, Json));
        if (problems.Count == 0 && body["startTimestamp"]?.GetValue<long>() >= body["endTimestamp"]?.GetValue<long>())
        {
            problems = [new LineErrorDetail("must be after startTimestamp", "endTimestamp")];
        }

        if (problems.Count > 0)
        {
            await WriteAsync(context, 400, new { message = "The request body has " + problems.Count.ToString(CultureInfo.InvariantCulture) + " error(s)", details = problems.Select(p => new { message = p.Message, property = p.Property }) })
                .ConfigureAwait(false);
            return;
        }

        var coupon = body.DeepClone().AsObject();
        var id = "coupon-" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        coupon["couponId"] = id;
        coupon["status"] = "RUNNING";
        coupon["createdTimestamp"] = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            _coupons.Add(coupon);
        }

        await WriteAsync(context, 200, new { couponId = id }).ConfigureAwait(false);
    }

    private Task ListCoupons(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : CouponsPageSize;
        var statuses = context.Request.Query["status"].Select(s => s ?? "").ToHashSet(StringComparer.Ordinal);
        if (limit is < 1 or > 100 || statuses.Any(s => s is not ("DRAFT" or "RUNNING" or "CLOSED")))
        {
            return WriteAsync(context, 400, new { message = "The value for the 'limit' or 'status' parameter is invalid" });
        }

        object[] items;
        lock (_gate)
        {
            items = [.. _coupons
                .Where(c => statuses.Count == 0 || statuses.Contains(c["status"]!.GetValue<string>()))
                .Select(c => new { couponId = c["couponId"]!.GetValue<string>(), title = c["title"]!.GetValue<string>() })];
        }

        var (page, next) = Page(context, items, limit);
        return next is null ? WriteAsync(context, 200, new { items = page }) : WriteAsync(context, 200, new { items = page, next });
    }

    private Task GetCoupon(HttpContext context)
    {
        var coupon = FindCoupon(context);
        return coupon is null ? WriteAsync(context, 404, new { message = "Not found" }) : WriteAsync(context, 200, coupon);
    }

    private Task CloseCoupon(HttpContext context)
    {
        lock (_gate)
        {
            var coupon = FindCoupon(context);
            if (coupon is null)
            {
                return WriteAsync(context, 404, new { message = "Not found" });
            }

            if (coupon["status"]!.GetValue<string>() == "CLOSED")
            {
                return WriteAsync(context, 410, new { message = "The coupon is already closed" });
            }

            coupon["status"] = "CLOSED";
        }

        return WriteAsync(context, 200, new { });
    }

    private JsonObject? FindCoupon(HttpContext context)
    {
        var id = (string)context.GetRouteValue("couponId")!;
        lock (_gate)
        {
            return _coupons.FirstOrDefault(c => c["couponId"]!.GetValue<string>() == id);
        }
    }

    private Task GetSubscriptions(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        if (!UserIdPattern().IsMatch(userId))
        {
            return WriteAsync(context, 400, new { message = "The value for the 'userId' parameter is invalid" });
        }

        object[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _memberships.Where(m => m.Members.Contains(userId)).Select(m => (object)new
            {
                membership = new { membershipId = m.Id, title = m.Title, description = m.Title, benefits = new[] { m.Title }, price = m.Price, currency = m.Currency },
                user = new
                {
                    membershipNo = m.Members.IndexOf(userId) + 1,
                    joinedTime = m.Since.ToUnixTimeSeconds(),
                    nextBillingDate = TimeZoneInfo.ConvertTime(m.Since, Tokyo).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    totalSubscriptionMonths = 1,
                },
            })];
        }

        return subscriptions.Length == 0
            ? WriteAsync(context, 404, new { message = "Unable to get information about the membership to which the user subscribes." })
            : WriteAsync(context, 200, new { subscriptions });
    }

    private Task ListMemberships(HttpContext context)
    {
        object[] memberships;
        lock (_gate)
        {
            memberships = [.. _memberships.Select(m => (object)new
            {
                membershipId = m.Id,
                title = m.Title,
                description = m.Title,
                benefits = new[] { m.Title },
                price = m.Price,
                currency = m.Currency,
                memberCount = m.Members.Count,
                memberLimit = (int?)null,
                isInAppPurchase = false,
                isPublished = true,
            })];
        }

        return WriteAsync(context, 200, new { memberships });
    }

    private Task GetMembershipUsers(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : MembershipUsersPageSize;
        if (limit is < 1 or > 1000 || !long.TryParse((string)context.GetRouteValue("membershipId")!, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return WriteAsync(context, 400, new { message = "The value for the 'limit' parameter is invalid" });
        }

        string[]? ids;
        lock (_gate)
        {
            ids = _memberships.FirstOrDefault(m => m.Id == id) is { } plan ? [.. plan.Members] : null;
        }

        return ids is null ? WriteAsync(context, 404, new { message = "Membership ID is not owned by the bot or does not exist." }) : WritePageAsync(context, ids, limit);
    }

    private async Task PushByPhoneAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "PnpMessagesRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var tag = context.Request.Headers["X-Line-Delivery-Tag"].ToString();
        if (tag.Length is > 0 and (< 16 or > 100))
        {
            await WriteAsync(context, 400, new { message = "The value for the 'X-Line-Delivery-Tag' header is invalid" }).ConfigureAwait(false);
            return;
        }

        var to = request.Body["to"]?.GetValue<string>() ?? "";
        lock (_gate)
        {
            if (!_phoneFriends.Contains(to))
            {
                to = "";
            }
            else
            {
                Record("pnp", null, to, request.Messages, null, context);
            }
        }

        // LINE answers 422 when no LINE user has that number or they cannot get notification messages.
        await (to.Length == 0
            ? WriteAsync(context, 422, new { message = "Failed to send messages" })
            : WriteAsync(context, 200, new { })).ConfigureAwait(false);
    }

    private Task GetAggregationUsage(HttpContext context)
    {
        lock (_gate)
        {
            return WriteAsync(context, 200, new { numOfCustomAggregationUnits = AggregationUnitsUsed().Length });
        }
    }

    private Task ListAggregationUnits(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : AggregationUnitsPageSize;
        string[] units;
        lock (_gate)
        {
            units = AggregationUnitsUsed();
        }

        var (page, next) = Page(context, units, limit);
        return next is null ? WriteAsync(context, 200, new { customAggregationUnits = page }) : WriteAsync(context, 200, new { customAggregationUnits = page, next });
    }

    /// <summary>Under the lock: the distinct <c>customAggregationUnits</c> named by accepted push and multicast requests (a stand-in lives within one month).</summary>
    private string[] AggregationUnitsUsed() => [.. _aggregationUnits.Distinct(StringComparer.Ordinal)];

    /// <summary>Under the lock: remembers the aggregation units a push or multicast named.</summary>
    private void NoteAggregationUnits(JsonObject body)
    {
        if (body["customAggregationUnits"] is JsonArray units)
        {
            _aggregationUnits.AddRange(units.Select(u => u?.ToString() ?? "").Where(u => u.Length > 0));
        }
    }

    private sealed record StandInMembership(long Id, string Title, decimal Price, string Currency, List<string> Members, DateTimeOffset Since);
}
