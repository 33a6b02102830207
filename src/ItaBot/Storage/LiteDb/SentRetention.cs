using LiteDB;

namespace ItaBot.Storage.LiteDb;

internal static class SentRetention
{
    /// <summary>
    /// Deletes what an outbox collection (the answers' outbox, the notifications) marked sent before <paramref name="before"/>:
    /// both keep State and SentAt.
    /// </summary>
    public static int DeleteSentBefore(this ILiteCollection<BsonDocument> collection, int sentState, DateTime before) =>
        collection.DeleteMany(Query.And(Query.EQ("State", sentState), Query.LT("SentAt", before)));
}
