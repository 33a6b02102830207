using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Cases.LiteDb;

/// <summary>Cases: the fields staff filter and deadline jobs scan, the "K…" list keys that give each filter its newest-first walk (CaseDocuments), OpenDue for overdue cases, closing time for retention; the case-number counters; case facts (its _id alone).</summary>
internal sealed class CasesLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["cases", "counters", "case_facts"];

    public void Create(LiteDatabase database)
    {
        var cases = database.GetCollection("cases");
        cases.EnsureIndex("Number", unique: true);
        foreach (var field in (string[])["Status", "Department", "CategoryId", "CreatedAt", "AnswerBy", "AcknowledgeBy",
            "CitizenLineUserId", "AssigneeId", "Channel", "OpenDue", "KStatus", "KDepartment", "KCategory", "KChannel", "KAssignee", "KDepartmentStatus", "KOpen",
            "ClosedAt"])
        {
            cases.EnsureIndex(field);
        }

        CaseFactDocuments.MarkCompleteIfNoCases(database);
    }
}
