using ItaBot.Dialogs.State;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Conversations.PostgreSql;

/// <summary>
/// Dialog state in PostgreSQL, one row per conversation with its version. The commit's version check is the statement
/// itself (<c>update … where version = @expected</c>, or an insert that finds no row), so two nodes that ran the same
/// conversation's turn cannot both win. What is staged in memory belongs to the turn running on this node only.
/// </summary>
internal sealed class PgConversationStateStore(NpgsqlDataSource dataSource, AgencyContext agency, TimeProvider time, PgTextSeal seal)
    : StagedConversationStateStore(time)
{
    /// <summary>A form's answers wait in the state until submitted: sealed (see <see cref="PgTextSeal"/>).</summary>
    private const string SealedJson = "conversations.json";

    protected override async Task<(long Version, string? Json)> ReadAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select version, json from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (0, null);
        }

        // A state whose sealing key is gone (older than the retention) is no state: the conversation starts afresh.
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : seal.Unseal(reader.GetString(1), SealedJson));
    }

    protected override string? ToStored(string json) => seal.Seal(json, SealedJson);

    public override long VersionOf(string conversationKey)
    {
        using var command = dataSource.CreateCommand("select version from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        return command.Scalar();
    }

    protected override void WriteVersion(IUnitOfWork work, string conversationKey, string? json, long expectedVersion, DateTime now)
    {
        var pg = work.Pg();
        // The first state inserts (a row another node inserted meanwhile makes it a conflict); a later one updates
        // only the version it read. Deferred into the commit's round trip: a conflict throws there (the version another
        // writer left is read then, for the message).
        pg.Defer(expectedVersion == 0
            ? """
              insert into conversations (agency_id, key, version, json, updated_at) values (@agency, @key, 1, @json, @now)
              on conflict (agency_id, key) do nothing
              """
            : """
              update conversations set version = version + 1, json = @json, updated_at = @now
              where agency_id = @agency and key = @key and version = @expected
              """,
            rows =>
            {
                if (rows == 0)
                {
                    using var actual = pg.Command("select version from conversations where agency_id = @agency and key = @key")
                        .With("agency", agency.Id).With("key", conversationKey);
                    throw new StateConflictException(conversationKey, expectedVersion, actual.Scalar());
                }
            })
            .With("agency", agency.Id).With("key", conversationKey).With("json", json).With("now", now)
            .With("expected", expectedVersion);
    }

    public override void DropTombstone(IUnitOfWork work, string conversationKey)
    {
        work.Pg().Defer("delete from conversations where agency_id = @agency and key = @key and json is null")
            .With("agency", agency.Id).With("key", conversationKey);
    }

    public override string? ReadJson(string conversationKey)
    {
        using var command = dataSource.CreateCommand("select json from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        return seal.Unseal(command.ExecuteScalar() as string, SealedJson);
    }

    public override void Forget(IUnitOfWork work, string conversationKey)
    {
        work.Pg().Defer("update conversations set json = null, version = version + 1 where agency_id = @agency and key = @key and json is not null")
            .With("agency", agency.Id).With("key", conversationKey);
    }

    public override int ForgetIdle(IUnitOfWork work, DateTime before)
    {
        using var command = work.Pg().Command(
            "update conversations set json = null, version = version + 1 where agency_id = @agency and updated_at < @before and json is not null")
            .With("agency", agency.Id).With("before", before);
        return command.ExecuteNonQuery();
    }

    public override int Count()
    {
        using var command = dataSource.CreateCommand("select count(*) from conversations where agency_id = @agency").With("agency", agency.Id);
        return (int)command.Scalar();
    }
}
