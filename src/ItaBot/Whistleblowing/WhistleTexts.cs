using System.Globalization;

namespace ItaBot.Whistleblowing;

/// <summary>What the protected channel says to a reporter in LINE (Thai, short, polite).</summary>
internal static class WhistleTexts
{
    public const string Intro =
        "ช่องทางแจ้งเบาะแสการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ แยกจากเรื่องร้องเรียนทั่วไปค่ะ\n" +
        "🔒 การคุ้มครองผู้แจ้ง: เรื่องที่แจ้งถูกเข้ารหัส มีเพียงเจ้าหน้าที่ศูนย์ต่อต้านการทุจริตที่เปิดอ่านได้ " +
        "ไม่ต้องบอกชื่อก็แจ้งได้ ระบบไม่เก็บบัญชี LINE ของคุณไว้กับเรื่อง และลบข้อความในแชตนี้ออกจากระบบหลังส่ง\n" +
        "📝 เบาะแสที่ดีควรมี: ใคร (ชื่อหรือตำแหน่งเจ้าหน้าที่ หน่วยงาน) ทำอะไร เมื่อไร ที่ไหน และหลักฐาน (ถ้ามี)\n" +
        "⏱ เทศบาลจะรับเรื่องภายใน 1 วันทำการ และแจ้งผลภายใน 15 วันทำการ ติดตามได้ด้วยรหัสติดตามที่ได้รับหลังส่งค่ะ";

    public const string Consent = "ยินยอมและเริ่มแจ้ง";
    public const string ConsentAgain = "กด \"ยินยอมและเริ่มแจ้ง\" เพื่อเริ่ม หรือ \"ยกเลิก\" ได้เลยค่ะ";
    public const string Cancel = "ยกเลิก";
    public const string TypedReportHeld =
        "ข้อความนี้อาจเป็นการแจ้งเบาะแสการทุจริตหรือการประพฤติมิชอบค่ะ 🔒 ระบบไม่ได้บันทึกข้อความนี้ไว้ในแชททั่วไป " +
        "หากแจ้งต่อในช่องทางคุ้มครองผู้แจ้ง ข้อความที่พิมพ์มาจะเป็นรายละเอียดเหตุการณ์ของเบาะแสค่ะ";

    public const string AskOfficials = "เจ้าหน้าที่ที่เกี่ยวข้องคือใครคะ (ชื่อ หรือตำแหน่ง ถ้าไม่ทราบพิมพ์ \"ไม่ทราบ\")";
    public const string AskUnit = "เจ้าหน้าที่คนนี้อยู่หน่วยงานหรือกองไหนคะ (ถ้าไม่ทราบพิมพ์ \"ไม่ทราบ\")";
    public const string AskWhat = "เล่าเหตุการณ์ที่พบได้เลยค่ะ เกิดอะไรขึ้น";
    public const string AskWhatAgain = "ขอรายละเอียดเป็นข้อความสั้น ๆ ว่าเกิดอะไรขึ้นค่ะ";
    public const string AskWhen = "เกิดขึ้นเมื่อไรคะ (วันที่ หรือช่วงเวลาโดยประมาณ)";
    public const string AskWhere = "เกิดขึ้นที่ไหนคะ";
    public const string AskTextAgain = "ขอเป็นข้อความค่ะ หรือพิมพ์ \"ไม่ทราบ\" ได้ค่ะ";
    public const string AskEvidence = "มีหลักฐานไหมคะ ส่งรูปถ่าย หรือไฟล์ PDF/Word/Excel ได้หลายชิ้น ครบแล้วกด \"ต่อไป\" ค่ะ\n(ระบบลบข้อมูลตำแหน่งและรุ่นกล้องออกจากสำเนารูปที่เจ้าหน้าที่เปิดดู)";
    public const string EvidenceOnlyPhotos = "ส่งหลักฐานเป็นรูปถ่ายหรือไฟล์ได้ค่ะ หรือกด \"ต่อไป\" ได้เลยค่ะ";
    public const string Next = "ต่อไป";

    /// <summary>No icon in the camera buttons' labels: LINE draws the camera and the picture itself.</summary>
    public const string TakePhoto = "ถ่ายรูป";

    public const string ChoosePhoto = "เลือกรูป";

