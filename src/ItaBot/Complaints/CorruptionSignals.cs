using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ItaBot.Complaints;

/// <summary>
/// Tells whether a general complaint reads like a report of corruption or misconduct by officials, so that the bot
/// can offer the protected channel before anything is stored. It errs on the side of offering: a citizen who meant a
/// general complaint taps once more; a whistleblower whose report lands in the general channel may be exposed.
/// </summary>
internal static partial class CorruptionSignals
{
    /// <summary>Words that are enough on their own (bribes, kickbacks, embezzlement, bid rigging).</summary>
    private static readonly string[] Strong = Normalised(
    [
        "ทุจริต", "คอรัปชั่น", "คอรัปชัน", "คอร์รัปชัน", "คอร์รัปชั่น", "corruption", "สินบน", "ใต้โต๊ะ", "เงินทอน", "ค่าน้ำร้อนน้ำชา",
        "เรียกรับเงิน", "เรียกรับผลประโยชน์", "เรียกเงิน", "รีดไถ", "ยักยอก", "เบียดบัง", "ฮั้ว", "ล็อคสเปค", "ล็อกสเปก", "ล็อคสเป็ค",
        "ประพฤติมิชอบ", "เอื้อประโยชน์", "ผลประโยชน์ทับซ้อน", "โกงเงิน", "โกงงบ", "กินหัวคิว", "หักหัวคิว", "เงินหัวคิว", "ติดสินบน",
        "จ่ายใต้โต๊ะ", "ขอส่วนแบ่ง", "ใช้อำนาจโดยมิชอบ", "ละเว้นการปฏิบัติหน้าที่", "เลือกปฏิบัติ",
        "เบาะแส", "ใส่ซอง", "เงินพิเศษ", "ค่าดำเนินการพิเศษ", "ปลอมลายเซ็น", "ปลอมลายมือชื่อ", "ปลอมเอกสาร", "รถหลวง", "ของหลวง", "กินเงิน",
        "หัวคิว", "ข่มขู่", "เซ็นรับเงิน", "รับเงินจาก", "ซื้อเสียง", "เอกสารเท็จ", "แก้ตัวเลข", "เบิกเกิน", "เบิกซ้ำ", "ลงเวลาแทน", "ถ้าไม่จ่าย",
        "ถ้าไม่ให้เงิน", "รับของขวัญจาก", "รับเงินแทน",
        // Session 15 (set 9): rigged hiring named in its own words.
        "เด็กฝาก", "เด็กเส้น", "ฝากเข้าทำงาน", "ล็อกตัว", "ล็อคตัว", "ข้อสอบรั่ว", "โกงสอบ",
        // Session 17 (set 11): protection money.
        "ส่วย", "ค่าคุ้มครอง",
        // Session 18 (set 12): the municipality's fuel and property named as the state's.
        "น้ำมันหลวง", "ทรัพย์สินหลวง", "ทรัพย์สินราชการ",
    ]);

    /// <summary>How frightened people begin: together with any weak signal, enough.</summary>
    private static readonly string[] Fear = Normalised(
    [
        "ไม่อยากให้ใครรู้", "อย่าบอกใคร", "ไม่กล้าบอกชื่อ", "ไม่บอกชื่อ", "ไม่เปิดเผยชื่อ", "ไม่ประสงค์ออกนาม", "กลัวโดน", "กลัวเขารู้", "กลัวถูก",
        "ย่านเขาฮู้", "กลัวมาก", "ปิดบังตัวตน", "แจ้งลับ", "ไม่ระบุตัวตน", "ไม่อยากบอกชื่อ", "บ่กล้าบอก", "ไม่กล้าบอก", "กลัวถูกแกล้ง", "กลัวโดนแกล้ง",
    ]);

