namespace ItaBot.Reports;

/// <summary>One row of a breakdown: a stable key (category id, channel name…), the Thai label documents print, the count.</summary>
internal sealed record CountRow(string Key, string Label, int Count);

/// <summary>A count in one Bangkok month (Gregorian <see cref="Year"/>; documents print the Buddhist Era).</summary>
internal sealed record MonthCount(int Year, int Month, int Count);

/// <summary>How long something took, in hours, over the records that did it (null figures when none did).</summary>
internal sealed record DurationFigures(int Count, double? MedianHours, double? P90Hours, double? AverageHours);

/// <summary>Deadlines that fell due in the period's records: how many were met (done on or before the deadline).</summary>
internal sealed record DeadlineFigures(int AcknowledgeDue, int AcknowledgeMet, int AnswerDue, int AnswerMet);

/// <summary>
/// Satisfaction ratings (1–5) of closed cases: <see cref="Eligible"/> closed cases that could be rated, <see cref="Rated"/>
/// of them were; <see cref="Distribution"/> has five entries, for scores 1 to 5.
/// </summary>
internal sealed record RatingFigures(int Eligible, int Rated, double? Average, IReadOnlyList<int> Distribution);

/// <summary>
/// Measure 8.3: corruption and misconduct complaints, counted from the vault's aggregate facade (never from content).
/// <see cref="InProgress"/> is every report not yet closed; <see cref="Completed"/> every closed one (completed, referred,
/// not accepted). When <see cref="Total"/> is 0 documents print "ไม่มีเรื่องร้องเรียน".
/// </summary>
internal sealed record CorruptionFigures(
    int Total,
    int Completed,
    int InProgress,
    IReadOnlyList<MonthCount> ByMonth,
    IReadOnlyList<CountRow> ByChannel,
    IReadOnlyList<CountRow> ByStatus,
    IReadOnlyList<CountRow> ByOutcome);

/// <summary>General complaints (cases) filed in the period, in their state as of the snapshot's <see cref="ReportSnapshot.AsOf"/>.</summary>
internal sealed record ComplaintFigures(
    int Total,
    int Completed,
    int InProgress,
    IReadOnlyList<MonthCount> ByMonth,
    IReadOnlyList<CountRow> ByCategory,
    IReadOnlyList<CountRow> ByDepartment,
    IReadOnlyList<CountRow> ByStatus,
    IReadOnlyList<CountRow> ByChannel,
    DurationFigures ToAcknowledge,
    DurationFigures ToClose,
    DeadlineFigures Deadlines,
    RatingFigures Ratings)
{
    /// <summary>
    /// Complaints as requests for the services they are about (measure 3.3), counted in the same pass over the cases;
    /// the compiler adds them into <see cref="ServiceFigures"/>' rows, so they are not stored (nor rendered) with these figures.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ServiceRow>? ServiceRows { get; init; }
}

/// <summary>
/// One service of the content pack (or one of ItaBot's own: complaints, corruption reports, questions): requests handled
/// in LINE or on the web (E-Service) and walk-ins recorded by staff, per month of the period (same order as
/// <see cref="ReportPeriod.Months"/>).
/// </summary>
internal sealed record ServiceRow(string ServiceId, string Name, int EService, int WalkIn, IReadOnlyList<MonthCount> EServiceByMonth, IReadOnlyList<MonthCount> WalkInByMonth);

/// <summary>
/// Questions asked in LINE (measure 4.6): answered at once, answered after the citizen chose among offered answers,
/// handed over to staff, answered by staff (handovers answered), and left unanswered.
/// </summary>
internal sealed record QaFigures(int Questions, int Answered, int AnsweredAfterChoice, int HandedOver, int AnsweredByStaff, int Unanswered);

/// <summary>Measure 3.3: E-Service against walk-in, per service and in total.</summary>
internal sealed record ServiceFigures(int EServiceTotal, int WalkInTotal, IReadOnlyList<ServiceRow> Services, QaFigures Questions);

