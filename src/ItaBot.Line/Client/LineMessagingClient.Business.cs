using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ItaBot.Line.Messages;

namespace ItaBot.Line.Client;

/// <summary>Coupons, memberships, LINE notification messages and aggregation units; see <see cref="ILineMessagingClient"/>.</summary>
public sealed partial class LineMessagingClient
{
    /// <inheritdoc />
    public async Task<string> CreateCouponAsync(JsonObject coupon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        // No retry key exists for coupons: a retry after a lost answer could create two, so none is made here.
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/coupon", "/v2/bot/coupon")
        {
            Body = Json(coupon),
            AllowRetry = false,
        }, cancellationToken).ConfigureAwait(false);
        return Deserialize<CouponCreated>(response).CouponId;
    }

    /// <inheritdoc />
    public async Task<CouponPage> GetCouponsAsync(IReadOnlyCollection<string>? statuses = null, string? start = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "LINE lists 1 to 100 coupons a page.");
        }

        var query = new List<string>();
        foreach (var status in statuses ?? [])
        {
            query.Add("status=" + Escape(status));
        }

        AddPaging(query, start, limit);
        return Deserialize<CouponPage>(await GetAsync(WithQuery("v2/bot/coupon", query), "/v2/bot/coupon", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<CouponDetail?> GetCouponAsync(string couponId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        var response = await GetOrNullAsync($"v2/bot/coupon/{Escape(couponId)}", "/v2/bot/coupon/{couponId}", cancellationToken).ConfigureAwait(false);
        return response is null ? null : CouponDetail.From(Deserialize<JsonObject>(response));
    }

    /// <inheritdoc />
    public Task CloseCouponAsync(string couponId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        return SendAsync(new LineRequest(HttpMethod.Put, Host.Api, $"v2/bot/coupon/{Escape(couponId)}/close", "/v2/bot/coupon/{couponId}/close"), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MembershipSubscription>> GetMembershipSubscriptionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await GetOrNullAsync($"v2/bot/membership/subscription/{Escape(userId)}", "/v2/bot/membership/subscription/{userId}", cancellationToken).ConfigureAwait(false);
        return response is null ? [] : Deserialize<SubscriptionsResponse>(response).Subscriptions;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Membership>> GetMembershipsAsync(CancellationToken cancellationToken = default)
    {
        var response = await GetOrNullAsync("v2/bot/membership/list", "/v2/bot/membership/list", cancellationToken).ConfigureAwait(false);
        return response is null ? [] : Deserialize<MembershipsResponse>(response).Memberships;
    }

    /// <inheritdoc />
    public async Task<MemberIds> GetMembershipUserIdsAsync(long membershipId, string? start = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "LINE lists 1 to 1000 member ids a page.");
        }

        var query = new List<string>();
        AddPaging(query, start, limit);
        var path = WithQuery($"v2/bot/membership/{membershipId.ToString(CultureInfo.InvariantCulture)}/users/ids", query);
        return Deserialize<MemberIds>(await GetAsync(path, "/v2/bot/membership/{membershipId}/users/ids", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task PushByPhoneAsync(string hashedPhoneNumber, IReadOnlyList<Message> messages, string? deliveryTag = null, bool notificationDisabled = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(hashedPhoneNumber) || hashedPhoneNumber.Length != 64 || !hashedPhoneNumber.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Takes the SHA-256 of an E.164 phone number as 64 lower-case hex digits (LinePhoneNumber.Hash).", nameof(hashedPhoneNumber));
        }

        if (deliveryTag is { Length: < 16 or > 100 })
        {
            throw new ArgumentException("A delivery tag is 16 to 100 characters.", nameof(deliveryTag));
        }

        CheckMessages(messages);
        await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "bot/pnp/push", "/bot/pnp/push")
        {
            Body = Json(new PhonePushRequest(hashedPhoneNumber, messages, notificationDisabled ? true : null)),
            DeliveryTag = deliveryTag,
            AllowRetry = false,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long?> GetPhoneMessageCountAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var day = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var count = Deserialize<SentCountResponse>(await GetAsync($"v2/bot/message/delivery/pnp?date={day}", "/v2/bot/message/delivery/pnp", cancellationToken).ConfigureAwait(false));
        return count.Status == "ready" ? count.Success ?? 0 : null;
    }

    /// <inheritdoc />
    public async Task<long> GetAggregationUnitUsageAsync(CancellationToken cancellationToken = default) =>
        Deserialize<AggregationUsageResponse>(await GetAsync("v2/bot/message/aggregation/info", "/v2/bot/message/aggregation/info", cancellationToken).ConfigureAwait(false))
            .NumOfCustomAggregationUnits;

    /// <inheritdoc />
    public async Task<AggregationUnitNames> GetAggregationUnitNamesAsync(string? start = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        AddPaging(query, start, limit);
        return Deserialize<AggregationUnitNames>(await GetAsync(WithQuery("v2/bot/message/aggregation/list", query), "/v2/bot/message/aggregation/list", cancellationToken).ConfigureAwait(false));
    }

    private static void AddPaging(List<string> query, string? start, int? limit)
    {
        if (start is not null)
        {
            query.Add("start=" + Escape(start));
        }

        if (limit is { } max)
        {
            query.Add("limit=" + max.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string WithQuery(string path, List<string> query) => query.Count == 0 ? path : path + "?" + string.Join('&', query);

    private sealed record CouponCreated(string CouponId);

    private sealed record SubscriptionsResponse(IReadOnlyList<MembershipSubscription> Subscriptions);

    private sealed record MembershipsResponse(IReadOnlyList<Membership> Memberships);

    private sealed record AggregationUsageResponse(long NumOfCustomAggregationUnits);

    private sealed record PhonePushRequest(
        string To,
        IReadOnlyList<Message> Messages,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NotificationDisabled);
}
