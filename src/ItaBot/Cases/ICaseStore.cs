using ItaBot.Storage;

namespace ItaBot.Cases;

/// <summary>
/// Where general complaints live: the cases, their <see cref="CaseFact"/>s (what statistics read) and the committed
/// case-number counters of each fiscal year. Reads see committed data only. Writes join the caller's
/// <see cref="IUnitOfWork"/>, so that a case change commits (or rolls back) together with whatever else that unit carries:
/// a dialog turn's state and answer, the notifications the change causes. The rules (versions, transitions, timeline)
/// are <see cref="CaseService"/>'s; a store keeps what it is given, its facts beside it, and answers the queries below.
/// </summary>
internal interface ICaseStore
{
    CaseRecord? Get(string id);

    CaseRecord? GetByNumber(string number);

    /// <summary>A citizen's cases, newest first (ties: the greater id first).</summary>
    IReadOnlyList<CaseRecord> ListForCitizen(string lineUserId, int limit);

    /// <summary>
    /// A page of the staff list, newest first (ties: the greater id first; ids are made in filing order); every filter
    /// given must match. Overdue means
    /// open with <see cref="CaseStatuses.OpenDue"/> before <paramref name="now"/>. A number filter finds the cases that
    /// <see cref="CaseNumbers.Candidates"/> names for the fiscal years that have numbers.
    /// </summary>
    CasePage List(CaseFilter filter, int page, int pageSize, DateTime now);

    /// <summary>Every case not closed, in no particular order (deadline scans, digests, the monthly summary).</summary>
    IReadOnlyList<CaseRecord> ListOpen();

    /// <summary>Cases of <paramref name="department"/> filed at or after <paramref name="sinceUtc"/>.</summary>
    int CountCreatedSince(DateTime sinceUtc, string department);

    /// <summary>Every case of a LINE user, or of a phone number given at filing, newest first (a person's own cases: no paging).</summary>
    IReadOnlyList<CaseRecord> ListForSubject(string? lineUserId, string? phone);

    /// <summary>
    /// Closed cases closed before <paramref name="closedBefore"/> that still hold personal data (with
    /// <paramref name="photosOnly"/>: that still have photos), at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<CaseRecord> ListExpired(DateTime closedBefore, bool photosOnly, int limit);

    /// <summary>How many cases there are, how many still hold personal data, how many photos they carry (record of processing).</summary>
    CaseCensus Census();

    /// <summary>The highest committed sequence of <paramref name="fiscalYear"/> (0 when none).</summary>
    int LastSequence(int fiscalYear);

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive sequences of <paramref name="fiscalYear"/>, above every committed one and
    /// every one reserved before through this storage (by any node), and returns the first. It takes effect at once, outside
    /// any unit of work, because a dialog shows the number before its turn commits; a reserved number whose case never
    /// commits stays unused (a gap), and reservations do not move <see cref="LastSequence"/>.
    /// </summary>
    int ReserveSequences(int fiscalYear, int count);

    /// <summary>The case as this unit of work sees it (its own earlier writes included).</summary>
    CaseRecord? Find(IUnitOfWork work, string id);

    /// <summary>
    /// Stores a new case and its facts, and raises its fiscal year's counter to its sequence (never lowers it). A second
    /// case with the same number is refused with an exception (the last guard against two filings sharing one).
    /// </summary>
    void Insert(IUnitOfWork work, CaseRecord record);

    /// <summary>Stores finished cases (seed data, imports) and their facts in bulk, counters raised per fiscal year.</summary>
    void InsertMany(IUnitOfWork work, IReadOnlyList<CaseRecord> records);

    /// <summary>Benchmarks only: the facts of <paramref name="records"/> and their counters, without the cases.</summary>
    void InsertFactsOnly(IUnitOfWork work, IReadOnlyList<CaseRecord> records);

    /// <summary>Replaces a stored case (same id) and its facts.</summary>
    void Update(IUnitOfWork work, CaseRecord after);

    /// <summary>
    /// Replaces a stored case without touching its facts: personal data removed (retention, erasure). Facts hold no
    /// personal data, so the statistics of every period stay what they were.
    /// </summary>
    void ReplaceKeepingFacts(IUnitOfWork work, CaseRecord stripped);

    /// <summary>
    /// The facts of cases filed in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first (ties: by case id,
    /// ordinal), streamed: a fiscal year of a million cases is read without holding them all.
    /// </summary>
    IEnumerable<CaseFact> ScanFacts(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default);

    /// <summary>The stored facts of a case (null when it has none).</summary>
    CaseFact? FindFacts(CaseRecord c);

    /// <summary>Completes once every case has its facts: at once for a store that always wrote them together.</summary>
    Task WhenFactsCompleteAsync();
}

/// <summary>Counts for the record of processing activities.</summary>
internal sealed record CaseCensus(int Cases, int WithPersonalData, int Photos);
