namespace ItaBot.Storage;

/// <summary>
/// Numbers reserved in this process's memory (case numbers, privacy request numbers) for a store that only this process
/// writes (LiteDB). Why reserved before the write: a dialog composes its receipt ("เลขที่เรื่อง ร68-00042") before the turn
/// commits, because the answer is stored in the same transaction as the record. The next number of each year lives here,
/// seeded once from the store's highest committed one and handed out under a lock; the write raises the stored counter.
/// Consequences, by design: two records of one process never get the same number (the store's unique index is the last
/// guard); a number whose write never commits is skipped (a gap), and gaps at the end are taken again after a restart,
/// since the store holds only committed numbers. A receipt is committed with its record, so no citizen sees a skipped one.
/// Several nodes cannot share this: their stores reserve in the database instead.
/// </summary>
internal sealed class SequenceReservations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _last = [];

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers of <paramref name="year"/> and returns the first;
    /// <paramref name="lastCommitted"/> reads the store's highest committed number of a year.
    /// </summary>
    public int Reserve(int year, int count, Func<int, int> lastCommitted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_lock)
        {
            // Read committed state only: before this process handed out any number of the year, it is the highest one.
            var last = _last.TryGetValue(year, out var known) ? known : lastCommitted(year);
            _last[year] = last + count;
            return last + 1;
        }
    }
}