    /// <summary>Words that count only together with another signal: an official and money, procurement and cheating…</summary>
    private static readonly string[] Weak = Normalised(
    [
        "เจ้าหน้าที่", "จนท", "นายก", "รองนายก", "ปลัด", "ผอ", "หัวหน้า", "ข้าราชการ", "พนักงานเทศบาล", "สมาชิกสภา", "ส.ท", "สท.",
        "จัดซื้อ", "จัดจ้าง", "ประมูล", "ผู้รับเหมา", "งบประมาณ", "งบ", "เงิน", "บาท", "โกง", "ไม่โปร่งใส", "เส้นสาย", "พวกพ้อง", "ญาติ",
        "ไม่ตรงสเปค", "ไม่ตรงแบบ", "เบิก", "เรียก", "จ่าย", "ซอง",
        "ใบเสร็จ", "ไม่มีใครมาทำ", "ไม่ได้ทำจริง", "บริษัท", "ตัวเอง", "ได้งาน", "รับเหมา", "ของบริจาค", "ของแจก", "ถุงยังชีพ", "หายไป", "ไม่ถึงมือ",
        "ผู้ใหญ่บ้าน", "กำนัน", "คนใน", "คนคุมงาน", "นายช่าง", "ส่วนตัว", "วัสดุ", "ลูกจ้าง", "ไม่เคยมาทำงาน", "ตรวจรับ", "ยังไม่เสร็จ", "เก็บเงิน",
        "ไม่ส่ง", "ขู่", "ไม่ได้สอบ", "เอาชื่อ", "เซ็น", "เปอร์เซ็นต์", "แบ่งกัน", "หักไว้", "หักเงิน", "ส่วนต่าง", "เกินจริง", "ราคากลาง",
        "ถึงจะ", "เงินสด", "คนในเทศบาล", "ไม่ได้ตามแบบ", "บางมาก", "บางกว่า", "ลดสเปค", "ไม่ได้มาตรฐาน", "ใช้เอง", "ไปใช้", "ไปขาย", "ขนของ",
        "ของเทศบาล", "คนงานเทศบาล", "ไปทำงานที่บ้าน", "เพื่อนนายก", "แจกเงิน", "โดนหัก", "ถูกหัก", "หักไป", "ค่าล่วงเวลา", "ตายไปแล้ว", "ใบเสนอราคา",
        "กองทุน", "พนักงาน", "ไม่ให้ใบเสร็จ", "ไม่ออกใบเสร็จ", "ไม่มีใบเสร็จ", "ลดเหล็ก", "ลดปูน", "โกดัง", "ไปบ้าน", "ค่าอาหาร",
        // Session 13: Isan "จั่งสิ" (= ถึงจะ), work "not even half" done ("ค่าน้ำมัน" was tried: it made "…ต้องจ่ายค่าน้ำมันไหม" a report).
        "จั่งสิ", "ไม่ถึงครึ่ง",
    ]);

    /// <summary>Officials, and money or a favour asked of or taken by them: the two together are enough unless it is a how-to question.</summary>
    private static readonly string[] Officials = Normalised(
    [
        "เจ้าหน้าที่", "จนท", "นายก", "ปลัด", "ผอ", "หัวหน้า", "ข้าราชการ", "พนักงาน", "สมาชิกสภา", "ส.ท", "สท.", "ผู้ใหญ่บ้าน", "กำนัน", "นายช่าง", "คนคุมงาน",
        "คนใน", "ผู้บริหาร",
        // Session 19 (set 13): the municipality's own workers named by their work.
        "คนงานเทศบาล", "คนขับรถขยะ", "คนขับรถเทศบาล", "ช่างเทศบาล", "ช่างไฟเทศบาล", "ช่างของเทศบาล", "ช่างประปาเทศบาล",
    ]);

    private static readonly string[] Taking = Normalised(
    [
        "รับเงิน", "เอาเงิน", "ขอเงิน", "เรียกค่า", "ขอค่า", "ให้จ่าย", "ต้องจ่าย", "จ่ายให้", "ให้เงิน", "ไม่งั้น", "ค่าเดินเรื่อง", "ค่าเซ็น",
        "เงินโครงการ", "เงินหลวง",
        // Session 17 (set 11): officials eating or taking for free at a business they were to act on.
        "กินฟรี", "ได้ของฟรี", "เอาของฟรี", "รับของฟรี",
    ]);

