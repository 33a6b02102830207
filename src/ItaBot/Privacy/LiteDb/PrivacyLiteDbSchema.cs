using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Privacy.LiteDb;

/// <summary>PDPA: requests by person, status, year and time; copies by expiry; the staff access audit and the purge log by time.</summary>
internal sealed class PrivacyLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["privacy_requests", "privacy_copies", "access_audit", "purge_log"];

    public void Create(LiteDatabase database)
    {
        var requests = database.GetCollection("privacy_requests");
        foreach (var field in (string[])["LineUserId", "Status", "Year", "ReceivedAt", "DecidedAt"])
        {
            requests.EnsureIndex(field);
        }

        database.GetCollection("privacy_copies").EnsureIndex("ExpiresAt");
        database.GetCollection("access_audit").EnsureIndex("At");
        database.GetCollection("purge_log").EnsureIndex("At");
    }
}
