namespace ItaBot.Cases;

/// <summary>
/// The facts of one case that statistics need, and nothing a citizen wrote: kept beside the case and written in
/// the same store write as every insert and change of the case (so it can never disagree with it). A fiscal year's
/// report is a range scan of these instead of a read of every full case (timeline, description, photos).
/// Everything in it is either fixed at filing or stamped with the time it happened, so the state of a case at any past
/// instant can be read back from it: that is what makes an as-of recompile identical.
/// </summary>
/// <param name="Statuses">Every status the case entered, in order, with its time (the first is Received at filing).</param>
/// <param name="AnsweredAt">The first answer to the citizen, or the closing if that came first (see <see cref="CaseFacts.AnsweredAt"/>).</param>
internal sealed record CaseFact(
    string CaseId,
    string Number,
    DateTime CreatedAt,
    string CategoryId,
    string Department,
    CaseChannel Channel,
    DateTime AcknowledgeBy,
    DateTime? AcknowledgedAt,
    DateTime AnswerBy,
    DateTime? AnsweredAt,
    DateTime? ClosedAt,
    IReadOnlyList<CaseFact.StatusEntry> Statuses,
    int? RatingScore,
    DateTime? RatedAt)
{
    internal readonly record struct StatusEntry(DateTime At, CaseStatus Status);

    /// <summary>The status the case had at <paramref name="asOf"/> (null when it was filed after it).</summary>
    public CaseStatus? StatusAt(DateTime asOf)
    {
        CaseStatus? status = null;
        foreach (var entry in Statuses)
        {
            if (entry.At > asOf)
            {
                break;
            }

            status = entry.Status;
        }

        return status;
    }

    public override int GetHashCode() => CaseId.GetHashCode(StringComparison.Ordinal);

    public bool Equals(CaseFact? other) =>
        other is not null
        && (CaseId, Number, CreatedAt, CategoryId, Department, Channel, AcknowledgeBy, AcknowledgedAt, AnswerBy, AnsweredAt, ClosedAt, RatingScore, RatedAt)
            == (other.CaseId, other.Number, other.CreatedAt, other.CategoryId, other.Department, other.Channel, other.AcknowledgeBy,
                other.AcknowledgedAt, other.AnswerBy, other.AnsweredAt, other.ClosedAt, other.RatingScore, other.RatedAt)
        && Statuses.SequenceEqual(other.Statuses);
}

/// <summary>How a case's facts are derived from it; every store keeps them beside the case (see <see cref="ICaseStore"/>).</summary>
internal static class CaseFacts
{
    public static CaseFact From(CaseRecord c)
    {
        var statuses = new List<CaseFact.StatusEntry>();
        foreach (var e in c.Timeline)
        {
            if (e.To is { } to && (statuses.Count == 0 || statuses[^1].Status != to))
            {
                statuses.Add(new CaseFact.StatusEntry(e.At, to));
            }
        }

        if (statuses.Count == 0 || statuses[0].At > c.CreatedAt)
        {
            // An imported case without a "Created" entry still was received when it was filed.
            statuses.Insert(0, new CaseFact.StatusEntry(c.CreatedAt, CaseStatus.Received));
        }

        return new CaseFact(c.Id, c.Number, c.CreatedAt, c.CategoryId, c.Department, c.Channel, c.AcknowledgeBy, c.AcknowledgedAt,
            c.AnswerBy, AnsweredAt(c), c.ClosedAt, statuses, c.Rating?.Score, c.Rating?.At);
    }

    /// <summary>
    /// When the citizen was first answered: the first "answer to citizen" entry, or the closing if it came first (a case
    /// rejected or referred with a note, without a separate answer, still tells the citizen its outcome).
    /// </summary>
    public static DateTime? AnsweredAt(CaseRecord c)
    {
        var first = c.Timeline.FirstOrDefault(e => e.Kind == CaseEventKind.AnswerToCitizen)?.At;
        return (first, c.ClosedAt) switch
        {
            ({ } a, { } closed) => a < closed ? a : closed,
            ({ } a, null) => a,
            (null, var closed) => closed,
        };
    }
}