    /// <summary>
    /// Session 14 (set 8): "ถ้าอยากได้เร็วต้องมีค่าน้ำชา", "หากต้องการให้อนุมัติ ต้องจัดงบเลี้ยง…": a condition for speed or approval that
    /// someone told the writer ("…บอกว่า", "…แจ้งว่า"), over the text without tone marks (people type without them).
    /// </summary>
    [GeneratedRegex(@"(?:บอก|แจง|เขา|เปิน|เพิน)วา(?:ถา|หาก)\S{0,24}?(?:เรว|เร็ว|ไว|ดวน|อนุมัติ|ผาน)\S{0,12}?(?:ตอง|ให|จึงจะ|ถึงจะ)")]
    private static partial Regex ToldCondition();

    /// <summary>
    /// Session 16 (set 10): money asked as the condition of a service, in any order — "ถ้าอยากให้มาซ่อมก่อนต้องมีค่าน้ำมันให้
    /// ลูกน้อง 500", "จะมาเก็บให้ก็ต่อเมื่อจ่ายค่ารถ" — a service wanted (ถ้าอยากให้…/ถ้าจะให้…) and money that must be paid to the
    /// people who do it (not a fee, a fine or a tax), without tone marks.
    /// </summary>
    [GeneratedRegex(@"(?:ถาอยากให|ถาจะให|หากอยากให|หากตองการให|ถาตองการให|อยากไดเร็ว|อยากไดไว)\S{0,30}?(?:ตอง|ก็ตอ|ตอเมือ|ถึงจะ|จึงจะ)(?:มี|จาย|ให|เอา|ควัก)\S{0,6}?(?!คาธรรมเนียม|คาปรับ|คาภาษี|คามัดจำ|คาประกัน|คาติดตัง|คามิเตอร|คาบริการตาม|คาขยะ|คาเก็บขยะ|คานำ(?!มัน|ชา|รอน))(?:คา|เงิน|ตัง)")]
    private static partial Regex ServiceForMoney();

    /// <summary>Tea money ("ค่าน้ำชา", not the villagers' water bill "ค่าน้ำชาวบ้าน"), without tone marks.</summary>
    [GeneratedRegex(@"คานำชา(?!ว)")]
    private static partial Regex TeaMoney();

    /// <summary>
    /// An official's kin named ("ลูกปลัด", "หลานประธานสภา"): one weak signal more than the official alone (nepotism). Session 17:
    /// "ภรยา" too — the text keeps a doubled letter once, so "ภรรยาปลัด" never matched.
    /// </summary>
    [GeneratedRegex(@"(?:ลูก|หลาน|ญาติ|เมีย|ภรรยา|ภรยา|สามี|ผัว|แฟน|เขย|สะใภ)(?:ปลัด|นายก|รองนายก|ประธาน|ผอ|หัวหนา|กำนัน|ผูใหญ|สท|สมาชิกสภา)")]
    private static partial Regex OfficialsKin();

    /// <summary>
    /// Session 15 (set 9): an official's kin ("หลานของเจ้าหน้าที่", "ลูกของกรรมการ"), without tone marks; with a hiring or
    /// selection word it is nepotism (<see cref="HiringWords"/>), alone one weak signal.
    /// </summary>
    [GeneratedRegex(@"(?:ลูก|หลาน|ญาติ|เมีย|ภรรยา|ภรยา|สามี|ผัว|แฟน|เขย|สะใภ|หุนสวน|คนสนิท|เพือน)(?:ชาย|สาว)?(?:ของ|คนหนึ่งของ)?(?:เจาหนาที|จนท|ปลัด|นายก|รองนายก|ประธาน|ผอ|หัวหนา|กำนัน|ผูใหญ|สท|สมาชิกสภา|กรรมการ|ผูบริหาร|คนใน)")]
    private static partial Regex OfficialsKinOf();

    /// <summary>Hiring, exams and selection: with an official's kin, or with someone chosen who sat no exam, nepotism.</summary>
    private static readonly string[] HiringWords = Normalised(
    [
        "รับสมัคร", "คัดเลือก", "ได้รับเลือก", "สอบ", "สัมภาษณ์", "บรรจุ", "ได้งาน", "ได้ตำแหน่ง", "เข้าทำงาน", "รับเข้า", "จ้างเป็น", "ได้เป็นลูกจ้าง",
    ]);

