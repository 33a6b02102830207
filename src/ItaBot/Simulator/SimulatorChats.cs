using System.Text.Json.Nodes;
using ItaBot.Line.Testing;

namespace ItaBot.Simulator;

/// <summary>
/// One chat per simulated user, as the page shows it: what the user did, and what the bot sent them (replies are
/// matched through the reply tokens the simulator issued, pushes and multicasts through their recipients).
/// </summary>
internal sealed class SimulatorChats
{
    private const int MaxItemsPerChat = 500;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<JsonObject>> _chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _replyTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everFollowed = new(StringComparer.Ordinal);
    private long _sequence;

    public SimulatorChats(LineStandIn line, TimeProvider time)
    {
        _time = time;
        line.Accepted += OnSent;
    }

    public void IssuedReplyToken(string replyToken, string userId)
    {
        lock (_gate)
        {
            _replyTokens[replyToken] = userId;
        }
    }

    /// <summary>Records what the user did; <paramref name="shown"/> is what their side of the chat displays.</summary>
    public void UserDid(string userId, JsonObject shown) => Append(userId, "user", new JsonObject { ["message"] = shown });

    /// <summary>True when this follow unblocks the bot (the user blocked it before).</summary>
    public bool Follow(string userId)
    {
        lock (_gate)
        {
            _blocked.Remove(userId);
            return !_everFollowed.Add(userId);
        }
    }

    public void Unfollow(string userId)
    {
        lock (_gate)
        {
            _blocked.Add(userId);
        }
    }

    public bool IsBlocked(string userId)
    {
        lock (_gate)
        {
            return _blocked.Contains(userId);
        }
    }

    public JsonArray ItemsAfter(string userId, long after)
    {
        lock (_gate)
        {
            if (!_chats.TryGetValue(userId, out var items))
            {
                return [];
            }

            return [.. items.Where(i => (long)i["seq"]! > after).Select(i => i.DeepClone())];
        }
    }

    private void OnSent(StandInSend send)
    {
        IEnumerable<string> recipients;
        lock (_gate)
        {
            recipients = send.Kind switch
            {
                "reply" when send.ReplyToken is not null && _replyTokens.Remove(send.ReplyToken, out var userId) => [userId],
                "push" when send.To is not null => [send.To],
                "multicast" when send.To is not null => send.To.Split(','),
                _ => [],
            };
        }

        foreach (var userId in recipients)
        {
            Append(userId, "bot", new JsonObject { ["via"] = send.Kind, ["messages"] = JsonNode.Parse(send.MessagesJson) });
        }
    }

    private void Append(string userId, string from, JsonObject item)
    {
        lock (_gate)
        {
            if (!_chats.TryGetValue(userId, out var items))
            {
                _chats[userId] = items = [];
            }

            item["seq"] = ++_sequence;
            item["from"] = from;
            item["at"] = _time.GetUtcNow().ToUnixTimeMilliseconds();
            items.Add(item);
            if (items.Count > MaxItemsPerChat)
            {
                items.RemoveRange(0, items.Count - MaxItemsPerChat);
            }
        }
    }
}
