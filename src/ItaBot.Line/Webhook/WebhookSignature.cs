using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Line.Webhook;

/// <summary>
/// LINE signs the raw request body with HMAC-SHA256 keyed by the channel secret and sends it Base64-encoded in
/// <c>X-Line-Signature</c>. Verify over the bytes exactly as received: parsing and re-serialising changes them.
/// </summary>
public static class WebhookSignature
{
    private const int DigestSize = 32;

    /// <summary>Constant-time check; a missing, malformed or wrong signature is simply invalid.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, ReadOnlySpan<byte> channelSecret)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[DigestSize];
        if (!Convert.TryFromBase64String(signature, given, out var written) || written != DigestSize)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[DigestSize];
        HMACSHA256.HashData(channelSecret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Constant-time check with the channel secret as text (its UTF-8 bytes are the key).</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string channelSecret) =>
        IsValid(body, signature, Encoding.UTF8.GetBytes(channelSecret));

    /// <summary>The signature LINE would send for <paramref name="body"/> (for simulators and tests).</summary>
    public static string Compute(ReadOnlySpan<byte> body, string channelSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body));
}