    /// <summary>
    /// Session 17 (set 11): a permit, an approval or enforcement — with an official's kin or partner it is abuse of office
    /// ("ถมทางน้ำสาธารณะ…บอกว่าได้รับอนุญาตแล้ว…เจ้าของเป็นภรรยาปลัด", "ผู้ขออนุญาตเป็นหุ้นส่วนของ สท.").
    /// </summary>
    private static readonly string[] PermitWords = Normalised(
    [
        "อนุญาต", "อนุมัติ", "ไม่จับ", "ไม่ปรับ", "ไม่โดนปรับ", "ไม่เคยโดน", "ละเว้น", "เรื่องเงียบ", "ปล่อยไว้", "ไม่ดำเนินการ", "ได้สัญญา",
    ]);

    /// <summary>Session 17 (set 11): a permit issued against the rules ("ออกใบอนุญาตก่อสร้าง…ทั้งที่ผังเมืองห้าม").</summary>
    private static readonly string[] PermitIssuedWords = Normalised(["ออกใบอนุญาต", "อนุมัติใบอนุญาต", "ให้ใบอนุญาต", "ออกใบอนุญาติ"]);

    private static readonly string[] AgainstRulesWords = Normalised(["ทั้งที่", "ทั้งๆที่", "ผิดกฎ", "ผิดระเบียบ", "ผิดผังเมือง", "ผังเมืองห้าม", "ไม่ผ่านเกณฑ์", "ขัดกับ"]);

    /// <summary>Chosen without the exam the others sat, or with a lower score.</summary>
    private static readonly string[] NoExamWords = Normalised(
    [
        "ไม่ได้มาสอบ", "ไม่ได้สอบ", "ไม่ได้มาสัมภาษณ์", "ไม่ได้สัมภาษณ์", "ไม่มาสอบ", "ไม่ได้สมัคร", "คะแนนน้อยกว่า", "คะแนนต่ำกว่า", "สอบตกแต่",
    ]);

    /// <summary>
    /// Session 15 (set 9): money asked first as the condition of a service ("ต้องมีค่าน้ำมันรถให้ก่อน 500 ถึงจะมาลอกให้",
    /// "ขอค่าเดินทาง 300 ก่อนถึงจะมา"), without tone marks; told by an official, never a how-to question.
    /// </summary>
    [GeneratedRegex(@"(?:ตอง|ขอ|เอา|ให)(?:มี|จาย|ให|เอา)?(?:คา|เงิน|ตัง)\S{0,30}?(?:กอน|ถึงจะ|จึงจะ|จังสิ|ถึงสิ)|\d{2,}(?:บาท)?(?:กอน)?(?:ถึงจะ|จึงจะ|จังสิ)")]
    private static partial Regex PaymentFirst();

    /// <summary>
    /// Session 15 (set 9): spending on record that did not happen ("ในบัญชีเทศบาลเปลี่ยนหลอดไปแล้ว 20 หลอด แต่ไม่มีหลอดไหนติด",
    /// "ป้ายโครงการบอกว่าเสร็จแล้ว แต่ยังไม่ได้ทำ"), and the other way round ("ไม่ได้ทำ … แต่เบิกไปแล้ว"), without tone marks.
    /// </summary>
    [GeneratedRegex(@"(?:บัญชี|เอกสาร(?!ไมครบ)|รายงาน|ปายโครงการ|ใบเบิก|เบิก|ลงวา|ใบเสร็จ|ในระบบ|ในสัญญา|มีงบ|ไดงบ|อนุมัติงบ|จางเสร็จ)\S{0,50}?แต(?!ก)\S{0,24}?(?:ไมมี|ไมเห็น|ไมได|ไมเคย|ยังไม|บมี|บเห็น|ไมติด|ไมครบ|ไมถึง|ไมตรง|ไมเปน|(?:รถ|คน|เขา)?(?:มา|ทำ)(?:วันเดียว|ครังเดียว|แค))|(?:ไมไดทำ|ไมมีการ|ไมเคยมา|ไมมีใครมา|ทำไมครบ|ทำไมเสร็จ)\S{0,40}?แต(?!ก)\S{0,6}?(?:เบิก|ลงบัญชี|ในบัญชี|จาย|รายงาน)|(?:ไมครบ|ไมถึง|มาวันเดียว|ทำวันเดียว|ไมไดทำ|ยังไมไดทำ|ไมเคยได|แค)\S{0,40}?แต(?!ก)\S{0,6}?(?:ในเอกสาร|เอกสาร|ในบัญชี|บัญชี|ในรายงาน|รายงาน|ใบเบิก|ปาย)(?:เขียน|บอก|ระบุ|ลง|ยัง|มี)|ปาย\S{0,4}?(?:เขียน|บอก)\S{0,30}?\d+\S{0,4}?(?:วัน|เดือน|เทียว|ครัง|คัน)\S{0,20}?แต(?!ก)\S{0,6}?(?:มา|ทำ)(?:วันเดียว|ครังเดียว|แค)")]
    private static partial Regex RecordNotReal();

