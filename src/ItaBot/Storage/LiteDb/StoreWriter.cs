using LiteDB;

namespace ItaBot.Storage.LiteDb;

/// <summary>
/// Group commit for one LiteDB file (see <see cref="GroupCommitWriter"/>): LiteDB commits about 4,600 single transactions
/// a second here but 35,000 documents a second in batches, so concurrent webhook requests share commits.
/// </summary>
internal sealed class StoreWriter(LiteDatabase database, int maxBatch, ILogger logger, TimeSpan gather = default)
    : GroupCommitWriter(maxBatch, logger, gather)
{
    private readonly LiteDbUnitOfWork _work = new(database);

    protected override IUnitOfWork Begin()
    {
        database.BeginTrans();
        _work.Reset();
        return _work;
    }

    protected override void Commit()
    {
        database.Commit();
        _work.Committed();
    }

    protected override void Rollback()
    {
        _work.Reset();
        database.Rollback();
    }
}
