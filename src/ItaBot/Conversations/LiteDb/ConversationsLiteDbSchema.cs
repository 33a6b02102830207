using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>
/// The outbox (its id index alone: see <see cref="LiteDbOutboxStore"/>), and conversation state by the day of its last change (retention purges idle
/// conversations). The day, not the instant: an index key that changes costs LiteDB a node deleted and one added on
/// every turn's state write (~10 KB), a day's key changes once a day at most; the instant stays in the document, unindexed.
/// </summary>
internal sealed class ConversationsLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["outbox", "conversations"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("outbox").DropIndex("State");      // files made before the counts were kept in memory
        var conversations = database.GetCollection("conversations");
        conversations.DropIndex("UpdatedAt");       // files made before the day index
        conversations.EnsureIndex(LiteDbConversationStateStore.DayField);
    }
}