    /// <summary>
    /// Session 19 (set 13): a price on record far above what the thing costs ("ตู้น้ำดื่มของเทศบาล ตู้นึงเป็นแสน … ทุนจริงไม่ถึง
    /// สามหมื่น"), without tone marks; with the municipality named, a padded purchase.
    /// </summary>
    [GeneratedRegex(@"(?:ทุนจริง|ราคาจริง|ของจริง|ซือจริง|ราคาตลาด)\S{0,8}?(?:ไมถึง|ไมเกิน|แค|ถูกกวา)")]
    private static partial Regex Overpriced();

    /// <summary>
    /// Session 19 (set 13): a dead person's allowance still drawn ("เสียชีวิตไปตั้งแต่ปีที่แล้ว แต่ยังมีชื่อรับเบี้ย…ลูกสะใภ้ที่ทำงาน
    /// เทศบาลเป็นคนเบิก"), without tone marks; with an official or the drawing named, fraud.
    /// </summary>
    [GeneratedRegex(@"(?:เสียชีวิต|ตายไป|ตายแลว|เสียไปแลว)\S{0,30}?แต\S{0,10}?ยัง(?:มีชือ|รับ|ได|เบิก|มีคนเบิก|มีคนรับ)")]
    private static partial Regex DeadStillPaid();

    /// <summary>
    /// Session 19 (set 13): the municipality's fuel, drain covers or trees taken and sold ("เอาน้ำมันรถเทศบาลมาดูดขาย", "ฝาท่อ…เอาไป
    /// ชั่งกิโลขายร้านของเก่า", "เอาไม้ไปขายโรงเลื่อย"): with the municipality or its people named, theft of public property.
    /// </summary>
    private static readonly string[] SoldOffWords = Normalised(
    [
        "ชั่งกิโลขาย", "ขายร้านของเก่า", "ขายให้ร้านของเก่า", "ขายเป็นเศษเหล็ก", "ขายเศษเหล็ก", "ดูดขาย", "ดูดน้ำมัน", "ไม้ไปขาย", "ขายโรงเลื่อย",
        "แอบเอาไปขาย", "แอบขนไปขาย",
    ]);

    /// <summary>Session 19 (set 13): an animal under a table is not money under it ("หมาจรมานอนใต้โต๊ะหน้าร้าน").</summary>
    private static readonly string[] UnderTheTableLiterally = Normalised(["นอนใต้โต๊ะ", "อยู่ใต้โต๊ะ", "มุดใต้โต๊ะ", "ซ่อนใต้โต๊ะ", "หล่นใต้โต๊ะ", "ตกใต้โต๊ะ"]);

    /// <summary>Session 16 (set 10): the municipality's things — its tents, chairs, vehicles, machines — named as its own.</summary>
    private static readonly string[] MunicipalAssets = Normalised(
    [
        "ของเทศบาล", "ของหลวง", "เทศบาลมีไว้", "เต็นท์เทศบาล", "เตนท์เทศบาล", "เก้าอี้เทศบาล", "รถเทศบาล", "รถหลวง", "เครื่องเสียงเทศบาล",
        // Session 18 (set 12): the state's things in other words.
        "ของราชการ", "รถราชการ", "ของทางราชการ",
    ]);

