namespace ItaBot.Reports;

/// <summary>
/// Compiled snapshots, kept as they were compiled (one small record per compile; never changed). Snapshot ids are
/// <see cref="Storage.RecordId"/>s: two compiles of one instant sort by id.
/// </summary>
internal interface IReportSnapshotStore
{
    Task AddAsync(ReportSnapshot snapshot);

    /// <summary>The newest readable snapshot of the period with this slug (latest compile; among equal times, the higher id), or null.</summary>
    ReportSnapshot? Latest(string periodSlug);

    ReportSnapshot? Get(string snapshotId);

    /// <summary>Readable snapshots, newest compile first, at most <paramref name="limit"/> (1 to 10,000).</summary>
    IReadOnlyList<ReportSnapshot> List(int limit);
}

/// <summary>
/// The walk-in register (measure 3.3): appends only. A wrong line is never edited; a correction is a new line that
/// names the line it replaces.
/// </summary>
internal interface IServiceVisitStore
{
    /// <summary>
    /// Appends a line; with <paramref name="corrects"/>, a correction of that line (on its day), refused when the line
    /// does not exist or was corrected already (correct the newest line instead). Check and append are one write.
    /// </summary>
    Task<(ServiceVisit? Visit, ServiceVisitProblem Problem)> RecordAsync(
        DateOnly day, string serviceId, string serviceName, int people, string? note, string recordedBy, string? corrects = null);

    ServiceVisit? Find(string id);

    /// <summary>Every line recorded for the Bangkok days <paramref name="from"/> to <paramref name="to"/> (inclusive), corrections included, in the order recorded.</summary>
    IReadOnlyList<ServiceVisit> Between(DateOnly from, DateOnly to);
}
