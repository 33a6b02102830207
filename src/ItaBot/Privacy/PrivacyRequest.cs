namespace ItaBot.Privacy;

/// <summary>The rights of PDPA sections 30–36 a request asks for.</summary>
internal enum PrivacyRequestKind
{
    /// <summary>Access and a copy (sections 30–31): answered at once in LINE.</summary>
    Access,

    /// <summary>Erasure or anonymisation (section 33).</summary>
    Erasure,

    /// <summary>Correction (sections 35–36).</summary>
    Rectification,

    /// <summary>Objection (section 32).</summary>
    Objection,

    /// <summary>Restriction of use (section 34).</summary>
    Restriction,
}

internal enum PrivacyRequestStatus
{
    Pending,
    Completed,
    Refused,
}

/// <summary>One line of a request's own audit trail: who did what, when.</summary>
internal sealed record PrivacyRequestEvent(DateTime At, string Actor, string What);

/// <summary>
/// A data subject's request. <see cref="LineUserId"/> is kept only to answer in LINE and is dropped once an erasure is
/// done; a request made at the office names the person and how to reach them instead.
/// </summary>
internal sealed record PrivacyRequest
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required PrivacyRequestKind Kind { get; init; }
    public required bool InPerson { get; init; }
    public string? LineUserId { get; init; }
    public string? RequesterName { get; init; }
    public string? RequesterPhone { get; init; }
    public string? Detail { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public required DateTime DueAt { get; init; }
    public PrivacyRequestStatus Status { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<PrivacyRequestEvent> Log { get; init; } = [];

    public bool Overdue(DateTime now) => Status == PrivacyRequestStatus.Pending && now > DueAt;
}

internal static class PrivacyRequestTexts
{
    public static string Thai(this PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.Access => "ขอเข้าถึงและขอสำเนาข้อมูล",
        PrivacyRequestKind.Erasure => "ขอให้ลบข้อมูล",
        PrivacyRequestKind.Rectification => "ขอแก้ไขข้อมูล",
        PrivacyRequestKind.Objection => "คัดค้านการใช้ข้อมูล",
        PrivacyRequestKind.Restriction => "ขอให้ระงับการใช้ข้อมูล",
        _ => kind.ToString(),
    };

    public static string Thai(this PrivacyRequestStatus status) => status switch
    {
        PrivacyRequestStatus.Pending => "รอพิจารณา",
        PrivacyRequestStatus.Completed => "ดำเนินการแล้ว",
        PrivacyRequestStatus.Refused => "ปฏิเสธ",
        _ => status.ToString(),
    };

    /// <summary>Legal reasons staff pick when refusing (PDPA section 33 paragraph 2 and section 30 paragraph 2).</summary>
    public static readonly IReadOnlyList<(string Id, string Text)> RefusalReasons =
    [
        ("open-case", "ยังมีเรื่องร้องเรียนของท่านที่อยู่ระหว่างดำเนินการ เทศบาลต้องใช้ข้อมูลเพื่อดำเนินการให้แล้วเสร็จตามอำนาจหน้าที่ (มาตรา 33 วรรคสอง ประกอบมาตรา 24(4))"),
        ("legal-obligation", "กฎหมายกำหนดให้เทศบาลต้องเก็บข้อมูลนี้ไว้ (มาตรา 33 วรรคสอง ประกอบมาตรา 24(6))"),
        ("legal-claims", "ต้องใช้ข้อมูลเพื่อการก่อตั้งสิทธิเรียกร้อง การปฏิบัติตาม หรือการใช้สิทธิเรียกร้องตามกฎหมาย (มาตรา 33 วรรคสอง)"),
        ("not-found", "ไม่พบข้อมูลของท่านตามที่ขอ"),
    ];
}