    /// <summary>Session 16 (set 10): rented out, sold or charged for — private gain from what belongs to everyone.</summary>
    private static readonly string[] GainWords = Normalised(
    [
        "ให้เช่า", "ปล่อยเช่า", "ไปเช่า", "เก็บค่าเช่า", "คิดค่าเช่า", "ชุดละ", "วันละ", "ครั้งละ", "คิดเงิน", "เก็บเงิน", "ไปขาย", "ขายต่อ", "เข้ากระเป๋า",
        // Session 18 (set 12): taken home or put to private use ("ขนคอมพิวเตอร์ของเทศบาลกลับบ้าน", a rescue boat taken fishing for sale).
        "กลับบ้าน", "ไปใช้", "ใช้เอง", "ใช้ส่วนตัว", "งานส่วนตัว", "รับจ้าง", "หากิน", "หาปลาขาย", "ไปหาปลา",
    ]);

    /// <summary>Session 18 (set 12): revenge named ("เขาเอาคืน", "กลั่นแกล้ง"): with an official, misconduct against the reporter.</summary>
    private static readonly string[] RevengeWords = Normalised(["เอาคืน", "แก้แค้น", "กลั่นแกล้ง", "หมายหัว", "เล่นงาน", "แก้เผ็ด", "รังควาน"]);

    /// <summary>Session 18 (set 12): after or because the writer reported or complained.</summary>
    private static readonly string[] AfterReportWords = Normalised(
    [
        "หลังแจ้ง", "หลังจากแจ้ง", "หลังจากที่แจ้ง", "หลังผมแจ้ง", "หลังฉันแจ้ง", "หลังหนูแจ้ง", "หลังร้องเรียน", "หลังจากร้องเรียน", "หลังจากที่ร้องเรียน",
        "หลังผมร้องเรียน", "หลังฉันร้องเรียน", "พอแจ้ง", "พอร้องเรียน", "เพราะแจ้ง", "เพราะไปแจ้ง", "เพราะร้องเรียน", "เพราะไปร้องเรียน", "ตั้งแต่แจ้ง",
        "ตั้งแต่ร้องเรียน",
    ]);

    /// <summary>Session 18 (set 12): a sanction turned on the reporter: a fine, a contract or stall taken away, a demolition order.</summary>
    private static readonly string[] SanctionWords = Normalised(
    [
        "จะปรับ", "สั่งปรับ", "โดนปรับ", "ถูกปรับ", "ยกเลิกสัญญา", "ไม่ต่อสัญญา", "สั่งรื้อ", "ให้รื้อ", "ยึดแผง", "ย้ายแผง", "ไม่ให้ขาย", "ไล่ออก", "ตัดสิทธิ",
        "ผิดกฎหมาย",
    ]);

    /// <summary>Words that hold budget or money words without telling of any ("ปีงบประมาณ" is a date).</summary>
    private static readonly string[] Benign = Normalised(["ปีงบประมาณ", "ปีงบ"]);

    /// <summary>How-to questions that name officials and fees without reporting anything.</summary>
    private static readonly string[] HowTo = Normalised(["ได้ไหม", "ได้มั้ย", "กี่บาท", "เท่าไร", "เท่าไหร่", "คนไหน", "ที่ไหน", "ยังไง", "อย่างไร"]);

