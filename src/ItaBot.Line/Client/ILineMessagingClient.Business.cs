using System.Text.Json.Nodes;
using ItaBot.Line.Messages;

namespace ItaBot.Line.Client;

/// <summary>Coupons, memberships, LINE notification messages and aggregation units (messaging-api.yml).</summary>
public partial interface ILineMessagingClient
{
    // ---- coupons ----

    /// <summary>
    /// Creates a coupon from LINE's <c>CouponCreateRequest</c> object (title, validity, acquisition condition, reward,
    /// visibility, time zone) and returns its id. LINE refuses an invalid one with a <see cref="LineApiException"/>.
    /// </summary>
    Task<string> CreateCouponAsync(JsonObject coupon, CancellationToken cancellationToken = default);

    /// <summary>A page of the channel's coupons, optionally only those in <paramref name="statuses"/> (<c>DRAFT</c>, <c>RUNNING</c>, <c>CLOSED</c>); pass <see cref="CouponPage.Next"/> on.</summary>
    Task<CouponPage> GetCouponsAsync(IReadOnlyCollection<string>? statuses = null, string? start = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>A coupon's detail; null when there is none.</summary>
    Task<CouponDetail?> GetCouponAsync(string couponId, CancellationToken cancellationToken = default);

    /// <summary>Closes a coupon: users can no longer get or use it. Closing one already closed is LINE's 410, an exception.</summary>
    Task CloseCouponAsync(string couponId, CancellationToken cancellationToken = default);

    // ---- memberships ----

    /// <summary>The membership plans a user subscribes to (empty when none).</summary>
    Task<IReadOnlyList<MembershipSubscription>> GetMembershipSubscriptionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The channel's membership plans.</summary>
    Task<IReadOnlyList<Membership>> GetMembershipsAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of the ids of users who joined a membership plan (1 to 1,000 a page; LINE's default 300); pass <see cref="MemberIds.Next"/> on.</summary>
    Task<MemberIds> GetMembershipUserIdsAsync(long membershipId, string? start = null, int? limit = null, CancellationToken cancellationToken = default);

    // ---- LINE notification messages (phone numbers; a partner feature) ----

    /// <summary>
    /// Sends a LINE notification message to the user with the phone number whose E.164 form hashes (SHA-256, lower-case
    /// hex) to <paramref name="hashedPhoneNumber"/>; <see cref="LinePhoneNumber.Hash"/> makes it. LINE's spec gives this
    /// operation no retry key, so it is never retried automatically: after a failure the caller decides.
    /// </summary>
    Task PushByPhoneAsync(string hashedPhoneNumber, IReadOnlyList<Message> messages, string? deliveryTag = null, bool notificationDisabled = false, CancellationToken cancellationToken = default);

    /// <summary>How many LINE notification messages were sent on <paramref name="date"/> (Asia/Tokyo day); null while LINE is still counting or will not say.</summary>
    Task<long?> GetPhoneMessageCountAsync(DateOnly date, CancellationToken cancellationToken = default);

    // ---- aggregation units ----

    /// <summary>How many custom aggregation units the channel used this month.</summary>
    Task<long> GetAggregationUnitUsageAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of the names of the aggregation units used this month; pass <see cref="AggregationUnitNames.Next"/> on.</summary>
    Task<AggregationUnitNames> GetAggregationUnitNamesAsync(string? start = null, int? limit = null, CancellationToken cancellationToken = default);
}
