using ItaBot.Storage;

namespace ItaBot.Privacy;

/// <summary>A one-time link to a citizen's data copy; only a hash of the link's token is kept (<see cref="Id"/>).</summary>
internal sealed record PrivacyCopyLink(string Id, string LineUserId, string RequestId, DateTime ExpiresAt, DateTime? UsedAt = null);

/// <summary>What the privacy slice keeps, counted for the record of processing.</summary>
internal sealed record PrivacyCounts(int Requests, int AccessRecords);

/// <summary>
/// The privacy slice's own records: data-subject requests and their copy links, the staff access audit, the purge log.
/// Writes that must join another write take the unit of work; the rest write on their own.
/// </summary>
internal interface IPrivacyStore
{
    /// <summary>Adds a new request, numbered in the fiscal year <paramref name="year"/> (two digits).</summary>
    void AddRequest(IUnitOfWork work, PrivacyRequest request, int year);

    /// <summary>Replaces a stored request (its year stays).</summary>
    void UpdateRequest(IUnitOfWork work, PrivacyRequest request);

    PrivacyRequest? FindRequest(string id);

    /// <summary>The request as this unit of work sees it (what it wrote included).</summary>
    PrivacyRequest? FindRequest(IUnitOfWork work, string id);

    /// <summary>The highest sequence number of the year's requests (0 when none).</summary>
    int LastSequence(int year);

    /// <summary>
    /// Reserves the next number of the year, above every stored request and every number reserved before through this
    /// storage (by any node), at once and outside any unit of work (a LINE reply shows it before its turn commits).
    /// </summary>
    int ReserveSequence(int year);

    /// <summary>Requests, newest received first, of one status or all.</summary>
    IReadOnlyList<PrivacyRequest> ListRequests(PrivacyRequestStatus? status, int limit);

    /// <summary>Requests received in [from, to), oldest first.</summary>
    IReadOnlyList<PrivacyRequest> ListRequestsBetween(DateTime fromUtc, DateTime toUtc);

    /// <summary>Requests a LINE user made, oldest first.</summary>
    IReadOnlyList<PrivacyRequest> ListRequestsOf(string lineUserId);

    /// <summary>Retention: deletes requests decided before <paramref name="before"/> and copy links expired before <paramref name="now"/>.</summary>
    int DeleteDecidedRequests(IUnitOfWork work, DateTime before, DateTime now);

    void AddCopyLink(IUnitOfWork work, PrivacyCopyLink link);

    /// <summary>Marks the link used and returns it as it was, or null when it is unknown, used or expired at <paramref name="now"/>.</summary>
    PrivacyCopyLink? TakeCopyLink(IUnitOfWork work, string id, DateTime now);

    Task AddAccessAsync(AccessRecord record);

    /// <summary>Staff reads recorded in [from, to), newest first.</summary>
    IReadOnlyList<AccessRecord> ListAccess(DateTime fromUtc, DateTime toUtc);

    /// <summary>Retention: deletes access records older than <paramref name="before"/>.</summary>
    int DeleteAccessBefore(IUnitOfWork work, DateTime before);

    Task AddPurgeEntriesAsync(IReadOnlyList<PurgeEntry> entries);

    /// <summary>The purge log, newest first.</summary>
    IReadOnlyList<PurgeEntry> ListPurgeLog(int limit);

    PrivacyCounts Count();
}
