using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Staff.LiteDb;

/// <summary>Staff accounts by user name (unique), department and linked LINE account; departments.</summary>
internal sealed class StaffLiteDbSchema : ILiteDbSchema
{
    public IReadOnlyList<string> Collections { get; } = ["staff", "departments"];

    public void Create(LiteDatabase database)
    {
        database.GetCollection("staff").EnsureIndex("UserName", unique: true);
        database.GetCollection("staff").EnsureIndex("Department");
        database.GetCollection("staff").EnsureIndex("LineUserId");
    }
}
