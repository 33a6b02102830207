using ItaBot.Content;
using ItaBot.Storage;

namespace ItaBot.Cases;

/// <summary>What a citizen (or staff on their behalf) files.</summary>
internal sealed record NewCase
{
    public required string CategoryId { get; init; }
    public required CaseChannel Channel { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<CasePhoto> Photos { get; init; } = [];
    public CaseLocation? Location { get; init; }
    public string? CitizenLineUserId { get; init; }
    public bool ContactConsent { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
}

/// <summary>A case ready to be stored by a dialog turn: show <see cref="Case"/>'s number, add <see cref="Write"/> to the turn.</summary>
internal sealed record CaseDraft(CaseRecord Case, Action<IUnitOfWork> Write);

internal enum CaseChangeOutcome
{
    Changed,
    NotFound,
    /// <summary>Someone changed the case since the caller read it; <see cref="CaseChangeResult.Case"/> is the current one.</summary>
    Conflict,
    /// <summary>Not allowed (a transition, a missing note, a rating out of range); <see cref="CaseChangeResult.Error"/> says why, in Thai.</summary>
    Invalid,
}

internal sealed record CaseChangeResult(CaseChangeOutcome Outcome, CaseRecord? Case, string? Error = null)
{
    public bool Changed => Outcome == CaseChangeOutcome.Changed;
}

/// <summary>A change refused inside a dialog turn's write: throwing rolls the whole turn back, and the turn runs again.</summary>
internal sealed class CaseChangeException(CaseChangeResult result)
    : InvalidOperationException($"Case change refused: {result.Outcome}")
{
    public CaseChangeResult Result { get; } = result;
}

/// <summary>Filters of the staff case list; all given ones must match.</summary>
internal sealed record CaseFilter
{
    public CaseStatus? Status { get; init; }
    public string? CategoryId { get; init; }
    public string? Department { get; init; }
    public CaseChannel? Channel { get; init; }
    public string? AssigneeId { get; init; }
    /// <summary>Open cases past a deadline: not acknowledged in time, or not answered in time.</summary>
    public bool OverdueOnly { get; init; }
    /// <summary>A case number or part of one: "ร68-00042", "68-42", "42".</summary>
    public string? Number { get; init; }
}

/// <summary>One page of the list, newest first. <see cref="HasMore"/> instead of a total: counting 100,000 cases per page view is not free.</summary>
internal sealed record CasePage(IReadOnlyList<CaseRecord> Items, int Page, int PageSize, bool HasMore);

/// <summary>
/// The rules of general complaints, over an <see cref="ICaseStore"/>. Dialog turns get a <see cref="CaseDraft"/> whose write
/// joins the turn's commit; staff pages use the async methods, which go through the store writer. Every change checks the
/// version the caller read, appends a timeline entry, bumps the version and tells every <see cref="ICaseObserver"/> inside
/// the same unit of work.
/// </summary>
internal sealed partial class CaseService
{
    public const string CitizenActor = "citizen";

    private readonly ICaseStore _store;
    private readonly IStoreWriter _writer;
    private readonly WorkingCalendar _calendar;
    private readonly ContentPackProvider _content;
    private readonly ICaseObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly Agencies.AgencyDirectory? _agencies;
    private readonly ICasePhotoTransfer? _photoTransfer;

    public CaseService(ICaseStore store, IStoreWriter writer, WorkingCalendar calendar, ContentPackProvider content, IEnumerable<ICaseObserver> observers,
        TimeProvider time, Agencies.AgencyDirectory? agencies = null, ICasePhotoTransfer? photoTransfer = null)
    {
        _agencies = agencies;
        _photoTransfer = photoTransfer;
        _store = store;
        _writer = writer;
        _calendar = calendar;
        _content = content;
        _observers = [.. observers];
        _time = time;
    }

    /// <summary>
    /// A new case for a dialog turn: the number is reserved now (see <see cref="ICaseStore.ReserveSequences"/>) so that the
    /// reply can show it; the case exists once the turn commits <see cref="CaseDraft.Write"/>.
    /// </summary>
    public CaseDraft Prepare(NewCase request, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description);
        var category = _content.Current.FindComplaintCategory(request.CategoryId)
            ?? throw new ArgumentException($"Unknown complaint category '{request.CategoryId}'.", nameof(request));
        var now = CaseTimes.Truncate(_time.GetUtcNow().UtcDateTime);
        var created = new CaseEvent(now, CaseEventKind.Created, actor, null, CaseStatus.Received, null);
        var record = NewRecord(request with { Description = request.Description.Trim() }, category, now, created);
        return new CaseDraft(record, work => Insert(work, record, created));
    }

    /// <summary>
    /// The one way a new case is made (a filing, or a case received from another agency): numbered now in the agency in
    /// context (see <see cref="ICaseStore.ReserveSequences"/>), routed and timed by <paramref name="category"/> of that
    /// agency's pack, "received", with <paramref name="created"/> as its first timeline entry.
    /// </summary>
    private CaseRecord NewRecord(NewCase request, ComplaintCategory category, DateTime now, CaseEvent created)
    {
        var fiscalYear = CaseNumbers.FiscalYear(now);
        var sequence = _store.ReserveSequences(fiscalYear, 1);
        return new CaseRecord
        {
            Id = RecordId.New(),
            Number = CaseNumbers.Format(fiscalYear, sequence),
            FiscalYear = fiscalYear,
            Sequence = sequence,
            CategoryId = category.Id,
            Department = category.Department,
            Channel = request.Channel,
            Description = request.Description,
            Photos = request.Photos,
            Location = request.Location,
            CitizenLineUserId = request.CitizenLineUserId,
            ContactConsent = request.ContactConsent,
            ContactName = request.ContactName,
            ContactPhone = request.ContactPhone,
            Status = CaseStatus.Received,
            CreatedAt = now,
            AcknowledgeBy = _calendar.AcknowledgeBy(now, category.AcknowledgeWorkingDays),
            AnswerBy = _calendar.AnswerBy(now, category.AnswerWorkingDays),
            Timeline = [created],
            Version = 1,
        };
    }

    /// <summary>Staff record a walk-in, phone or letter complaint (or any channel): stored when the task completes.</summary>
    public async Task<CaseRecord> CreateAsync(NewCase request, string actor)
    {
        var draft = Prepare(request, actor);
        await _writer.WriteAsync(draft.Write).ConfigureAwait(false);
        return draft.Case;
    }

    /// <summary>
    /// Stores finished cases as they are (seed data, imports): each gets its number in the fiscal year of its
    /// <see cref="CaseRecord.CreatedAt"/>, in the order given. Observers are not told: these are history, not news.
    /// </summary>
    public Task<IReadOnlyList<CaseRecord>> ImportAsync(IReadOnlyList<CaseRecord> cases)
    {
        var numbered = Numbered(cases);
        return _writer.WriteAsync<IReadOnlyList<CaseRecord>>(work =>
        {
            _store.InsertMany(work, numbered);
            return numbered;
        });
    }

    /// <summary>
    /// Benchmarks only (<c>seed --facts-only</c>): the case facts of generated cases, without the case documents. The
    /// statistics compile reads nothing else, and a million full documents with their seventeen index keys take LiteDB
    /// hours to insert here; the staff pages of such a file show no cases.
    /// </summary>
    public Task ImportFactsOnlyAsync(IReadOnlyList<CaseRecord> cases)
    {
        var numbered = Numbered(cases);
        return _writer.WriteAsync(work => _store.InsertFactsOnly(work, numbered));
    }

    /// <summary>Numbers for imported cases, in the order given: one reservation per fiscal year, however many cases.</summary>
    private List<CaseRecord> Numbered(IReadOnlyList<CaseRecord> cases)
    {
        var next = cases.GroupBy(c => CaseNumbers.FiscalYear(c.CreatedAt))
            .ToDictionary(year => year.Key, year => _store.ReserveSequences(year.Key, year.Count()));
        return [.. cases.Select(c =>
        {
            var fiscalYear = CaseNumbers.FiscalYear(c.CreatedAt);
            var sequence = next[fiscalYear]++;
            return c with { FiscalYear = fiscalYear, Sequence = sequence, Number = CaseNumbers.Format(fiscalYear, sequence) };
        })];
    }

    private void Insert(IUnitOfWork work, CaseRecord record, CaseEvent created)
    {
        _store.Insert(work, record);
        foreach (var observer in _observers)
        {
            observer.OnCaseChanged(work, null, record, created);
        }
    }

    public CaseRecord? Get(string id) => _store.Get(id);

    public CaseRecord? GetByNumber(string number) => _store.GetByNumber(number);

    /// <summary>A citizen's cases, newest first.</summary>
    public IReadOnlyList<CaseRecord> ListForCitizen(string lineUserId, int limit = 20) => _store.ListForCitizen(lineUserId, limit);

    public const int MaxPageSize = 200;

    /// <summary>A page of the staff list, newest first (see <see cref="ICaseStore.List"/>).</summary>
    public CasePage List(CaseFilter filter, int page = 1, int pageSize = 50) =>
        _store.List(filter, Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize), _time.GetUtcNow().UtcDateTime);
}
