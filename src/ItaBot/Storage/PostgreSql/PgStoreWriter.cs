using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// Group commit on PostgreSQL (see <see cref="GroupCommitWriter"/>): every batch is one transaction on a pooled
/// connection, so one WAL flush covers many webhook acknowledgements. Several nodes each run their own writer; what
/// must not happen twice across them is decided by the database (unique keys, version checks), never by this writer.
/// </summary>
internal sealed class PgStoreWriter : GroupCommitWriter
{
    private readonly NpgsqlDataSource _dataSource;
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private PgUnitOfWork? _work;

    public PgStoreWriter(NpgsqlDataSource dataSource, IOptions<StorageOptions> options, ILogger<PgStoreWriter> logger)
        : base(options.Value.MaxBatch, logger, options.Value.GatherAcknowledgements)
    {
        _dataSource = dataSource;
    }

    protected override IUnitOfWork Begin()
    {
        _connection = _dataSource.OpenConnection();
        _transaction = _connection.BeginTransaction();
        return _work = new PgUnitOfWork(_connection, _transaction);
    }

    protected override void Commit()
    {
        // What the batch's writes deferred goes first, in one round trip; a failed check throws here and the batch rolls back.
        _work!.Flush();
        _transaction!.Commit();
        Close();
    }

    protected override void Rollback()
    {
        try
        {
            if (_transaction is { Connection: not null })
            {
                _transaction.Rollback();
            }
        }
        finally
        {
            // A broken connection goes back to the pool as broken; the pool opens a fresh one next time.
            Close();
        }
    }

    private void Close()
    {
        _work = null;
        _transaction?.Dispose();
        _transaction = null;
        _connection?.Dispose();
        _connection = null;
    }
}