    public static string EvidenceReceived(int count) => string.Create(CultureInfo.InvariantCulture, $"ได้รับหลักฐานแล้ว {count} ชิ้นค่ะ ส่งเพิ่มได้ หรือกด \"ต่อไป\" ค่ะ");

    public const string TooManyPhotos = "รับหลักฐานได้สูงสุดครั้งละ 5 ชิ้นค่ะ กด \"ต่อไป\" ได้เลยค่ะ";

    public static string FileTooLarge(int maxBytes) => string.Create(CultureInfo.InvariantCulture,
        $"ไฟล์ใหญ่เกินไปค่ะ รับได้ไม่เกิน {Math.Max(1, maxBytes / (1024 * 1024))} MB ต่อไฟล์");

    public const string FileRefused = "ขออภัยค่ะ รับไฟล์นี้ไม่ได้ รับเฉพาะรูปถ่าย (JPEG, PNG, WebP) และเอกสาร PDF, Word, Excel, PowerPoint หรือ OpenDocument ค่ะ";

    public static string FormTooLarge(int maxFiles, int maxBytes) => string.Create(CultureInfo.InvariantCulture,
        $"ไฟล์แนบใหญ่หรือมากเกินไปค่ะ แนบได้ไม่เกิน {maxFiles} ไฟล์ ไฟล์ละไม่เกิน {maxBytes / (1024 * 1024)} MB ข้อความที่กรอกไว้ยังอยู่ กรุณาเลือกไฟล์ใหม่แล้วส่งอีกครั้งค่ะ");

    public const string FormUnreadable = "ระบบอ่านแบบฟอร์มที่ส่งมาไม่ได้ค่ะ กรุณากรอกแบบฟอร์มด้านล่างแล้วส่งอีกครั้งค่ะ";

    public const string Busy = "ขณะนี้มีผู้ใช้ช่องทางแจ้งเบาะแสพร้อมกันจำนวนมาก กรุณาลองใหม่ในอีกสักครู่ค่ะ";

    /// <summary>Pushed to a reporter who opted in when an officer changes the status or writes: a fixed sentence, nothing of the report.</summary>
    public const string StatusNotice = "มีความคืบหน้าเรื่องที่ท่านแจ้งไว้ค่ะ ตรวจสอบได้ด้วยรหัสติดตามของท่าน โดยพิมพ์ \"ติดตามเบาะแส\" ค่ะ";

    /// <summary>How the evidence of a draft is described in its summary and in the report's evidence field.</summary>
    public static string DescribeEvidence(int photos, int documents) => (photos, documents) switch
    {
        (0, 0) => "ไม่มี",
        (_, 0) => string.Create(CultureInfo.InvariantCulture, $"รูปถ่าย {photos} รูป"),
        (0, _) => string.Create(CultureInfo.InvariantCulture, $"ไฟล์เอกสาร {documents} ไฟล์"),
        _ => string.Create(CultureInfo.InvariantCulture, $"รูปถ่าย {photos} รูป, ไฟล์เอกสาร {documents} ไฟล์"),
    };

    public const string AskIdentity = "ต้องการปกปิดชื่อหรือให้ข้อมูลติดต่อคะ\nถ้าให้ชื่อไว้ ข้อมูลนี้ถูกเข้ารหัสแยก และจะเปิดได้เมื่อเจ้าหน้าที่สองคนอนุมัติพร้อมเหตุผลเท่านั้นค่ะ";
    public const string Anonymous = "ไม่ระบุตัวตน";
    public const string GiveContact = "ให้ชื่อและเบอร์ติดต่อ";
    public const string AskName = "ขอชื่อที่ให้เจ้าหน้าที่ติดต่อได้ค่ะ";
    public const string AskPhone = "ขอเบอร์โทรติดต่อค่ะ (พิมพ์ \"ไม่ให้\" ถ้าไม่ต้องการ)";

    public const string AskNotify = "ต้องการให้แจ้งเมื่อสถานะเปลี่ยนทาง LINE นี้ไหมคะ (ระบบเก็บบัญชี LINE แบบปิดผนึก ใช้ส่งแจ้งเตือนเท่านั้น)";
    public const string NotifyYes = "แจ้งทาง LINE";
    public const string NotifyNo = "ไม่ต้องแจ้ง";

