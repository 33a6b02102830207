using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Line.Webhook;

namespace ItaBot.Benchmarks.Load;

/// <summary>
/// Signed LINE webhook requests, one text-message event each, like LINE sends them: a unique webhookEventId and
/// reply token per event (both derived from the event's index, so a reply can be traced back to its event),
/// 500 users, Thai text. The body is about 600 bytes.
/// </summary>
internal sealed class WebhookBodies
{
    private const int Users = 500;
    private readonly string _runId;
    private readonly byte[] _secret;
    private readonly string _host;
    private readonly string[] _userIds;
    private readonly long _timestamp;

    public WebhookBodies(string secret, string host, long unixMilliseconds)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _host = host;
        _timestamp = unixMilliseconds;
        _runId = RandomNumberGenerator.GetHexString(8, lowercase: false);
        _userIds = [.. Enumerable.Range(0, Users).Select(u => "U" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("bench-user-" + u.ToString(CultureInfo.InvariantCulture))).AsSpan(0, 16)))];
    }

    /// <summary>32 lower-case hex digits: the run id and the event index.</summary>
    public string ReplyToken(int index) => _runId.ToLowerInvariant() + index.ToString("x24", CultureInfo.InvariantCulture);

    /// <summary>The event index a reply token was made from, or -1 when it is not one of this run's.</summary>
    public int IndexOf(string? replyToken) =>
        replyToken is { Length: 32 } && replyToken.StartsWith(_runId.ToLowerInvariant(), StringComparison.Ordinal)
        && int.TryParse(replyToken.AsSpan(8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;

    public string Body(int index)
    {
        var user = _userIds[index % Users];
        var i = index.ToString(CultureInfo.InvariantCulture);
        var ts = (_timestamp + index).ToString(CultureInfo.InvariantCulture);
        return "{\"destination\":\"Ubench0000000000000000000000000000\",\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"" + (500_000_000_000_000 + index).ToString(CultureInfo.InvariantCulture)
            + "\",\"quoteToken\":\"q" + _runId + i + "\",\"text\":\"สวัสดีครับ ขอสอบถามเวลาทำการของเทศบาล " + i + "\"},"
            + "\"webhookEventId\":\"01BENCH" + _runId + index.ToString("D11", CultureInfo.InvariantCulture) + "\","
            + "\"deliveryContext\":{\"isRedelivery\":false},\"timestamp\":" + ts + ","
            + "\"source\":{\"type\":\"user\",\"userId\":\"" + user + "\"},"
            + "\"replyToken\":\"" + ReplyToken(index) + "\",\"mode\":\"active\"}]}";
    }

    private byte[][] _prepared = [];
    private int _preparedFirst;

    /// <summary>
    /// Builds and signs requests <paramref name="first"/> .. first + count - 1 ahead of a phase, so that building them
    /// (JSON, HMAC) does not take CPU from the service while it is measured on the same cores, as with wrk's pre-signed
    /// bodies. Requests outside the prepared range are still built when asked for.
    /// </summary>
    public void Prepare(int first, int count)
    {
        var prepared = new byte[count][];
        Parallel.For(0, count, i => prepared[i] = Build(first + i));
        _preparedFirst = first;
        _prepared = prepared;
    }

    /// <summary>The whole HTTP/1.1 request: headers with the signature, then the body.</summary>
    public byte[] Request(int index)
    {
        var offset = index - _preparedFirst;
        return offset >= 0 && offset < _prepared.Length ? _prepared[offset] : Build(index);
    }

    private byte[] Build(int index)
    {
        var body = Encoding.UTF8.GetBytes(Body(index));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_secret, body));
        var head = Encoding.ASCII.GetBytes(
            "POST /webhook HTTP/1.1\r\nHost: " + _host + "\r\nContent-Type: application/json; charset=utf-8\r\nUser-Agent: LineBotWebhook/2.0\r\n"
            + "X-Line-Signature: " + signature + "\r\nContent-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");
        var request = new byte[head.Length + body.Length];
        head.CopyTo(request, 0);
        body.CopyTo(request, head.Length);
        return request;
    }

    /// <summary>For the micro-benchmarks: one body and its valid signature.</summary>
    public (byte[] Body, string Signature) Signed(int index)
    {
        var body = Encoding.UTF8.GetBytes(Body(index));
        return (body, WebhookSignature.Compute(body, Encoding.UTF8.GetString(_secret)));
    }
}
