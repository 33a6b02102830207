using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>The outbox of sends by state, and conversation state by last change (retention purges idle conversations).</summary>
internal sealed class ConversationsLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["outbox", "conversations"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("outbox").EnsureIndex("State");
        database.GetCollection("conversations").EnsureIndex("UpdatedAt");
    }
}
