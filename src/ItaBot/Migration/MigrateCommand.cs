using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using ItaBot.Cases;
using ItaBot.Cases.PostgreSql;
using ItaBot.Cli;
using ItaBot.Conversations.PostgreSql;
using ItaBot.Media;
using ItaBot.Media.PostgreSql;
using ItaBot.Migration.LiteDb;
using ItaBot.Notifications.PostgreSql;
using ItaBot.Privacy.PostgreSql;
using ItaBot.QandA;
using ItaBot.QandA.PostgreSql;
using ItaBot.Reports.PostgreSql;
using ItaBot.Staff;
using ItaBot.Staff.PostgreSql;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ItaBot.Migration;

/// <summary>
/// <c>migrate --from-litedb DIR --agency ID</c>: copies one agency's LiteDB data directory (the service stopped) into the
/// PostgreSQL database of ConnectionStrings:ItaBot, store by store through the PostgreSQL stores' own writes (so text they
/// seal is sealed), then counts every store on both sides and fails unless each count is equal. It refuses an agency that
/// already holds data in PostgreSQL, so running it twice copies nothing twice.
/// </summary>
internal sealed class MigrateCommand(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILoggerFactory logs) : ICliCommand
{
    private const int Chunk = 500;

    public IReadOnlyList<string> Words => ["migrate"];

    /// <summary>The agency migrated into need not be configured yet.</summary>
    public bool OwnsAgencyOption => true;

    public string Description => "migrate --from-litedb DIR --agency ID: copy one agency's LiteDB data directory into PostgreSQL (ConnectionStrings:ItaBot)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var from = Option(arguments, "--from-litedb");
        var agencyId = Option(arguments, "--agency");
        if (from is null || agencyId is null)
        {
            await output.WriteLineAsync("usage: migrate --from-litedb DIR --agency ID   (with ItaBot:Storage:Provider=PostgreSql)").ConfigureAwait(false);
            return 2;
        }

        if (!StorageOptions.IsPostgreSql(configuration))
        {
            await output.WriteLineAsync("migrate writes into PostgreSQL: set ItaBot:Storage:Provider=PostgreSql and ConnectionStrings:ItaBot.").ConfigureAwait(false);
            return 2;
        }

        var directory = Path.GetFullPath(from);
        await using var source = LiteDbAgencySource.Open(directory, time, logs);
        if (source is null)
        {
            await output.WriteLineAsync($"No {Storage.LiteDb.MessagingStore.FileName} in {directory}.").ConfigureAwait(false);
            return 2;
        }

        var target = new PgTarget(services, new AgencyContext(agencyId), time);
        var years = source.CounterYears();
        var before = AgencyCounts.Of(target.Stores, years);
        // Departments may be there already: a PostgreSQL node seeds them from the content pack at start.
        if (before.Where(c => c.Store != "departments").FirstOrDefault(c => c.Count > 0) is { Store: not null } held)
        {
            await output.WriteLineAsync($"Agency '{agencyId}' already holds data in PostgreSQL ({held.Store}: {held.Count}); nothing copied. "
                + "migrate copies into an agency that has none, so running it twice never copies twice.").ConfigureAwait(false);
            return 1;
        }

        var pendingEvents = source.Inbox.Count(Webhook.InboxState.Pending);
        var pendingSends = source.Outbox.Count(Conversations.OutboxState.Pending);
        if (pendingEvents > 0 || pendingSends > 0)
        {
            await output.WriteLineAsync($"{directory} still has work in flight ({pendingEvents} events not answered, {pendingSends} answers not sent): "
                + "start its service until /healthz shows nothing pending, stop it, then migrate.").ConfigureAwait(false);
            return 1;
        }

        if (!await CopyKeyRingAsync(directory, output).ConfigureAwait(false))
        {
            return 1;
        }

