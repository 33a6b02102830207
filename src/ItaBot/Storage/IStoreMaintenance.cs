namespace ItaBot.Storage;

/// <summary>
/// What a feature may ask of the storage itself, whatever the provider: to forget the earlier versions of changed records
/// (the protected channel's redacted turns), and whether an exception is the storage failing rather than a bug.
/// </summary>
internal interface IStoreMaintenance
{
    /// <summary>
    /// Folds what the storage keeps of earlier record versions into its current state and drops them (LiteDB: a checkpoint
    /// of the -log file). Blocks the calling thread. False, with the reason, when the storage could not do it now.
    /// </summary>
    bool TryForgetEarlierVersions(out Exception? failure);

    /// <summary>True when <paramref name="exception"/> comes from the storage failing (a broken or closing file, a lost connection).</summary>
    bool IsStoreFailure(Exception exception);
}
