using System.Globalization;
using Npgsql;

namespace ItaBot.Tests.Support;

/// <summary>
/// Makes a tick of Hangfire recurring jobs overdue on every node of a PostgreSQL deployment, and counts the jobs created
/// for it: what a test of "once per schedule across nodes" needs.
/// </summary>
internal static class RecurringTicks
{
    private const string Runs = """
        select count(*) from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id
        where p.name = 'RecurringJobId' and p.value in (@id, @quoted) and j.createdat >= to_timestamp(@forced / 1000.0)
        """;

    /// <summary>
    /// Makes a tick of each job overdue, as after <paramref name="days"/> days nobody ran it (a monthly job needs more than
    /// a month): Hangfire schedules from the last execution (or the creation), finds due jobs by the set's score, and
    /// runs a job that missed several ticks once. Returns the database's time of the forcing (Unix ms).
    /// </summary>
    public static long ForceOverdue(NpgsqlDataSource db, string[] jobIds, int days = 2)
    {
        var forcedAt = Scalar(db, "select (extract(epoch from now()) * 1000)::bigint");
        var longAgo = DateTimeOffset.FromUnixTimeMilliseconds(forcedAt).AddDays(-days);
        var ms = longAgo.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var jobId in jobIds)
        {
            Assert.Equal(1, Execute(db, "update hangfire.hash set value = @value where key = @key and field = 'CreatedAt'", ("value", ms), ("key", "recurring-job:" + jobId)));
            // A tick the job's own schedule ran meanwhile left its last execution: moved too.
            Execute(db, "update hangfire.hash set value = @value where key = @key and field = 'LastExecution'", ("value", ms), ("key", "recurring-job:" + jobId));
            Assert.Equal(1, Execute(db, "update hangfire.set set score = @score where key = 'recurring-jobs' and value = @id",
                ("score", (double)longAgo.ToUnixTimeSeconds()), ("id", jobId)));
        }

        return forcedAt;
    }

    /// <summary>How many jobs the recurring job <paramref name="jobId"/> created since <paramref name="forcedAt"/> (in <paramref name="state"/> when given).</summary>
    public static long RunsSince(NpgsqlDataSource db, string jobId, long forcedAt, string? state = null) =>
        Scalar(db, state is null ? Runs : Runs + " and j.statename = @state",
            [("id", jobId), ("quoted", $"\"{jobId}\""), ("forced", forcedAt), .. state is null ? Array.Empty<(string, object)>() : [("state", state)]]);

    /// <summary>
    /// Every schedule here falls on a multiple of five minutes (UTC and Bangkok alike): a test keeps clear of one, so the
    /// job's own tick cannot fall into the few seconds it counts.
    /// </summary>
    public static async Task AwayFromScheduleBoundariesAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var intoSlot = TimeSpan.FromTicks(now.Ticks % TimeSpan.FromMinutes(5).Ticks);
        if (intoSlot > TimeSpan.FromMinutes(4) || intoSlot < TimeSpan.FromSeconds(10))
        {
            var wait = intoSlot > TimeSpan.FromMinutes(4) ? TimeSpan.FromMinutes(5) - intoSlot + TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(10) - intoSlot;
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }
    }

    private static int Execute(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private static long Scalar(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
