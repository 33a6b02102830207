using System.Collections.Concurrent;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Conversations.PostgreSql;

/// <summary>
/// Lane leases in PostgreSQL: one row per claimed conversation with the node and an expiry. Expiry is counted on the
/// database's clock (<c>clock_timestamp()</c>), the one clock every node shares; this node stops starting work on a
/// lane a margin before the lease could expire by its own clock.
/// </summary>
internal sealed class PgLaneLeases(NpgsqlDataSource dataSource, AgencyContext agency, IOptions<ProcessingOptions> options, TimeProvider time) : ILaneLeases
{
    private readonly TimeSpan _duration = options.Value.LeaseDuration;

    // The part of a lease this node gives up: covers clock drift and a renewal that is slow to come back.
    private readonly TimeSpan _margin = options.Value.LeaseDuration / 5;

    /// <summary>Lanes this node holds (by agency and lane), with the local timestamp taken before the statement that last granted them.</summary>
    private readonly ConcurrentDictionary<(string Agency, string Lane), long> _held = new();

    /// <summary>This process, among all nodes (a restarted node is a new one: its old leases simply expire).</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<bool> TryAcquireAsync(string lane, CancellationToken cancellationToken)
    {
        var asked = time.GetTimestamp();
        await using var command = dataSource.CreateCommand(
            """
            insert into lane_leases as l (agency_id, lane, node, expires_at) values (@agency, @lane, @node, clock_timestamp() + @duration)
            on conflict (agency_id, lane) do update set node = excluded.node, expires_at = excluded.expires_at
            where l.expires_at < clock_timestamp() or l.node = excluded.node
            """)
            .With("agency", agency.Id).With("lane", lane).With("node", Node).With("duration", _duration);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        _held[(agency.Id, lane)] = asked;
        return true;
    }

    public bool IsHeld(string lane) => _held.TryGetValue((agency.Id, lane), out var granted) && time.GetElapsedTime(granted) < _duration - _margin;

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_held.IsEmpty)
        {
            return;
        }

        var asked = time.GetTimestamp();
        var lanes = _held.Keys.ToArray();
        // Every agency's lanes this node holds, in one statement.
        await using var command = dataSource.CreateCommand(
            """
            update lane_leases l set expires_at = clock_timestamp() + @duration
            from unnest(@agencies, @lanes) as h(agency_id, lane)
            where l.agency_id = h.agency_id and l.lane = h.lane and l.node = @node and l.expires_at >= clock_timestamp()
            returning l.agency_id, l.lane
            """)
            .With("agencies", lanes.Select(l => l.Agency).ToArray()).With("node", Node).With("lanes", lanes.Select(l => l.Lane).ToArray())
            .With("duration", _duration);
        var renewed = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                renewed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var lane in lanes)
        {
            if (renewed.Contains(lane))
            {
                // Only while still held: a lane released meanwhile stays released.
                _held.TryUpdate(lane, asked, _held.GetValueOrDefault(lane));
            }
            else
            {
                _held.TryRemove(lane, out _);
            }
        }
    }

    public async Task ReleaseAsync(string lane)
    {
        _held.TryRemove((agency.Id, lane), out _);
        // Not waited on to be durable (one WAL flush less a lane): a release the server loses in a crash leaves the lease
        // to expire as if this node had died, which the sweep already covers; this node may take it again before that.
        // One implicit transaction, so the setting holds for the delete alone.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('synchronous_commit', 'off', true)"));
        var delete = new NpgsqlBatchCommand("delete from lane_leases where agency_id = @agency and lane = @lane and node = @node");
        delete.With("agency", agency.Id).With("lane", lane).With("node", Node);
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<List<string>> UnclaimedAsync(IReadOnlyCollection<string> lanes, CancellationToken cancellationToken)
    {
        if (lanes.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
            """
            select c.lane from unnest(@lanes) as c(lane)
            where not exists (select 1 from lane_leases l where l.agency_id = @agency and l.lane = c.lane and l.expires_at >= clock_timestamp())
            """)
            .With("agency", agency.Id).With("lanes", lanes.ToArray());
        var unclaimed = new List<string>(lanes.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            unclaimed.Add(reader.GetString(0));
        }

        return unclaimed;
    }
}
