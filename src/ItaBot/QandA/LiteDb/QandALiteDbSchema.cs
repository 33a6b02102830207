using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.QandA.LiteDb;

/// <summary>The Q&amp;A log by time and outcome (reports count it) and handovers by status and citizen.</summary>
internal sealed class QandALiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["qa_log", "handovers"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("qa_log").EnsureIndex("At");
        database.GetCollection("qa_log").EnsureIndex("Outcome");
        database.GetCollection("handovers").EnsureIndex("Status");
        database.GetCollection("handovers").EnsureIndex("LineUserId");
    }
}
