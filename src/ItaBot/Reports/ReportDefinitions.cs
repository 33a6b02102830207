using ItaBot.Cases;
using ItaBot.Vault;

namespace ItaBot.Reports;

/// <summary>
/// The one definition of each figure the documents print, in the words every document uses (as its footnote) and that
/// Reports/README.md states. "ดำเนินการแล้วเสร็จ" is every closed record (completed, referred, not accepted); the status
/// "completed" is printed as "แก้ไขเสร็จสิ้น" so that it is never read as the same figure.
/// </summary>
internal static class ReportDefinitions
{
    public const string Done = "ดำเนินการแล้วเสร็จ";
    public const string InProgress = "อยู่ระหว่างดำเนินการ";
    public const string Resolved = "แก้ไขเสร็จสิ้น";

    public const string Complaints =
        "“ดำเนินการแล้วเสร็จ” หมายถึง เรื่องที่ปิดแล้ว ณ วันที่ของข้อมูล ได้แก่ แก้ไขเสร็จสิ้น ส่งต่อหน่วยงานอื่น และไม่รับเรื่อง (แจ้งเหตุผลแก่ผู้ร้องแล้ว) " +
        "“อยู่ระหว่างดำเนินการ” หมายถึง เรื่องที่ยังไม่ปิด ได้แก่ รับเรื่อง มอบหมายแล้ว และกำลังดำเนินการ " +
        "“แจ้งผลภายในกำหนด” นับวันทำการตามที่ประกาศไว้ของแต่ละประเภทเรื่อง ความพึงพอใจเฉลี่ยคิดจากผู้ร้องที่ประเมินเรื่องที่แก้ไขเสร็จสิ้น (1–5 คะแนน)";

    public const string Corruption =
        "“ดำเนินการแล้วเสร็จ” หมายถึง เรื่องที่ปิดแล้ว ณ วันที่ของข้อมูล ได้แก่ แก้ไขเสร็จสิ้น ส่งต่อหน่วยงานอื่น และไม่รับเรื่อง " +
        "“อยู่ระหว่างดำเนินการ” หมายถึง เรื่องที่ยังไม่ปิด ได้แก่ รับเรื่อง มอบหมายแล้ว และกำลังดำเนินการ " +
        "นับจากสถิติของช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ โดยไม่เปิดเผยข้อมูลของผู้ร้องเรียนและเนื้อหาของเรื่อง";

    public const string Services =
        "“E-Service” หมายถึง คำขอ คำถาม และเรื่องร้องเรียนที่ยื่นผ่าน LINE Official Account หรือแบบฟอร์มบนเว็บไซต์ของหน่วยงาน นับครั้งละหนึ่งเรื่อง " +
        "“Walk-in” หมายถึง ผู้รับบริการที่มาติดต่อ ณ สำนักงานตามทะเบียนที่เจ้าหน้าที่บันทึก รวมเรื่องร้องเรียนที่ยื่นด้วยตนเอง " +
        "เรื่องร้องเรียนนับในงานบริการที่เรื่องนั้นเกี่ยวข้อง เช่น ไฟถนนดับนับในงานแจ้งซ่อมไฟฟ้าสาธารณะ เรื่องร้องเรียนทางโทรศัพท์และหนังสือไม่นับในสองช่องทางนี้";

    /// <summary>A general-complaint status as the documents print it.</summary>
    public static string StatusLabel(CaseStatus status) => status == CaseStatus.Completed ? Resolved : status.Thai();

    /// <summary>A protected report's status as the documents print it.</summary>
    public static string StatusLabel(ReportStatus status) => status == ReportStatus.Completed ? Resolved : status.Thai();
}
