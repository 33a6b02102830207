using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Webhook.LiteDb;

/// <summary>
/// The webhook inbox (append-only: its _id index alone, the cheapest insert) and each event's outcome in "turns" (also
/// its _id index alone: see <see cref="LiteDbInboxStore"/>).
/// </summary>
internal sealed class WebhookLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["inbox", "turns"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("turns").DropIndex("State");       // files made before the counts were kept in memory
    }
}
