using LiteDB;

namespace ItaBot.Storage.LiteDb;

/// <summary><see cref="IStoreMaintenance"/> on messaging.db.</summary>
internal sealed class LiteDbStoreMaintenance(MessagingStore store) : IStoreMaintenance
{
    public bool TryForgetEarlierVersions(out Exception? failure)
    {
        try
        {
            store.Database.Checkpoint();
            failure = null;
            return true;
        }
        catch (Exception ex) when (ex is LiteException or LockRecursionException or SynchronizationLockException or IOException)
        {
            // LiteDB's locks belong to threads: a checkpoint that meets a writer's lock is simply tried again later.
            failure = ex;
            return false;
        }
    }

    public bool IsStoreFailure(Exception exception) => exception is LiteException;
}