    public static bool LooksLikeCorruption(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalised = Normalise(text);
        foreach (var benign in Benign)
        {
            normalised = normalised.Replace(benign, " ", StringComparison.Ordinal);
        }

        foreach (var literal in UnderTheTableLiterally)
        {
            normalised = normalised.Replace(literal, " ", StringComparison.Ordinal);
        }

        // Session 14: people type without tone marks ("ใตโตะ", "เจาหนาที่"); a word of four letters or more matches that way too.
        var toneless = WithoutToneMarks(normalised);
        bool Has(string[] words) => Count(words, normalised, toneless, 1) > 0;
        if (Has(Strong) || TeaMoney().IsMatch(toneless) || ToldCondition().IsMatch(toneless))
        {
            return true;
        }

        var howTo = HowTo.Any(w => normalised.Contains(w, StringComparison.Ordinal));
        var official = Has(Officials);
        if (!howTo && official && Has(Taking))
        {
            return true;
        }

        // Session 19 (set 13): the municipality's money or property told as a story, often inside a complaint or after a
        // question ("อยากรู้ว่า…ชั่วโมงละเท่าไหร่ … ป้ายเขียนเกรด 5 วัน แต่รถมาวันเดียว"): spending on record that did not happen
        // is a report whatever is asked with it; a padded price, a dead person's allowance drawn, public things sold off.
        var municipal = normalised.Contains("เทศบาล", StringComparison.Ordinal) || normalised.Contains("ทต.", StringComparison.Ordinal)
            || official || Has(MunicipalAssets);
        if (RecordNotReal().IsMatch(toneless) || (municipal && Overpriced().IsMatch(toneless))
            || (DeadStillPaid().IsMatch(toneless) && (official || normalised.Contains("เบิก", StringComparison.Ordinal)))
            || (municipal && Has(SoldOffWords)))
        {
            return true;
        }

        // Session 15 (set 9): nepotism in hiring, a payment asked first as a service's condition (spending on record: above).
        var kin = OfficialsKin().IsMatch(toneless) || OfficialsKinOf().IsMatch(toneless);
        if (!howTo && ((kin && Has(HiringWords)) || (Has(NoExamWords) && Has(HiringWords))
            || (PaymentFirst().IsMatch(toneless) && official)
            // Session 16 (set 10): money asked as the condition of a service, whoever asked it.
            || ServiceForMoney().IsMatch(toneless)
            // Session 16 (set 10): an official or council member renting out or selling the municipality's things.
            || (official && Has(MunicipalAssets) && Has(GainWords))
            // Session 17 (set 11): a permit or enforcement decided for an official's kin or partner; a permit issued against the rules.
            || (kin && Has(PermitWords)) || (Has(PermitIssuedWords) && Has(AgainstRulesWords))
            // Session 18 (set 12): an official turning on the writer after a report — revenge named, or a sanction after reporting.
            || (official && (Has(RevengeWords) || (Has(AfterReportWords) && Has(SanctionWords))))))
        {
            return true;
        }

        var weak = Count(Weak, normalised, toneless, int.MaxValue) + (kin ? 1 : 0);
        return weak >= (howTo ? 4 : 3)
            || (normalised.Contains("โกง", StringComparison.Ordinal) && weak >= 2)
            || (weak >= 1 && Has(Fear));
    }

    /// <summary>
    /// How many words of the list the text has (counting stops at <paramref name="enough"/>): a word is there when the
    /// normalised text has it, or when it has four letters or more without tone marks and the text without tone marks has
    /// that form.
    /// </summary>
    private static int Count(string[] words, string normalised, string toneless, int enough)
    {
        var bare = TonelessForms.GetValue(words, static list => [.. list.Select(w => WithoutToneMarks(w) is { Length: >= 4 } form ? form : null)]);
        var count = 0;
        for (var i = 0; i < words.Length && count < enough; i++)
        {
            if (normalised.Contains(words[i], StringComparison.Ordinal) || (bare[i] is { } form && toneless.Contains(form, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Each list's words without tone marks, null for a word shorter than four letters that way: made once per list (issue 19:
    /// they were made again for every word of every message, ~7.5 KB a message).
    /// </summary>
    private static readonly ConditionalWeakTable<string[], string?[]> TonelessForms = new();

    private static string WithoutToneMarks(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0E48', '\u0E4B') < 0 ? text : string.Concat(text.Where(c => c is < '\u0E48' or > '\u0E4B'));

    private static string[] Normalised(string[] words) => [.. words.Select(Normalise).Distinct(StringComparer.Ordinal)];

    /// <summary>Lower case, no zero-width or joiner characters, no spaces, a repeated character kept once.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (builder.Length > 0 && builder[^1] == lower && !char.IsDigit(lower))
            {
                continue;
            }

            builder.Append(lower);
        }

        return builder.ToString();
    }
}