/// <summary>
/// What a snapshot counted, so that a published figure can be traced: how many records of each kind, and a SHA-256
/// digest over the identities and states of the counted records. Recompiling the same period as of the same
/// <see cref="ReportSnapshot.AsOf"/> gives the same figures and the same digest.
/// </summary>
internal sealed record SnapshotTrace(int Cases, int ProtectedReports, int Questions, int ServiceRecords, string Digest);

/// <summary>
/// The statistics of one period, compiled from ItaBot's records as they stood at <see cref="AsOf"/>.
/// Every document (DOCX, HTML, CSV, JSON, Flex) is rendered from a snapshot, never from the stores directly.
/// </summary>
internal sealed record ReportSnapshot
{
    public required string Id { get; init; }
    public required ReportPeriod Period { get; init; }
    /// <summary>The instant the records were read as of (UTC); a recompile as of it is identical.</summary>
    public required DateTime AsOf { get; init; }
    /// <summary>When the compile ran (UTC).</summary>
    public required DateTime CompiledAt { get; init; }
    /// <summary>Who asked: "schedule", or the staff member's user name.</summary>
    public required string CompiledBy { get; init; }
    public required string AgencyName { get; init; }
    public required CorruptionFigures Corruption { get; init; }
    public required ComplaintFigures Complaints { get; init; }
    public required ServiceFigures Services { get; init; }
    public required SnapshotTrace Trace { get; init; }
}

/// <summary>One produced file: what the CLI writes, the staff page offers, the public page links to.</summary>
internal sealed record ReportDocument(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Turns a snapshot into one document (DOCX, HTML, CSV, JSON…). Every renderer is registered as
/// <c>IReportRenderer</c>; the <c>report</c> command writes them all, the staff page lists them all, the public page
/// links to those with <see cref="IsPublic"/>.
/// </summary>
internal interface IReportRenderer
{
    /// <summary>Stable name used in URLs and file names: "corruption-docx", "complaints-csv", "measures-docx"…</summary>
    string Kind { get; }

    /// <summary>What staff and the public read as the link's text (Thai).</summary>
    string Title { get; }

    /// <summary>Whether the document may be published on /transparency (statistics only, never content).</summary>
    bool IsPublic { get; }

    ReportDocument Render(ReportSnapshot snapshot);
}

/// <summary>
/// Feeds the records a compile counted into the snapshot's <see cref="SnapshotTrace"/>: a count per kind and one SHA-256
/// digest over (kind, id, state) in the order added. Sources add records in a deterministic order (by id) so that a
/// recompile as of the same instant gives the same digest.
/// </summary>
internal interface IReportTrace
{
    /// <summary>Counts one record of <paramref name="kind"/> ("case", "protected", "question", "service") and hashes its id and state.</summary>
    void Add(string kind, string id, long state);
}

/// <summary>Compiles snapshots and keeps them (in the snapshot store, <see cref="IReportSnapshotStore"/>).</summary>
internal interface IReportCompiler
{
    /// <summary>
    /// Compiles <paramref name="period"/> from the records as they stood at <paramref name="asOf"/> (default: now) and
    /// stores the snapshot when <paramref name="store"/> is true.
    /// </summary>
    Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default);

    /// <summary>The newest stored snapshot of the period with this slug, or null.</summary>
    ReportSnapshot? Latest(string periodSlug);

    ReportSnapshot? Get(string snapshotId);

    /// <summary>Stored snapshots, newest compile first (figures included; they are small).</summary>
    IReadOnlyList<ReportSnapshot> List(int limit = 100);
}

/// <summary>
/// One part of a snapshot, compiled from one kind of record as it stood at <c>asOf</c>: the compiler asks each registered
/// source (general complaints, protected reports, services and questions) and adds the counted records to the trace.
/// </summary>
internal interface IReportSource<T>
{
    Task<T> CompileAsync(ReportPeriod period, DateTime asOf, IReportTrace trace, CancellationToken cancellationToken);
}
