using LiteDB;

namespace ItaBot.Storage.LiteDb;

internal static class BsonValues
{
    public static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
