using System.Globalization;

namespace ItaBot.Complaints;

/// <summary>What the complaint flow says to citizens: short, polite, the way a municipal clerk writes in LINE.</summary>
internal static class ComplaintTexts
{
    public const string AskCategory = "แจ้งเรื่องร้องเรียนได้เลยค่ะ 📝 เรื่องที่จะแจ้งเป็นเรื่องเกี่ยวกับอะไรคะ";
    public const string AskCategoryAgain = "รบกวนเลือกประเภทเรื่องจากปุ่มด้านล่าง หรือพิมพ์สั้น ๆ เช่น \"ไฟถนนดับ\" นะคะ";
    public const string TypedAskCategory = "รับเรื่องไว้แล้วค่ะ 📝 เรื่องนี้เกี่ยวกับอะไรคะ เลือกประเภทจากปุ่มด้านล่างได้เลยค่ะ";
    public static string TypedReceived(string category) => $"รับเรื่อง{category}ไว้แล้วค่ะ 📝 ขอข้อมูลเพิ่มอีกนิดนะคะ";
    public const string AskDescription = "เล่ารายละเอียดให้ฟังหน่อยค่ะ เกิดอะไรขึ้น ตั้งแต่เมื่อไร";
    public const string AskDescriptionAgain = "รบกวนพิมพ์รายละเอียดเป็นข้อความนะคะ";

    public const string CorruptionOffer =
        "เรื่องนี้อาจเป็นการแจ้งเบาะแสการทุจริตหรือการประพฤติมิชอบของเจ้าหน้าที่ค่ะ 🔒 เทศบาลมีช่องทางแจ้งเบาะแสแยกต่างหาก " +
        "ที่ปกปิดตัวตนผู้แจ้งและเข้ารหัสข้อมูล แนะนำให้แจ้งทางช่องทางนั้นนะคะ (ระบบยังไม่ได้บันทึกข้อความที่พิมพ์มาค่ะ)";
    public const string CorruptionOfferMidForm =
        "ข้อความนี้อาจเป็นการแจ้งเบาะแสการทุจริตหรือการประพฤติมิชอบของเจ้าหน้าที่ค่ะ 🔒 ระบบยังไม่ได้บันทึกข้อความนี้ " +
        "แนะนำให้แจ้งทางช่องทางคุ้มครองผู้แจ้ง ซึ่งปกปิดตัวตนและเข้ารหัสข้อมูลนะคะ หรือกด \"" + ContinueComplaint + "\" เพื่อทำเรื่องที่ค้างไว้ต่อค่ะ";
    public const string ContinueComplaint = "ทำเรื่องร้องเรียนต่อ";
    public const string CorruptionToProtected = "แจ้งผ่านช่องทางคุ้มครองผู้แจ้ง";
    public const string CorruptionKeepGeneral = "เป็นเรื่องร้องเรียนทั่วไป";
    public const string RetypeDescription = "ได้เลยค่ะ เพื่อคุ้มครองผู้แจ้ง ระบบยังไม่ได้บันทึกข้อความก่อนหน้า รบกวนพิมพ์รายละเอียดอีกครั้งนะคะ";

    /// <summary>The photo step's way on: "ไม่มีรูป" while none was sent, then "ต่อไป"; the texts name the button they show.</summary>
    public const string NoPhoto = "ไม่มีรูป";
    public const string NextStep = "ต่อไป";

    /// <summary>The camera buttons' labels carry no icon: LINE draws the camera and the picture itself beside the label.</summary>
    public const string TakePhoto = "ถ่ายรูป";

    public const string ChoosePhoto = "เลือกรูป";
    public static string PhotoSkipLabel(int photos) => photos == 0 ? NoPhoto : NextStep;

