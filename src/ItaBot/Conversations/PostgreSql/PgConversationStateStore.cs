using System.Collections.Concurrent;
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
internal sealed class PgConversationStateStore(NpgsqlDataSource dataSource, AgencyContext agency, TimeProvider time, PgTextSeal seal) : IConversationStateStore
{
    /// <summary>A form's answers wait in the state until submitted: sealed (see <see cref="PgTextSeal"/>).</summary>
    private const string SealedJson = "conversations.json";

    private readonly ConcurrentDictionary<string, Staged> _staged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public async Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select version, json from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _seen[conversationKey] = 0;
            return null;
        }

        var version = reader.GetInt64(0);
        _seen[conversationKey] = version;
        // A state whose sealing key is gone (older than the retention) is no state: the conversation starts afresh.
        return reader.IsDBNull(1) || seal.Unseal(reader.GetString(1), SealedJson) is not { } json ? null : new StoredState(ConversationState.FromJson(json), version);
    }

    public long VersionOf(string conversationKey)
    {
        using var command = dataSource.CreateCommand("select version from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        return command.Scalar();
    }

    public Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        // Version 0 means "there was no state": after a delete that is the tombstone's version, seen at load.
        var expected = expectedVersion != 0 ? expectedVersion : _seen.GetValueOrDefault(conversationKey);
        _staged[conversationKey] = new Staged(seal.Seal(state.ToJson(), SealedJson), expected);
        return Task.FromResult(expected + 1);
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var expected = _seen.TryGetValue(conversationKey, out var seen) ? seen : VersionOf(conversationKey);
        _staged[conversationKey] = new Staged(null, expected);
        return Task.CompletedTask;
    }

    public Action<IUnitOfWork>? TakeStagedWrite(string conversationKey)
    {
        _seen.TryRemove(conversationKey, out _);
        if (!_staged.TryRemove(conversationKey, out var staged))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return work =>
        {
            var pg = work.Pg();
            // The first state inserts (a row another node inserted meanwhile makes it a conflict); a later one updates
            // only the version it read.
            using var command = pg.Command(staged.ExpectedVersion == 0
                ? """
                  insert into conversations (agency_id, key, version, json, updated_at) values (@agency, @key, 1, @json, @now)
                  on conflict (agency_id, key) do nothing
                  """
                : """
                  update conversations set version = version + 1, json = @json, updated_at = @now
                  where agency_id = @agency and key = @key and version = @expected
                  """)
                .With("agency", agency.Id).With("key", conversationKey).With("json", staged.Json).With("now", now)
                .With("expected", staged.ExpectedVersion);
            if (command.ExecuteNonQuery() == 0)
            {
                using var actual = pg.Command("select version from conversations where agency_id = @agency and key = @key")
                    .With("agency", agency.Id).With("key", conversationKey);
                throw new StateConflictException(conversationKey, staged.ExpectedVersion, actual.Scalar());
            }
        };
    }

    public void DropTombstone(IUnitOfWork work, string conversationKey)
    {
        using var command = work.Pg().Command("delete from conversations where agency_id = @agency and key = @key and json is null")
            .With("agency", agency.Id).With("key", conversationKey);
        command.ExecuteNonQuery();
    }

    public string? ReadJson(string conversationKey)
    {
        using var command = dataSource.CreateCommand("select json from conversations where agency_id = @agency and key = @key")
            .With("agency", agency.Id).With("key", conversationKey);
        return seal.Unseal(command.ExecuteScalar() as string, SealedJson);
    }

    public void Forget(IUnitOfWork work, string conversationKey)
    {
        using var command = work.Pg().Command(
            "update conversations set json = null, version = version + 1 where agency_id = @agency and key = @key and json is not null")
            .With("agency", agency.Id).With("key", conversationKey);
        command.ExecuteNonQuery();
    }

    public int ForgetIdle(IUnitOfWork work, DateTime before)
    {
        using var command = work.Pg().Command(
            "update conversations set json = null, version = version + 1 where agency_id = @agency and updated_at < @before and json is not null")
            .With("agency", agency.Id).With("before", before);
        return command.ExecuteNonQuery();
    }

    public int Count()
    {
        using var command = dataSource.CreateCommand("select count(*) from conversations where agency_id = @agency").With("agency", agency.Id);
        return (int)command.Scalar();
    }

    public void Discard(string conversationKey)
    {
        _staged.TryRemove(conversationKey, out _);
        _seen.TryRemove(conversationKey, out _);
    }

    private sealed record Staged(string? Json, long ExpectedVersion);
}