    public const string SummaryTitle = "ตรวจสอบเบาะแสก่อนส่งนะคะ";
    public const string Submit = "ส่งเบาะแส";
    public const string Edit = "แก้ไข";
    public const string ConfirmAgain = "กด \"ส่งเบาะแส\" เพื่อส่ง \"แก้ไข\" เพื่อเปลี่ยน หรือ \"ยกเลิก\" ค่ะ";
    public const string WhatToEdit = "ต้องการแก้ไขข้อไหนคะ";

    public static string Submitted(string number, string receipt) =>
        $"ส่งเบาะแสเรียบร้อยแล้วค่ะ เลขที่เรื่อง {number}\n\n" +
        $"🔑 รหัสติดตามของคุณ:\n{receipt}\n\n" +
        "รหัสนี้แสดงครั้งเดียวเท่านั้น ระบบไม่เก็บรหัสไว้ กรุณาจดหรือบันทึกเก็บไว้ในที่ปลอดภัยค่ะ " +
        "ใช้ติดตามสถานะ ตอบคำถามเจ้าหน้าที่ และส่งหลักฐานเพิ่ม โดยพิมพ์ \"ติดตามเบาะแส\" จาก LINE บัญชีใดก็ได้ หรือที่หน้าเว็บแจ้งเบาะแสของเทศบาลค่ะ";

    public const string SubmitFailed = "ขออภัยค่ะ ระบบรับเบาะแสขัดข้องชั่วคราว เรื่องของคุณยังไม่ถูกส่ง กรุณากด \"ส่งเบาะแส\" อีกครั้งในภายหลังค่ะ";

    public const string AskReceipt = "พิมพ์รหัสติดตาม 20 หลักที่ได้รับตอนส่งเบาะแสได้เลยค่ะ";
    public const string ReceiptWrong = "รหัสติดตามไม่ถูกต้องค่ะ กรุณาตรวจแล้วพิมพ์ใหม่อีกครั้งค่ะ";
    public const string ReceiptGiveUp = "ยังตรวจรหัสไม่สำเร็จค่ะ ลองใหม่ภายหลังได้โดยพิมพ์ \"ติดตามเบาะแส\" ค่ะ";

    public static string ReceiptLimited(TimeSpan retryAfter) => string.Create(CultureInfo.InvariantCulture,
        $"ตรวจรหัสไม่สำเร็จหลายครั้ง กรุณาลองใหม่ในอีก {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} นาทีค่ะ");

    public const string AccessExpired = "หมดเวลาการเข้าดูแล้วค่ะ พิมพ์รหัสติดตามอีกครั้งได้เลยค่ะ";

    public const string FollowMenu = "ต้องการทำอะไรต่อคะ";
    public const string ShowStatus = "ดูสถานะ";
    public const string ReplyToStaff = "ตอบ/เพิ่มข้อมูล";
    public const string AddEvidence = "ส่งหลักฐานเพิ่ม";
    public const string NotifyOn = "รับแจ้งสถานะทาง LINE";
    public const string NotifyOff = "หยุดแจ้งทาง LINE";
    public const string Done = "เสร็จแล้ว";

    public const string AskReply = "พิมพ์ข้อความถึงเจ้าหน้าที่ได้เลยค่ะ";
    public const string ReplySent = "ส่งข้อความถึงเจ้าหน้าที่แล้วค่ะ";
    public const string AskMoreEvidence = "ส่งรูปหรือไฟล์หลักฐานได้เลยค่ะ ครบแล้วกด \"ต่อไป\" ค่ะ";
    public const string EvidenceAdded = "เพิ่มหลักฐานแล้วค่ะ ส่งเพิ่มได้ หรือกด \"ต่อไป\" ค่ะ";
    public const string NotifyOnDone = "เปิดการแจ้งสถานะทาง LINE นี้แล้วค่ะ";
    public const string NotifyOffDone = "หยุดการแจ้งสถานะทาง LINE แล้วค่ะ";
    public const string FollowDone = "ขอบคุณค่ะ ติดตามได้อีกเมื่อพิมพ์ \"ติดตามเบาะแส\" ค่ะ";
    public const string PhotoFailed = "ขออภัยค่ะ รับรูปนี้ไม่ได้ ลองส่งใหม่อีกครั้งค่ะ";
}