    public static string AskPhotos(int max) => $"มีรูปถ่ายประกอบไหมคะ 📷 ส่งได้หลายรูป (ไม่เกิน {N(max)} รูป) หรือกด \"{NoPhoto}\" ได้เลยค่ะ";
    public static string PhotoReceived(int count) => $"ได้รับรูปที่ {N(count)} แล้วค่ะ ส่งเพิ่มได้ หรือกด \"{NextStep}\" ค่ะ";
    public static string PhotoLimit(int count) => $"ได้รับรูปครบ {N(count)} รูปแล้วค่ะ";
    public static readonly string PhotosOnly = PhotosOnlyOr(NoPhoto);
    public static string PhotosOnlyOr(string skip) => $"ขออภัยค่ะ ตอนนี้รับได้เฉพาะรูปภาพนะคะ ส่งรูปถ่ายแทน หรือกด \"{skip}\" ได้เลยค่ะ";
    public const string DetailKept = "เพิ่มรายละเอียดนี้ในเรื่องที่แจ้งให้แล้วค่ะ 📝";
    public static string PhotoOrNext(string skip) => skip == NoPhoto
        ? $"ส่งรูปถ่ายได้เลยค่ะ หรือกด \"{NoPhoto}\" ถ้าไม่มีรูปค่ะ"
        : $"ส่งรูปถ่ายเพิ่มได้เลยค่ะ หรือกด \"{NextStep}\" เมื่อครบแล้วค่ะ";

    public const string AskLocation = "เกิดเหตุที่ไหนคะ 📍 กดปุ่ม \"ส่งตำแหน่ง\" หรือพิมพ์ชื่อสถานที่ / จุดสังเกตได้เลยค่ะ";
    public const string AskLocationWithGps = "เกิดเหตุที่ไหนคะ 📍 รูปถ่ายมีตำแหน่งติดมาด้วย ใช้ตำแหน่งนั้นได้ หรือกด \"ส่งตำแหน่ง\" / พิมพ์ชื่อสถานที่ก็ได้ค่ะ";
    public const string AskLocationAgain = "รบกวนกด \"ส่งตำแหน่ง\" หรือพิมพ์ชื่อสถานที่ เช่น \"หน้าโรงเรียนบ้านโนนทอง ซอย 3\" นะคะ";
    public static string FarAway(double km) =>
        $"ตำแหน่งนี้อยู่ห่างจากสำนักงานเทศบาลประมาณ {Math.Round(km).ToString("N0", CultureInfo.InvariantCulture)} กม. อาจอยู่นอกเขตที่เทศบาลดูแลค่ะ ตำแหน่งถูกต้องไหมคะ";
    public const string FarAwayYes = "ถูกต้อง";
    public const string FarAwayNo = "ส่งตำแหน่งใหม่";

    public const string AskContact = "ให้เจ้าหน้าที่ติดต่อกลับเพื่อสอบถามเพิ่มเติมได้ไหมคะ (แจ้งความคืบหน้าทาง LINE นี้ทุกครั้งอยู่แล้วค่ะ)";
    public const string ContactLine = "ติดต่อทาง LINE ได้";
    public const string ContactPhone = "ฝากเบอร์โทร";
    public const string ContactNone = "ไม่ต้องติดต่อกลับ";
    public const string AskPhone = "รบกวนพิมพ์เบอร์โทรที่ติดต่อได้ค่ะ เช่น 0812345678";
    public const string AskPhoneAgain = "เบอร์โทรไม่ถูกต้องค่ะ รบกวนพิมพ์เป็นตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0 เช่น 0812345678 นะคะ";

    public const string SummaryTitle = "ตรวจสอบก่อนส่งเรื่องนะคะ";
    public const string Submit = "✅ ยืนยันส่งเรื่อง";
    public const string Edit = "✏️ แก้ไข";
    public const string Cancel = "ยกเลิก";
    public const string ConfirmAgain = "กด \"ยืนยันส่งเรื่อง\" เพื่อส่ง หรือ \"แก้ไข\" ถ้าต้องการเปลี่ยนข้อมูลค่ะ";
    public const string WhatToEdit = "ต้องการแก้ไขส่วนไหนคะ";
    public static string Filed(string number, string routed, string acknowledgeBy, string answerBy) =>
        $"รับเรื่องเรียบร้อยแล้วค่ะ 🙏 เลขที่เรื่อง {number}\n{routed}จะแจ้งรับเรื่องภายใน{acknowledgeBy} และแจ้งผลภายใน{answerBy} ค่ะ\nติดตามได้ที่ \"เรื่องของฉัน\" นะคะ";