        // The vault first: a KEK that does not open vault.db stops the move before anything is copied.
        Vault.Storage.PostgreSql.VaultCopyResult? vault;
        try
        {
            vault = await Vault.PostgreSql.VaultMigration.CopyFromLiteDbAsync(services, directory, agencyId).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync("The vault was not copied: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        if (vault?.Refused is { } refused)
        {
            await output.WriteLineAsync($"The vault was not copied: {refused}; nothing copied.").ConfigureAwait(false);
            return 1;
        }

        var missingPhotos = await CopyCasesAsync(source, target, cancellationToken).ConfigureAwait(false);
        await CopyStaffAsync(source, target).ConfigureAwait(false);
        foreach (var chunk in source.AllNotifications().Chunk(Chunk))
        {
            await target.Stores.Notifications.AddAsync(chunk).ConfigureAwait(false);
        }

        await CopyQandAAsync(source, target).ConfigureAwait(false);
        await CopyReportsAsync(source, target).ConfigureAwait(false);
        await CopyPrivacyAsync(source, target).ConfigureAwait(false);
        await CopyConversationsAsync(source, target, cancellationToken).ConfigureAwait(false);

        var expected = AgencyCounts.Of(source.Stores, years);
        var copied = AgencyCounts.Of(target.Stores, years);
        var equal = true;
        await output.WriteLineAsync($"migrated {directory} into agency '{agencyId}':").ConfigureAwait(false);
        foreach (var ((store, want), (_, got)) in expected.Zip(copied))
        {
            var same = want == got || store == "departments" && got >= want;
            equal &= same;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {store,-32} {want,9:N0} -> {got,9:N0}{(same ? "" : "   DIFFERENT")}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  not copied: {source.Inbox.CountStored(Webhook.InboxState.Done) + source.Inbox.CountStored(Webhook.InboxState.Parked):N0} handled webhook events and "
            + $"{source.Outbox.Count(Conversations.OutboxState.Sent) + source.Outbox.Count(Conversations.OutboxState.Parked):N0} sent answers (kept on LiteDB only for retention), "
            + $"one-time data-copy links; {missingPhotos:N0} photos named by a case were not on disk")).ConfigureAwait(false);
        if (vault is null)
        {
            await output.WriteLineAsync("  no vault.db in the directory: no protected reports to copy").ConfigureAwait(false);
        }
        else
        {
            // Copied inside the vault library (its storage is internal), rows as they are, sealed under the same KEK.
            foreach (var count in vault.Counts)
            {
                var same = count.Source == count.Copied;
                equal &= same;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  vault {count.Records,-26} {count.Source,9:N0} -> {count.Copied,9:N0}{(same ? "" : "   DIFFERENT")}")).ConfigureAwait(false);
            }

            equal &= vault.Audit is { IsIntact: true };
            await output.WriteLineAsync(vault.Audit is { IsIntact: true } audit
                ? string.Create(CultureInfo.InvariantCulture, $"  vault audit chain verified on PostgreSQL: intact, {audit.Entries:N0} entries")
                : $"  vault audit chain BROKEN on PostgreSQL: {vault.Audit?.Problem}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(equal ? "every count equal" : "COUNTS DIFFER").ConfigureAwait(false);
        return equal ? 0 : 1;
    }

    /// <summary>Cases with their whole history, 500 a transaction, after their photos (new ids in the photos table).</summary>
    private static async Task<int> CopyCasesAsync(LiteDbAgencySource source, PgTarget target, CancellationToken cancellationToken)
    {
        var missing = 0;
        foreach (var chunk in source.AllCases().Chunk(Chunk))
        {
            var records = new List<CaseRecord>(chunk.Length);
            foreach (var record in chunk)
            {
                var photos = new List<CasePhoto>(record.Photos.Count);
                foreach (var photo in record.Photos)
                {
                    var stream = source.Photos.Open(photo.Id);
                    if (stream is null)
                    {
                        missing++;
                        photos.Add(photo);   // the case still names it, as it did on LiteDB
                        continue;
                    }

                    await using (stream.ConfigureAwait(false))
                    {
                        using var bytes = new MemoryStream();
                        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
                        photos.Add(await target.Photos.SaveAsync(new StrippedPhoto(bytes.ToArray(), photo.Width, photo.Height, null), cancellationToken).ConfigureAwait(false));
                    }
                }

                records.Add(record with { Photos = photos });
            }

            await target.Writer.WriteAsync(work => target.Stores.Cases.InsertMany(work, records)).ConfigureAwait(false);
        }

        // A number LiteDB handed out but no case kept is not handed out again.
        foreach (var year in source.CounterYears())
        {
            var gap = source.Cases.LastSequence(year) - target.Stores.Cases.LastSequence(year);
            if (gap > 0)
            {
                target.Stores.Cases.ReserveSequences(year, gap);
            }
        }

        return missing;
    }

    private static async Task CopyStaffAsync(LiteDbAgencySource source, PgTarget target)
    {
        foreach (var department in source.Staff.ListDepartments())
        {
            await target.Stores.Staff.AddDepartmentAsync(department).ConfigureAwait(false);   // Duplicate: seeded already
        }

        foreach (var account in source.Staff.List())
        {
            if (await target.Stores.Staff.CreateAsync(account).ConfigureAwait(false) != StaffChange.Done)
            {
                throw new InvalidOperationException($"Staff account {account.Id} could not be copied.");
            }
        }
    }

    /// <summary>The log with its ids and times; handovers in the order asked, each answered again at its own time.</summary>
    private static async Task CopyQandAAsync(LiteDbAgencySource source, PgTarget target)
    {
        var log = source.Qa.ListLog(DateTime.MinValue, DateTime.MaxValue).OrderBy(e => e.At).ToList();
        foreach (var chunk in log.Chunk(Chunk))
        {
            var writes = chunk.Select(e => target.At(e.At, () => target.Stores.Qa.LogWrite(e.Outcome, e.MatchedId, e.Score, e.Question, e.Id, e.Thread))).ToList();
            await target.Writer.WriteAsync(work => writes.ForEach(write => write(work))).ConfigureAwait(false);
        }

        foreach (var handover in source.AllHandovers())
        {
            await target.Writer.WriteAsync(target.At(handover.CreatedAt,
                () => target.Stores.Qa.HandoverWrite(handover.Question, handover.LineUserId, handover.ConversationId))).ConfigureAwait(false);
            if (handover.Status == HandoverStatus.Answered)
            {
                var copy = target.Stores.Qa.ListHandoversFor(handover.LineUserId)
                    .Last(h => h.Status == HandoverStatus.Open && string.Equals(h.Question, handover.Question, StringComparison.Ordinal));
                await target.At(handover.AnsweredAt ?? handover.CreatedAt,
                    () => target.Stores.Qa.AnswerHandoverAsync(copy.Id, handover.StaffAnswer ?? "", handover.AnsweredBy ?? "")).ConfigureAwait(false);
            }
        }
    }

    private static async Task CopyReportsAsync(LiteDbAgencySource source, PgTarget target)
    {
        foreach (var snapshot in source.Snapshots.List(int.MaxValue).Reverse())
        {
            await target.Stores.Snapshots.AddAsync(snapshot).ConfigureAwait(false);
        }

        // A correction names the line it corrects, which gets a new id in PostgreSQL.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var visit in source.Visits.Between(DateOnly.MinValue, DateOnly.MaxValue).OrderBy(v => v.RecordedAt))
        {
            var (copy, problem) = await target.At(visit.RecordedAt, () => target.Stores.Visits.RecordAsync(
                visit.Day, visit.ServiceId, visit.ServiceName, visit.People, visit.Note, visit.RecordedBy,
                visit.Corrects is null ? null : ids[visit.Corrects])).ConfigureAwait(false);
            ids[visit.Id] = copy?.Id ?? throw new InvalidOperationException($"Walk-in line {visit.Id} could not be copied: {problem}.");
        }
    }

    private static async Task CopyPrivacyAsync(LiteDbAgencySource source, PgTarget target)
    {
        var requests = source.Privacy.ListRequestsBetween(DateTime.MinValue, DateTime.MaxValue);
        await target.Writer.WriteAsync(work =>
        {
            foreach (var request in requests)
            {
                // "PD69-0007": the number's year is the counter's year.
                target.Stores.Privacy.AddRequest(work, request, int.Parse(request.Number.AsSpan(2, 2), CultureInfo.InvariantCulture));
            }
        }).ConfigureAwait(false);
        foreach (var chunk in source.Privacy.ListAccess(DateTime.MinValue, DateTime.MaxValue).Reverse().Chunk(Chunk))
        {
            await Task.WhenAll(chunk.Select(target.Stores.Privacy.AddAccessAsync)).ConfigureAwait(false);
        }

        await target.Stores.Privacy.AddPurgeEntriesAsync([.. source.Privacy.ListPurgeLog(int.MaxValue).Reverse()]).ConfigureAwait(false);
    }

    /// <summary>Dialog state of conversations under way (a form half filled), written through the store's seal.</summary>
    private static async Task CopyConversationsAsync(LiteDbAgencySource source, PgTarget target, CancellationToken cancellationToken)
    {
        foreach (var key in source.ConversationKeys())
        {
            if (await source.Conversations.LoadAsync(key, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                continue;   // a tombstone: no state
            }

            await target.Stores.Conversations.SaveAsync(key, stored.State, 0, cancellationToken).ConfigureAwait(false);
            if (target.Stores.Conversations.TakeStagedWrite(key) is { } write)
            {
                await target.Writer.WriteAsync(write).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The LiteDB key ring's keys join the deployment's ring, so TOTP secrets and staff sessions of the migrated agency still
    /// open. Refused unless they are sealed with this deployment's ItaBot:Staff:KeyRingKey.
    /// </summary>
    private async Task<bool> CopyKeyRingAsync(string directory, TextWriter output)
    {
        var folder = new DirectoryInfo(Path.Combine(directory, "keys"));
        if (!folder.Exists)
        {
            return true;
        }

        var key = services.GetRequiredService<StaffKeyRingKey>().Key;
        var ring = StaffPostgreSqlExtensions.KeyRingRepository(services);
        var held = ring.GetAllElements().Select(e => (string?)e.Attribute("id")).ToHashSet(StringComparer.Ordinal);
        foreach (var element in new FileSystemXmlRepository(folder, logs).GetAllElements())
        {
            try
            {
                foreach (var sealedPart in element.Descendants(StaffKeyRing.ElementName))
                {
                    _ = StaffKeyRing.Open(key, sealedPart);
                }
            }
            catch (CryptographicException)
            {
                await output.WriteLineAsync($"The key ring in {folder.FullName} was sealed with another ItaBot:Staff:KeyRingKey: run migrate with that key "
                    + "(every node of this deployment must use it), or staff lose their TOTP enrolment. Nothing copied.").ConfigureAwait(false);
                return false;
            }

            if (held.Add((string?)element.Attribute("id")))
            {
                ring.StoreElement(new XElement(element), "migrated-" + (string?)element.Attribute("id"));
            }
        }

        return true;
    }

    private static string? Option(IReadOnlyList<string> arguments, string name)
    {
        var index = arguments.ToList().IndexOf(name);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }

    /// <summary>
    /// The PostgreSQL stores of one agency. Stores that stamp a record with "now" (the Q&amp;A log, handovers, walk-ins) run on a
    /// clock set to each record's own time, so a copied record keeps when it happened.
    /// </summary>
    private sealed class PgTarget
    {
        private readonly RecordClock _clock;

        public PgTarget(IServiceProvider services, AgencyContext agency, TimeProvider time)
        {
            _clock = new RecordClock(time);
            Writer = services.GetRequiredService<IStoreWriter>();
            var seal = ActivatorUtilities.CreateInstance<PgTextSeal>(services, agency, time);
            Photos = ActivatorUtilities.CreateInstance<PostgreSqlPhotoStore>(services, agency, time);
            // Only states are copied (no tombstones), so every row of the agency is a conversation under way.
            var conversations = ActivatorUtilities.CreateInstance<PgConversationStateStore>(services, agency, time, seal);
            Stores = new AgencyStores(
                ActivatorUtilities.CreateInstance<PostgreSqlCaseStore>(services, agency),
                ActivatorUtilities.CreateInstance<PostgreSqlStaffStore>(services, agency),
                ActivatorUtilities.CreateInstance<PostgreSqlNotificationStore>(services, agency),
                // No handover observers: a copied handover notified its staff on LiteDB already.
                ActivatorUtilities.CreateInstance<PostgreSqlQaStore>(services, agency, (TimeProvider)_clock, Array.Empty<IHandoverObserver>()),
                ActivatorUtilities.CreateInstance<PostgreSqlReportSnapshotStore>(services, agency),
                ActivatorUtilities.CreateInstance<PostgreSqlServiceVisitStore>(services, agency, (TimeProvider)_clock),
                ActivatorUtilities.CreateInstance<PostgreSqlPrivacyStore>(services, agency, time),
                conversations,
                conversations.Count);
        }

        public IStoreWriter Writer { get; }

        public PostgreSqlPhotoStore Photos { get; }

        public AgencyStores Stores { get; }

        public T At<T>(DateTime at, Func<T> make)
        {
            _clock.Now = at;
            try
            {
                return make();
            }
            finally
            {
                _clock.Now = null;
            }
        }
    }

    /// <summary>The real clock, or a record's own time while that record is written.</summary>
    private sealed class RecordClock(TimeProvider time) : TimeProvider
    {
        public DateTime? Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : time.GetUtcNow();
    }
}
