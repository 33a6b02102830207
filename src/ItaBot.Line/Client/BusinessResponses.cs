using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ItaBot.Line.Client;

/// <summary>A coupon in the channel's list.</summary>
/// <param name="CouponId">The coupon's id.</param>
/// <param name="Title">Its title.</param>
public sealed record CouponSummary(
    [property: JsonPropertyName("couponId")] string CouponId,
    [property: JsonPropertyName("title")] string Title);

/// <summary>A page of coupons.</summary>
/// <param name="Items">The coupons on this page.</param>
/// <param name="Next">The continuation token for the next page; null on the last.</param>
public sealed record CouponPage(
    [property: JsonPropertyName("items")] IReadOnlyList<CouponSummary> Items,
    [property: JsonPropertyName("next")] string? Next);

/// <summary>A coupon as LINE keeps it: the fields most callers need, and the whole object (reward, conditions…).</summary>
/// <param name="CouponId">The coupon's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status"><c>DRAFT</c>, <c>RUNNING</c>, <c>CLOSED</c> (or another LINE adds).</param>
/// <param name="Start">From when it can be used.</param>
/// <param name="End">Until when it can be used.</param>
/// <param name="Json">The whole <c>CouponResponse</c> object.</param>
public sealed record CouponDetail(string CouponId, string? Title, string? Status, DateTimeOffset? Start, DateTimeOffset? End, JsonObject Json)
{
    internal static CouponDetail From(JsonObject json) => new(
        Text(json, "couponId") ?? "",
        Text(json, "title"),
        Text(json, "status"),
        Seconds(json, "startTimestamp"),
        Seconds(json, "endTimestamp"),
        json);

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateTimeOffset? Seconds(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<long>(out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}

/// <summary>A membership plan of the channel.</summary>
/// <param name="MembershipId">The plan's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">What members get, in words.</param>
/// <param name="Benefits">What members get, as a list.</param>
/// <param name="Price">Monthly price.</param>
/// <param name="Currency"><c>JPY</c>, <c>TWD</c> or <c>THB</c>.</param>
/// <param name="MemberCount">How many users are members (null in a user's subscription).</param>
/// <param name="MemberLimit">How many users may be; null: no limit.</param>
/// <param name="IsInAppPurchase">Whether it is sold in the LINE app.</param>
/// <param name="IsPublished">Whether it is published.</param>
public sealed record Membership(
    [property: JsonPropertyName("membershipId")] long MembershipId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("benefits")] IReadOnlyList<string> Benefits,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("memberCount")] long? MemberCount = null,
    [property: JsonPropertyName("memberLimit")] long? MemberLimit = null,
    [property: JsonPropertyName("isInAppPurchase")] bool? IsInAppPurchase = null,
    [property: JsonPropertyName("isPublished")] bool? IsPublished = null);

/// <summary>A user's place in a membership plan.</summary>
/// <param name="MembershipNo">The user's member number.</param>
/// <param name="JoinedTime">When they joined.</param>
/// <param name="NextBillingDate">Their next payment date (Asia/Tokyo).</param>
/// <param name="TotalSubscriptionMonths">How many months they have been a member.</param>
public sealed record MembershipUser(
    [property: JsonPropertyName("membershipNo")] long MembershipNo,
    [property: JsonPropertyName("joinedTime"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset JoinedTime,
    [property: JsonPropertyName("nextBillingDate")] string NextBillingDate,
    [property: JsonPropertyName("totalSubscriptionMonths")] int TotalSubscriptionMonths);

/// <summary>A plan a user subscribes to.</summary>
/// <param name="Membership">The plan.</param>
/// <param name="User">The user's place in it.</param>
public sealed record MembershipSubscription(
    [property: JsonPropertyName("membership")] Membership Membership,
    [property: JsonPropertyName("user")] MembershipUser User);

/// <summary>A page of aggregation unit names.</summary>
/// <param name="Names">The names on this page.</param>
/// <param name="Next">The continuation token for the next page; null on the last.</param>
public sealed record AggregationUnitNames(
    [property: JsonPropertyName("customAggregationUnits")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("next")] string? Next);

/// <summary>Phone numbers as LINE notification messages take them.</summary>
public static class LinePhoneNumber
{
    /// <summary>
    /// The SHA-256 (lower-case hex) of a phone number in E.164 form (<c>+66812345678</c>); a Thai number written the local
    /// way (<c>081-234-5678</c>, <c>0812345678</c>) is normalised to +66 first. Anything else is refused.
    /// </summary>
    public static string Hash(string phoneNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        var digits = new StringBuilder(16);
        foreach (var c in phoneNumber.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                throw new ArgumentException("Not a phone number.", nameof(phoneNumber));
            }
        }

        var text = digits.ToString();
        var e164 = text.StartsWith('+') ? text : text.StartsWith('0') && text.Length is 9 or 10 ? "+66" + text[1..] : "";
        if (e164.Length is < 8 or > 16)
        {
            throw new ArgumentException("Not a phone number in E.164 form (+ and country code) or a Thai local number.", nameof(phoneNumber));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(e164)));
    }
}

/// <summary>LINE's epoch seconds as a <see cref="DateTimeOffset"/>.</summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}

/// <summary>LINE's optional settings of a push or multicast.</summary>
/// <param name="NotificationDisabled">True: the user gets no notification sound or banner for it.</param>
/// <param name="CustomAggregationUnit">A name (<c>[a-zA-Z0-9_]</c>, 1 to 30 characters, case-sensitive) under which LINE counts its opens and clicks; at most 1,000 names a month.</param>
public sealed record SendOptions(bool NotificationDisabled = false, string? CustomAggregationUnit = null)
{
    /// <summary>None of them: what the pushes without options send.</summary>
    public static SendOptions None { get; } = new();

    internal IReadOnlyList<string>? CheckedAggregationUnits() =>
        CustomAggregationUnit switch
        {
            null => null,
            { Length: >= 1 and <= 30 } unit when unit.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') => [unit],
            _ => throw new ArgumentException("An aggregation unit name is 1 to 30 characters of a-z, A-Z, 0-9 and _.", nameof(CustomAggregationUnit)),
        };
}