    public const string MyCasesNone = "ยังไม่มีเรื่องร้องเรียนที่แจ้งผ่าน LINE นี้ค่ะ แจ้งเรื่องใหม่ได้ที่เมนู \"ร้องเรียนทั่วไป\" นะคะ";
    public static string MyCasesIntro(int total, int shown) => total > shown
        ? $"เรื่องที่แจ้งไว้มากกว่า {N(shown)} เรื่องค่ะ (แสดงล่าสุด {N(shown)} เรื่อง) กดดูรายละเอียดได้เลยค่ะ"
        : $"เรื่องที่แจ้งไว้ {N(total)} เรื่องค่ะ กดดูรายละเอียดได้เลยค่ะ";
    /// <summary>Who has a case now that was referred to another agency of the deployment (and the number it had here).</summary>
    public static string HeldBy(string agency, string? formerNumber) => formerNumber is null
        ? $"ดูแลโดย: {agency}"
        : $"ดูแลโดย: {agency} (ส่งต่อจากเรื่องเลขที่ {formerNumber})";

    public const string FollowUpPhotoFailed = "ขออภัยค่ะ ส่งรูปนี้ให้ผู้ดูแลเรื่องไม่สำเร็จ รบกวนส่งใหม่อีกครั้งนะคะ";
    public const string FollowUpPhotoSent = "ส่งรูปถ่ายให้เจ้าหน้าที่แล้วค่ะ 🙏";

    public const string CaseNotFound = "ไม่พบเรื่องนี้ค่ะ ดูรายการทั้งหมดได้ที่ \"เรื่องของฉัน\" นะคะ";

    public static string RateThanks(int score) => $"ขอบคุณสำหรับคะแนน {N(score)} ดาวค่ะ 🙏 มีข้อเสนอแนะถึงเจ้าหน้าที่เพิ่มเติมไหมคะ พิมพ์มาได้เลย หรือกด \"ไม่มี\" ค่ะ";
    public const string RateNoComment = "ไม่มี";
    public const string RateDone = "ขอบคุณมากค่ะ ความเห็นของท่านช่วยให้เทศบาลบริการได้ดีขึ้นค่ะ 😊";
    public const string RateAlready = "เรื่องนี้ให้คะแนนไปแล้วค่ะ ขอบคุณค่ะ 🙏";
    public const string RateNotClosed = "เรื่องนี้ยังดำเนินการอยู่ค่ะ ให้คะแนนได้เมื่อเรื่องเสร็จสิ้นนะคะ";
    public const string RateTooLate = "เรื่องนี้ปิดไปเกิน 30 วันแล้ว จึงให้คะแนนไม่ได้ค่ะ ขอบคุณที่ติดตามนะคะ 🙏";
    public const string RateButton = "ให้คะแนนความพึงพอใจ";
    public static string RateAsk(string number) => $"เรื่องเลขที่ {number} พอใจการให้บริการแค่ไหนคะ เลือกคะแนน 1–5 ได้เลยค่ะ (5 = พอใจมากที่สุด)";
    public const string RatePickCase = "ให้คะแนนเรื่องไหนคะ เลือกเลขที่เรื่องได้เลยค่ะ";
    public const string RateNothing = "ตอนนี้ยังไม่มีเรื่องที่ให้คะแนนได้ค่ะ ให้คะแนนได้เมื่อเรื่องเสร็จสิ้นแล้ว ภายใน 30 วันนะคะ";

    public const string AskFollowUp = "พิมพ์ข้อมูลเพิ่มเติม หรือส่งรูปถ่ายได้เลยค่ะ เจ้าหน้าที่ผู้รับผิดชอบจะได้รับทันทีค่ะ";
    public static string JustFiledAsk(string number, string? category) =>
        $"ข้อความนี้เป็นข้อมูลเพิ่มเติมของเรื่อง {number}{(category is null ? string.Empty : $" ({category})")} ที่เพิ่งแจ้งไปใช่ไหมคะ หรือเป็นเรื่องใหม่คะ";
    public const string JustFiledAdd = "เพิ่มในเรื่องเดิม";
    public const string JustFiledNew = "แจ้งเป็นเรื่องใหม่";
    public static string JustFiledAdded(string number) => $"เพิ่มข้อมูลในเรื่อง {number} และส่งให้เจ้าหน้าที่แล้วค่ะ 🙏";
    public const string FollowUpSent = "ส่งข้อมูลเพิ่มเติมให้เจ้าหน้าที่แล้วค่ะ 🙏";
    public const string FollowUpClosed = "เรื่องนี้ปิดไปแล้วค่ะ หากมีปัญหาใหม่ แจ้งเรื่องใหม่ได้ที่เมนู \"ร้องเรียนทั่วไป\" นะคะ";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    public const string NotAvailableInGroups = "การแจ้งเรื่องร้องเรียนทำได้ในแชทส่วนตัวกับ LINE ของเทศบาลค่ะ";
}
