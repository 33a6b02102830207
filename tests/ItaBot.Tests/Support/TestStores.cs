using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Support;

/// <summary>The service's LiteDB file opened on its own (no host), with every slice's schema as the service registers them.</summary>
internal static class TestStores
{
    public static IReadOnlyList<ILiteDbSchema> Schemas() =>
    [
        new ItaBot.Webhook.LiteDb.WebhookLiteDbSchema(), new ItaBot.Conversations.LiteDb.ConversationsLiteDbSchema(), new ItaBot.QandA.LiteDb.QandALiteDbSchema(),
        new ItaBot.Cases.LiteDb.CasesLiteDbSchema(), new ItaBot.Staff.LiteDb.StaffLiteDbSchema(), new ItaBot.Notifications.LiteDb.NotificationsLiteDbSchema(),
        new ItaBot.Reports.LiteDb.ReportsLiteDbSchema(), new ItaBot.Privacy.LiteDb.PrivacyLiteDbSchema(),
    ];

    public static MessagingStore Messaging(StorageOptions options) =>
        new(Options.Create(options), Schemas(), NullLogger<MessagingStore>.Instance);

    public static MessagingStore Messaging(string directory) => Messaging(new StorageOptions { DataDirectory = directory });
}
