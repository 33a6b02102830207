using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Notifications.LiteDb;

/// <summary>Notifications by delivery state, by case and by sending time (retention).</summary>
internal sealed class NotificationsLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["notifications"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("notifications").EnsureIndex("State");
        database.GetCollection("notifications").EnsureIndex("CaseId");
        database.GetCollection("notifications").EnsureIndex("SentAt");
    }
}
