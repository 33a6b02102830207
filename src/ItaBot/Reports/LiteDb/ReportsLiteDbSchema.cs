using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Reports.LiteDb;

/// <summary>Report snapshots by period and newest first; the walk-in service register by day and by the entry a line corrects.</summary>
internal sealed class ReportsLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["report_snapshots", "service_visits"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("report_snapshots").EnsureIndex("Slug");
        database.GetCollection("report_snapshots").EnsureIndex("CompiledAt");
        database.GetCollection("service_visits").EnsureIndex("Day");
        database.GetCollection("service_visits").EnsureIndex("Corrects");
    }
}
