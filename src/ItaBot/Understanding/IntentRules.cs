using System.Text.RegularExpressions;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.QandA;

namespace ItaBot.Understanding;

/// <summary>
/// Reads what a free-text message is about with word lists over the Q&amp;A normaliser's canonical text (digits, repeated
/// letters, everyday spellings and Isan words made one form), in the order where a mistake costs least: a report of
/// corruption first (a false alarm costs one tap, a miss exposes a person), then privacy requests, the short social
/// words, the citizen's own cases, ratings, things the municipality does not handle, and last complaint against question.
/// The word lists are tuned on src/ItaBot/Understanding/dev-intents.yaml only.
/// </summary>
internal static partial class IntentRules
{
    private static readonly string[] GreetingWords = Words("สวัสดี", "หวัดดี", "อรุณสวัสดิ์", "ฮัลโหล", "ฮาโหล", "ดีจ้า", "ดีค่ะ", "ดีครับ", "ดีคับ", "ดีค่า", "hello", "hi", "สบายดีบ่", "สบายดีไหม", "สบายดีมั้ย",
        // Session 16 (set 10): greetings of other faiths and languages — Muslim salaam in its Thai spellings, Malay, Burmese, Lao, Chinese.
        "อัสลามูอาลัยกุม", "อัสสลามุอะลัยกุม", "อัสสลามุอลัยกุม", "อัสลามุอาลัยกุม", "อัสสลามูอาลัยกุม", "อัสลามมูอาลัยกุม", "อัสลามุอะลัยกุม",
        "อัสสลามมุอาลัยกุม", "สลามัต", "ซาลามัต", "assalamualaikum", "salam", "มิงกะลาบา", "มิงกาลาบา", "สะบายดี", "หนีห่าว", "นีห่าว", "sawasdee",
        // Session 17 (set 11): a monk's greeting.
        "เจริญพร");

    /// <summary>Session 17 (set 11): a letter's salutation before the greeting ("เรียน ทต. สวัสดีครับ").</summary>
    private static readonly string[] SalutationWords = Words("เรียน", "ถึง");

    /// <summary>Whom a salutation names: the municipality, its office and staff.</summary>
    private static readonly string[] AddresseeWords = Words(
        "ทต.", "ทต", "ทม.", "ทม", "เทศบาล", "สำนักงานเทศบาล", "สนง.", "เจ้าหน้าที่", "จนท.", "จนท", "ท่าน", "นายก", "ปลัด", "แอดมิน", "admin", "ผู้เกี่ยวข้อง");

    private static readonly string[] ThanksWords = Words(
        "ขอบคุณ", "ขอบใจ", "ขอบพระคุณ", "thx", "thank", "thanks", "โอเค", "ok", "okay", "ได้ค่ะ", "ได้ครับ", "ได้คับ", "ได้เลย", "รับทราบ", "เข้าใจแล้ว", "ดีมาก", "👍",
        // Session 17 (set 11): a monk's thanks.
        "อนุโมทนา", "สาธุ");

    /// <summary>Reporting misconduct, integrity and the reporter's protection named as a topic, not as something that happened.</summary>
    private static readonly string[] ReportingWords = Words(
        "แจ้งทุจริต", "แจ้งการทุจริต", "แจ้งเบาะแส", "ร้องเรียนทุจริต", "ร้องเรียนการทุจริต", "ร้องเรียนเจ้าหน้าที่ทุจริต", "ช่องทางแจ้ง", "ป้องกันการทุจริต",
        "ต่อต้านการทุจริต", "ต่อต้านทุจริต", "ความโปร่งใส", "โปร่งใส", "ita", "คนแจ้ง", "ผู้แจ้ง", "คอรัปชั่น", "คอร์รัปชัน", "การทุจริต", "ทุจริต", "เบาะแส",
        "โกง", "ไม่ชอบมาพากล",
        // Session 15 (set 9): how to complain about misconduct, and whether the name is kept secret.
        "ประพฤติมิชอบ", "วิธีร้องเรียน", "วิธีการร้องเรียน", "ช่องทางร้องเรียน", "เก็บเป็นความลับ", "เปิดเผยชื่อ", "ต้องบอกชื่อ");

    /// <summary>The writer has something to report now ("ผมมีเรื่องทุจริตจะแจ้ง"): the protected channel is offered first.</summary>
    private static readonly string[] IntendingWords = Words("มีเรื่อง", "อยากแจ้ง", "ขอแจ้ง", "จะแจ้ง", "รู้เห็น", "เห็นมากับตา");

    /// <summary>"ยังไม่มีเรื่อง": the writer says they have nothing to report (not <see cref="IntendingWords"/>' "มีเรื่อง").</summary>
    private static readonly string[] NothingToReportWords = Words("ไม่มีเรื่อง", "ไมมีเรื่อง", "บ่มีเรื่อง", "ไม่ได้มีเรื่อง");

    /// <summary>"…จะแจ้งได้ที่ไหน แค่ถาม": the writer says they are only asking, so "จะแจ้ง" tells of nothing to report.</summary>
    private static readonly string[] OnlyAskingWords = Words("แค่ถาม", "ถามไว้ก่อน", "ถามเฉยๆ", "ถามดูก่อน", "แค่อยากรู้", "บ่ได้เว่า", "ไม่ได้จะแจ้ง", "ยังไม่ได้แจ้ง");

    /// <summary>The municipality's things: vehicles, aid handed out, materials, public land, its people.</summary>
    private static readonly string[] MunicipalAssetWords = Words(
        "รถดับเพลิง", "รถน้ำ", "รถขยะ", "รถเทศบาล", "รถหลวง", "ของเทศบาล", "ของหลวง", "เทศบาลแจก", "ของแจก", "ถุงยังชีพ", "ข้าวสาร", "เบี้ย",
        "งบซ่อม", "ที่สาธารณะ", "คนของเทศบาล", "ของบริจาค", "น้ำมันรถ");

    /// <summary>Gone to an official's or their kin's private use, or sold.</summary>
    private static readonly string[] PrivateUseWords = Words(
        "บ้านเมีย", "บ้านนายก", "บ้านปลัด", "บ้านเจ้าหน้าที่", "ร้านค้าของ", "ของเมีย", "เมียเจ้าหน้าที่", "เมียนายก", "ญาตินายก", "ลูกนายก",
        "บัญชีคนอื่น", "ไปขาย", "ใช้ส่วนตัว", "งานส่วนตัว", "บ้านตัวเอง", "บ้านผู้ใหญ่", "บ้านกำนัน", "เอกชน");

    /// <summary>The electricity authority's and the provincial waterworks' networks, bills and meters: theirs, not the municipality's.</summary>
    private static readonly string[] UtilityWords = Words(
        "การไฟฟ้า", "กฟภ", "กฟน", "pea", "หม้อแปลง", "ไฟตก", "มิเตอร์ไฟ", "ค่าไฟ", "บิลไฟ", "การประปาส่วนภูมิภาค", "กปภ", "ประปาภูมิภาค",
        // Session 15 (set 9): a house's own power and meter.
        "ไฟบ้านดับ", "มิเตอร์ไหม้", "มิเตอร์ไฟไหม้", "ไฟในบ้าน",
        // Session 16 (set 10): poles moved, power extended.
        "ย้ายเสาไฟฟ้า", "ปักเสาไฟฟ้า", "ขยายเขตไฟฟ้า", "ขอใช้ไฟฟ้า");

    /// <summary>
    /// The electricity authority's high-voltage lines and poles: "เสาไฟฟ้าแรงสูง" holds the municipal "เสาไฟ" (session 14, set 8);
    /// session 16 (set 10): a pole moved or put up, power extended to a plot, a meter asked for, are the authority's too.
    /// </summary>
    private static readonly string[] HighVoltageWords = Words(
        "เสาไฟฟ้าแรงสูง", "ไฟฟ้าแรงสูง", "สายไฟฟ้าแรงสูง", "ย้ายเสาไฟฟ้า", "ย้ายเสาไฟ", "ปักเสาไฟฟ้า", "ขยายเขตไฟฟ้า", "ขอมิเตอร์ไฟ", "ขอใช้ไฟฟ้า", "ขอติดตั้งมิเตอร์ไฟ");

    /// <summary>The municipality's own lights, and trees on wires (it trims them): with these a utility's word is not decisive.</summary>

    private static readonly string[] MunicipalLightWords = Words(
        "ไฟถนน", "ไฟทาง", "ไฟกิ่ง", "โคมไฟ", "ไฟส่องสว่าง", "ไฟสาธารณะ", "ไฟส่องทาง", "หลอดไฟ", "ไฟฟ้าสาธารณะ", "เสาไฟ", "กิ่ง", "ต้นไม้");

    /// <summary>A question about how, where or whether, or a hypothetical asked ahead ("ถ้า…", "ถามไว้ก่อน").</summary>
    private static readonly string[] AskingWords = Words(
        "ที่ไหน", "ตรงไหน", "ยังไง", "อย่างไร", "ไหม", "มั้ย", "อะไรบ้าง", "อะไร", "เท่าไหร่", "กี่", "หรือเปล่า", "ใช่ไหม", "ถ้า", "สมมติ", "ถามไว้ก่อน", "เผื่อ",
        "ได้บ่", "นำบ่", "แม่นบ่", "ไม่หนิ", "ได้ก่อ", "หรือไม่", "ใดบ้าง", "ที่ใด",
        // Session 18 (set 12): asking in so many words, a question particle closing it, to whom, what evidence.
        "สอบถาม", "ได้คะ", "ถึงใคร", "หลักฐานอะไร");

    /// <summary>Words that thank, whatever follows them.</summary>
    private static readonly string[] ThankingWords = Words("ขอบคุณ", "ขอบใจ", "ขอบพระคุณ", "thank", "อนุโมทนา");

    /// <summary>Words that say nothing on their own after a greeting or a thank-you.</summary>
    private static readonly string[] Fillers = Words(
        "ค่ะ", "คะ", "ค่า", "ครับผม", "ครับ", "คับ", "คร้าบ", "จ้า", "จ้ะ", "จ๊ะ", "นะคะ", "นะครับ", "นะ", "เด้อ", "เด้", "ผม", "ทุกคน", "ท่าน",
        "แอดมิน", "admin", "เจ้าหน้าที่", "รบกวน", "สอบถาม", "ขอ", "หน่อย", "ตอนเช้า", "ตอนบ่าย", "ตอนเย็น", "ตอนเช้า", "มากๆ", "มาก", "หลายๆ", "หลาย",
        "you", "ๆ", "จ๊า", "ด้วย", "เลย", "เด้อค่ะ", "งับ", "ฮะ", "เจ้า",
        // Session 17 (set 11): whom a monk or an Isan grandmother greets.
        "โยม", "ญาติโยม", "ลูกหลาน", "พี่น้อง");

    private static readonly string[] MenuWords = Words("เมนู", "ให้เลือก", "เริ่มใหม่", "หน้าแรก", "menu",
        // Session 17 (set 11): the buttons asked after ("มีปุ่มอะไรให้กดบ้าง").
        "ปุ่มอะไร", "ให้กดบ้าง", "กดอะไรได้บ้าง", "มีปุ่ม",
        // Session 18 (set 12): starting over in a longer word.
        "เริ่มต้นใหม่");

    /// <summary>Session 16 (set 10): pressing and buttons — with a menu word, a longer message still asks for the menu ("กลับหน้าแรกยังไงคะ กดมั่วไปหมดแล้ว").</summary>
    private static readonly string[] PressingWords = Words("กด", "ปุ่ม", "เปิดเมนู", "ขอเมนู", "กลับหน้าแรก", "กลับไปหน้าแรก");

    private static readonly string[] PrivacyWords = Words(
        "ข้อมูลของฉัน", "ข้อมูลของผม", "ข้อมูลของหนู", "ข้อมูลของเรา", "ข้อมูลส่วนตัว", "ข้อมูลส่วนบุคคล", "สำเนาข้อมูล", "ลบข้อมูล", "แก้ไขข้อมูล", "pdpa");

    private static readonly string[] MyCaseOwn = Words(
        "เรื่องของฉัน", "เรื่องของผม", "เรื่องของหนู", "เรื่องของเรา", "คำร้องของ", "เรื่องที่เคยแจ้ง", "ดูเรื่องที่", "ตามเรื่อง", "สถานะเรื่อง", "สถานะคำร้อง",
        "ติดตามเรื่องร้องเรียน", "ขอติดตามเรื่อง", "หมายเลขเรื่อง", "เลขที่เรื่อง",
        // Session 14 (set 8): the case by its app word, the citizen's complaint closed.
        "สถานะเคส", "เคสของผม", "เคสของฉัน", "เคสของหนู", "เรื่องร้องเรียนของ", "ปิดเรื่อง",
        // Session 18 (set 12): the case's number got or forgotten, its status in English.
        "เลขเรื่อง", "ลืมเลข", "status", "สเตตัส");

    private static readonly string[] MyCaseFiled = Words("ที่แจ้ง", "ที่ร้องเรียน", "แจ้งไป", "ร้องเรียนไป", "แจ้งไว้", "ร้องเรียนไว้", "เรื่องที่", "ที่ผมแจ้ง", "ที่หนูแจ้ง", "ที่ฉันแจ้ง", "เคยแจ้ง",
        // Session 14 (set 8): a request filed ("ยื่นไป", "ยื่นไว้"), a case sent.
        "ยื่นไป", "ยื่นไว้", "เคสที่",
        // Session 16 (set 10): a request filed through this chat, a photo sent.
        "คำร้องที่", "ที่ยื่น", "ยื่นผ่าน", "ที่ส่งรูป", "ส่งรูปไป",
        // Session 18 (set 12): told or reported, not only "แจ้ง" ("ที่ข้าบอกเรื่องหมาไปน่ะ", "เรื่องที่ผมรายงานไป").
        "ที่บอกไป", "บอกไป", "รายงานไป", "ที่รายงาน");

    private static readonly string[] MyCaseProgress = Words(
        "ถึงไหน", "เป็นยังไง", "เป็นไง", "คืบหน้า", "สถานะ", "รับเรื่องยัง", "รับเรื่องหรือยัง", "รับเรื่องแล้วยัง", "ได้รับเรื่อง", "มีคนรับเรื่อง", "ยังไม่มีใคร", "ยังไม่มีคน",
        "ไปถึงไหน", "มีใครมาดู", "ได้เรื่องยัง", "เงียบ", "ช่วยเช็ค", "ไปยัง", "ขั้นตอนใด", "ขั้นตอนไหน",
        // Session 14 (set 8): approved yet, the result of the decision, taken in but nobody seen.
        "อนุมัติหรือยัง", "อนุมัติยัง", "อนุมัติแล้วยัง", "อนุมัติไหม", "อนุมัติไม", "ผลการพิจารณา", "รับเรื่องแล้ว", "ยังไม่เห็น", "ยังบ่เห็น",
        // Session 16 (set 10): whether anyone came, when they come, whether it was seen or checked.
        "มีคนมาไหม", "มีคนมามั้ย", "มีใครมาไหม", "มีใครมามั้ย", "มีคนมายัง", "มีใครมายัง", "มาหรือยัง", "มาวันไหน", "มาเมื่อไหร่", "มาเมื่อไร",
        "เห็นยัง", "เห็นหรือยัง", "ตรวจสอบหรือยัง", "ตรวจสอบยัง", "ได้เรื่องบ่", "ได้เรื่องไหม", "มาจับยัง", "มาซ่อมยัง", "มาตัดยัง", "มาดูยัง",
        // Session 17 (set 11): in Isan, whether they will come ("เพิ่นสิมาบ่").
        "สิมาบ่", "สิมาแล้วบ่", "มาแล้วบ่", "สิมาเมื่อใด", "สิมามื้อใด",
        // Session 18 (set 12): whether anyone came or did it yet, who is responsible for it.
        "หรือยัง", "มีคนมา", "ใครรับผิดชอบ", "ใครดูแล", "ใครเป็นคนดูแล");

    /// <summary>Session 16 (set 10): something done to a case already filed — a photo added, the case cancelled or withdrawn, details added.</summary>
    private static readonly string[] MyCaseActionWords = Words(
        "เพิ่มรูป", "ส่งรูปเพิ่ม", "แนบรูป", "รูปเพิ่ม", "เพิ่มรูปภาพ", "ยกเลิก", "ถอนเรื่อง", "ขอถอน", "แก้ไขเรื่อง", "แก้ที่อยู่", "เปลี่ยนที่อยู่",
        // Session 17 (set 11): details added to it.
        "เพิ่มรายละเอียด", "เพิ่มข้อมูล", "แก้ไขรายละเอียด", "แก้รายละเอียด",
        // Session 18 (set 12): the place corrected, something forgotten in it, its number forgotten.
        "ลืมบอก", "ลืมแจ้ง", "ลืมจด", "แก้ให้", "แก้ไขให้", "ใส่ผิด", "ระบุผิด", "พิมพ์ผิด", "แก้ที่อยู่", "แก้สถานที่", "เปลี่ยนสถานที่");

    private static readonly string[] NotFearWords = Words("กลัวลืม", "กลัวโดนปรับ", "กลัวเสียค่าปรับ", "กลัวไม่ทัน", "กลัวพลาด", "กลัวหมดเขต", "กลัวหมดอายุ");

    /// <summary>Session 16: a score asked about, not given ("ITA ได้กี่คะแนน", "ผ่านเกณฑ์ไหม").</summary>
    private static readonly string[] ScoreAskWords = Words("กี่คะแนน", "คะแนนเท่าไหร่", "คะแนนเท่าไร", "ita", "ผ่านเกณฑ์", "สอบ", "เลือกตั้ง", "โหวต");

    private static readonly string[] RatingWords = Words("ให้คะแนน", "คะแนนความพึงพอใจ", "ความพึงพอใจ", "ประเมินเจ้าหน้าที่", "ประเมินการ", "ติชม", "ให้ดาว",
        // Session 17 (set 11): full marks and a middling satisfaction said in words.
        "ให้เต็มเลย", "ให้เต็มร้อย", "ให้เต็มสิบ", "ให้คะแนนเต็ม", "พอใจปานกลาง", "พึงพอใจปานกลาง", "ค่อนข้างพอใจ",
        // Session 18 (set 12): an assessment said in words ("ประเมินว่าไม่ผ่าน"), very satisfied (not "ไม่พอใจมาก": <see cref="DissatisfiedWords"/>).
        "ประเมินว่า", "ขอประเมิน", "พอใจมาก", "พึงพอใจมาก");

    /// <summary>Session 18: "ไม่พอใจมาก" holds "พอใจมาก" and is no rating of satisfaction.</summary>
    private static readonly string[] DissatisfiedWords = Words("ไม่พอใจ", "บ่พอใจ", "ไม่ค่อยพอใจ", "ไม่พึงพอใจ");

    /// <summary>What the municipality does not handle: other agencies' business, money, fortune, entertainment, homework.</summary>
    private static readonly string[] OutOfScopeWords = Words(
        "ราคาทอง", "ทองคำ", "ทองวันนี้", "หวย", "เลขเด็ด", "ลอตเตอรี่", "ล็อตเตอรี่", "สลากกินแบ่ง", "ผลบอล", "ฟุตบอล", "พรีเมียร์ลีก", "แทงบอล",
        "กลอน", "ราคาน้ำมัน", "น้ำมันดีเซล", "น้ำมันเบนซิน", "สูตรอาหาร", "ขอสูตร", "สอนทำ", "เมนูอาหาร", "ทำอาหาร", "ดูดวง", "ดวงชะตา", "ทำนายฝัน",
        "พาสปอร์ต", "หนังสือเดินทาง", "ประกันสังคม", "ภาษีรถ", "ทะเบียนรถ", "ใบขับขี่", "บัตรคนจน", "บัตรสวัสดิการแห่งรัฐ", "หุ้น", "บิทคอยน์",
        "bitcoin", "คริปโต", "การบ้าน", "แปลภาษา", "ภาษาอังกฤษ", "ขายที่ดิน", "รถมือสอง", "พัสดุ", "kerry", "flash", "ธนาคาร", "ออมสิน", "กรุงไทย",
        "กู้เงิน", "ซีรีส์", "ดูหนัง", "หนังสนุก", "เพลงใหม่", "โปรเน็ต", "ซิม", "เติมเงิน", "ภาษีเงินได้", "สรรพากร", "พยากรณ์อากาศ", "ฝนจะตก",
        "สภาพอากาศ", "เกมส์", "เกม", "ยืมเงิน", "ยืมตังค์",
        // Session 14 (set 8): soap operas, writing a speech, the highways department's roads.
        "ละคร", "ละคอน", "หลังข่าว", "คำกล่าว", "กรมทางหลวง", "ทางหลวงแผ่นดิน",
        // Session 15 (set 9): a foundation's donation account, alms for monks.
        "มูลนิธิ", "ถวายปัจจัย", "นิมนต์พระ",
        // Session 16 (set 10): recipes asked for in other words, private debts and lawsuits.
        "อยากได้สูตร", "สูตรน้ำพริก", "สูตรแกง", "สูตรขนม", "สูตรทำ", "สูตรผัด", "สูตรต้ม", "สูตรยำ", "วิธีทำกับข้าว", "ทวงหนี้", "หนี้นอกระบบ", "ฟ้องศาล");

    /// <summary>
    /// Session 18: a private party the writer deals with — an employer, a seller or shop, a customer, a landlord or tenant, a
    /// housing estate's or condominium's juristic person, an insurer or finance company, a scammer, a neighbour.
    /// </summary>
    private static readonly string[] PrivatePartyWords = Words(
        "นายจ้าง", "เจ้านาย", "ลูกจ้าง", "ลูกค้า", "เจ้าส่ง", "ร้านส่ง", "ยี่ปั๊ว", "แม่ค้า", "พ่อค้า", "คนขาย", "ผู้ขาย", "ร้าน", "เจ้าของร้าน", "ร้านออนไลน์",
        "ขายออนไลน์", "สั่งออนไลน์", "ซื้อออนไลน์", "เจ้าของหอ", "เจ้าของห้อง", "เจ้าของบ้านเช่า", "ผู้ให้เช่า", "ผู้เช่า", "คนเช่า", "เอกชน", "นิติบุคคล",
        "หมู่บ้านจัดสรร", "โครงการจัดสรร", "บริษัทประกัน", "ประกันภัย", "ไฟแนนซ์", "คอลเซ็นเตอร์", "มิจฉาชีพ", "เพื่อนบ้าน", "คู่กรณี");

    /// <summary>
    /// Session 18: money owed or withheld between the writer and a private party: wages, a refund, a deposit, a debt (not rent
    /// alone: a stall's rent in the municipal market is the municipality's).
    /// </summary>
    private static readonly string[] OwedWords = Words(
        "ไม่จ่าย", "ไม่ยอมจ่าย", "บ่จ่าย", "ไม่คืน", "ไม่ยอมคืน", "บ่คืน", "คืนเงิน", "ค้างจ่าย", "ค้างค่าแรง", "ค้างเงินเดือน", "เบี้ยว", "ค่าแรง", "ค่าจ้าง",
        "เงินเดือน", "เงินประกัน", "ค่างวด", "ค่าส่วนกลาง", "หลอกให้โอน", "โดนหลอก", "ถูกหลอก", "ยืมเงิน");

    /// <summary>The public side a report of misconduct names: the municipality, its offices, officials, councillors, village heads, contractors' overseers, its markets.</summary>
    private static readonly string[] PublicSideWords = Words(
        "เทศบาล", "ทต.", "ทม.", "อบต", "เจ้าหน้าที่", "จนท", "นายก", "ปลัด", "ผอ.", "หัวหน้ากอง", "ข้าราชการ", "พนักงานเทศบาล", "สมาชิกสภา", "ส.ท", "สท.",
        "ผู้ใหญ่บ้าน", "กำนัน", "นายช่าง", "คนคุมงาน", "ผู้บริหาร", "กอง", "หลวง", "งบ",
        // The municipality's markets and their stalls ("ไม่จ่ายค่าแผง" is its business).
        "ตลาด", "แผง");

    /// <summary>Staff behaving badly without asking anything of the citizen: rude, slow, absent, unreachable, sending people round.</summary>
    private static readonly string[] ConductWords = Words(
        "หน้าบึ้ง", "ห้วน", "หยาบคาย", "พูดจาไม่ดี", "ไม่สุภาพ", "ตะคอก", "ดูถูก", "ด่า", "วางสาย", "วางหู", "ไม่รับสาย", "ไม่มีคนรับสาย", "ไม่มีใครรับ",
        "เล่นโทรศัพท์", "เล่นมือถือ", "เล่นเกม", "ไม่อยู่โต๊ะ", "ไม่สนใจ", "โยนกัน", "ส่งไปกอง", "เดินวน", "หลายรอบ", "กี่รอบ", "รอคิว", "รอนาน",
        "ช้ามาก", "เงียบ", "ไม่มีใครบอก", "ไม่มีใครแจ้ง", "ไม่ให้เกียรติ", "ทำหน้า", "รำคาญ", "นัดแล้วไม่มา", "ไม่ว่าง",
        // Session 15 (set 9): calls passed round and dropped, told to come in person, left waiting and forgotten.
        "โอนไปโอนมา", "โอนสาย", "สายหลุด", "วางสายใส่", "ให้มาเอง", "ไปนั่งรอ", "ไม่มีใครเรียก", "บอกว่าลืม", "ไม่ตอบ",
        // Session 16 (set 10): sent back for papers time after time, never told what is missing ("สามรอบ", "หลายครั้ง" were
        // tried: they tell of fuel and stall fees taken again and again too, and cost three reports leave one writer out).
        "เอกสารไม่ครบ", "ไม่เคยบอก", "ไม่บอกว่าขาด", "ประชด",
        // Session 17 (set 11): scolded, shouted at, spoken to too fast to follow; told something different each time;
        // nobody at the counter, nobody coming down to help.
        "ดุใส่", "ดุผม", "ดุฉัน", "ดุหนู", "ดุว่า", "ดุด่า", "ตวาด", "ขึ้นเสียง", "พูดไม่ดี", "ว่าใส่", "เว่าใส่", "พูดไว", "เว่าไว", "ฟังไม่ทัน",
        "ฟังบ่ทัน", "บอกไม่เหมือนกัน", "บอกไม่ตรงกัน", "เอาเอกสารมาใหม่", "ให้กลับไปเอา", "ไม่มีเจ้าหน้าที่", "ไม่มีคนประจำ", "ไม่มีใครอยู่",
        "ไม่มีใครช่วย", "ไม่มีใครลงมา", "นั่งรอ", "โยนบิล", "โยนใส่",
        // Session 18 (set 12): laughed at, mocked, not helped (a deaf man writing on paper at the counter).
        "หัวเราะ", "ล้อเลียน", "ไม่ช่วย", "บ่ช่วย", "เมินใส่");

    /// <summary>Money, gifts, kin and threats: with one of them, staff's conduct may be misconduct (<see cref="TellsOfConductOnly"/>).</summary>
    private static readonly string[] MoneyOrFavourWords = Words(
        "เงิน", "บาท", "ซอง", "จ่าย", "สินบน", "ใต้โต๊ะ", "ค่าน้ำร้อน", "ค่าน้ำชา", "น้ำใจ", "กาแฟ", "ญาติ", "ขู่", "เรียก", "หัวคิว", "ใบเสร็จ",
        "ของขวัญ", "เบิก", "โกง", "ทุจริต", "ส่วนตัว", "เส้น", "พวก", "ลูกนายก", "เลือกปฏิบัติ", "แลก", "ให้ก่อน", "ถึงจะ", "ตัง",
        // Session 17: records faked (overtime signed for nobody) and an official's advances are misconduct, not manners.
        "โอที", "ล่วงเวลา", "ลงชื่อ", "ลงเวลา", "เซ็นชื่อ", "ปลอม", "ลวนลาม", "จับมือ", "จับตัว", "แตะตัว", "ชวนไปกิน", "ชวนไปเที่ยว");

    /// <summary>Session 15 (set 9): a small gift the writer means to give, asked about ("ให้ขนมเจ้าหน้าที่ ผิดระเบียบไหม").</summary>
    private static readonly string[] GiftWords = Words("ของขวัญ", "ของฝาก", "ขนม", "กระเช้า", "ผลไม้", "ข้าวกล่อง", "ให้ของ", "ของกิน", "ของเล็กน้อย", "ของติดไม้ติดมือ",
        // Session 17 (set 11): thank-you money the writer means to give.
        "เงินขอบคุณ", "ค่าขอบคุณ", "สินน้ำใจ");

    private static readonly string[] RuleAskWords = Words(
        "ผิดระเบียบ", "ผิดกฎ", "ผิดไหม", "ผิดมั้ย", "ผิดหรือเปล่า", "ผิดหรือไม่", "ผิดป่ะ", "ได้ไหม", "ได้มั้ย", "ได้หรือไม่", "ได้บ่", "ได้ป่ะ", "ได้หรือเปล่า",
        "ได้ใหม", "ได้มะ", "ได้ปะ");

    /// <summary>Who the gift is for: staff.</summary>
    private static readonly string[] GiftReceiverWords = Words("เจ้าหน้าที่", "จนท", "พนักงาน", "ปลัด", "นายก", "ข้าราชการ", "ช่าง", "เขา");

    /// <summary>When or where asked after (with the question words), for published records.</summary>
    private static readonly string[] RecordAskWords = Words("เดือนไหน", "ที่ใด", "ดูได้", "ได้ที่", "เริ่มเมื่อ", "เริ่มวัน", "ได้จาก", "ขอดู", "ศึกษา");

    /// <summary>Demanded, not offered: then the gift is a report.</summary>
    private static readonly string[] DemandWords = Words("เรียก", "ต้องให้", "ถึงจะ", "ไม่งั้น", "บังคับ", "ขอของ", "ทวง");

    /// <summary>Session 16 (set 10): "กี่บาทถึงจะไม่ผิด" asks where the rule's line is; its "ถึงจะ" demands nothing.</summary>
    private static readonly string[] RuleLineWords = Words("ถึงจะไม่ผิด", "จึงจะไม่ผิด", "ถึงไม่ผิด", "ถึงจะได้ไม่ผิด", "ถึงจะไม่ผิดระเบียบ");

    /// <summary>
    /// Session 16 (set 10): how to tell a real official or inspector from an impostor — the card or letter they must show
    /// ("เจ้าหน้าที่มาตรวจต้องมีบัตรอะไร ได้ยินว่ามีคนแอบอ้างเรียกเงิน"): a question about procedure, not a report.
    /// </summary>
    private static readonly string[] CredentialWords = Words(
        "มีบัตร", "แสดงบัตร", "บัตรเจ้าหน้าที่", "บัตรประจำตัวเจ้าหน้าที่", "บัตรหรือหนังสือ", "หนังสือแต่งตั้ง", "ตัวจริง", "ของจริง", "แอบอ้าง", "ปลอมตัว", "มิจฉาชีพ");

    /// <summary>Who decides, which unit or whom a report goes to — asked about ("ผู้มีอำนาจพิจารณาเรื่องร้องเรียนการทุจริตคือใคร").</summary>
    private static readonly string[] WhoDecidesWords = Words(
        "ผู้มีอำนาจ", "ผู้พิจารณา", "ใครเป็นคนพิจารณา", "ใครพิจารณา", "ใครตัดสิน", "คือใคร", "สังกัดกอง", "สังกัดหน่วยงาน", "ใครรับผิดชอบ", "หน่วยงานใด", "หน่วยงานไหน");

    /// <summary>Session 15 (set 9): where or whom to tell, what to do — asked about a case put ahead of time ("ถ้าเห็น…จะแจ้งที่ไหน").</summary>
    private static readonly string[] WhereToTurnWords = Words(
        "แจ้งที่ไหน", "แจ้งได้ที่", "บอกใคร", "แจ้งใคร", "ควรทำ", "ต้องทำ", "ทำยังไง", "ทำอย่างไร", "ร้องเรียนที่ไหน", "ร้องเรียนได้ที่", "ติดต่อใคร",
        "แจ้งได้ไหม", "แจ้งได้มั้ย", "แจ้งได้หรือไม่", "แจ้งเบาะแสได้", "ปลอดภัย", "ทำไงดี", "ทำไง", "เปิดเผยชื่อ", "บอกชื่อ", "ชื่อจะหลุด",
        // Session 16 (set 10): by which channel, where to file it.
        "แจ้งทางไหน", "ทางไหน", "ช่องทางใด", "ช่องทางไหน", "แจ้งผ่าน", "ควรแจ้ง", "ยื่นเรื่อง", "ยื่นที่", "ที่ไหน", "ที่ใด", "หน่วยงานใด", "หน่วยงานไหน",
        // Session 17 (set 11): whether the reporter's name comes out, where one must report, whether a fee asked must be paid.
        "ถูกเปิดเผย", "จะเปิดเผย", "เปิดเผยไหม", "รู้ว่าใครแจ้ง", "ต้องแจ้งที่", "ควรแจ้งที่", "ต้องจ่ายไหม", "ต้องจ่ายมั้ย", "ต้องจ่ายหรือไม่",
        "ต้องจ่ายหรือเปล่า", "ต้องให้ไหม",
        // Session 18 (set 12): what evidence is needed, to whom above the staff a report goes.
        "หลักฐานอะไร", "ต้องมีหลักฐาน", "ใช้หลักฐาน", "เตรียมหลักฐาน", "ถึงใคร", "ยื่นถึง", "ผู้บังคับบัญชา");

    /// <summary>A frightened writer's supposition may hide a report ("ถ้าผมแจ้งว่าปลัดรับเงิน จะโดนไหม กลัวมาก"): not asked ahead.</summary>
    private static readonly string[] FrightWords = Words("กลัวมาก", "กลัวโดน", "กลัวถูก", "ไม่กล้า", "กลัวเขารู้");

    /// <summary>Polite openers before the supposition ("ขอสอบถามว่า ถ้า…").</summary>
    private static readonly string[] AskingOpeners = Words(
        "ขออนุญาตเรียนสอบถามว่า", "ขอเรียนสอบถามว่า", "ขอสอบถามว่า", "สอบถามว่า", "ขอถามว่า", "อยากถามว่า", "อยากทราบว่า", "ขอถามหน่อย", "สอบถามหน่อย",
        "สอบถามค่ะ", "สอบถามครับ", "ขอถาม", "สอบถาม", "พี่", "ป้า", "ลุง", "แม่", "ผม", "ฉัน", "ดิฉัน", "หนู", "กระผม");

    /// <summary>"ถ้าไม่จ่าย…", "เขาบอกว่าถ้า…": a condition someone set, not a case put ahead of time.</summary>
    private static readonly string[] ToldConditionWords = Words("ถ้าไม่จ่าย", "ถ้าไม่ให้", "หากไม่จ่าย", "หากไม่ให้", "บอกว่าถ้า", "บอกว่าหาก", "ว่าถ้าไม่", "ถ้าอยากได้เร็ว");

    /// <summary>Budgets, plans and announcements the municipality publishes, asked after ("แผนพัฒนาและงบประมาณดูได้ที่ใด").</summary>
    private static readonly string[] PublicRecordWords = Words(
        "แผนพัฒนา", "งบประมาณรายจ่าย", "เทศบัญญัติ", "ข้อบัญญัติ", "ปีงบประมาณ", "เผยแพร่", "ประกาศจัดซื้อ", "ผลการจัดซื้อ", "แผนจัดซื้อ",
        "รายงานการใช้จ่าย", "งบการเงิน", "ข้อมูลข่าวสาร", "เงินอุดหนุน",
        // Session 16 (set 10): the yearly budget and the local plan named whole, downloaded.
        "งบประมาณประจำปี", "งบประมาณรายจ่ายประจำปี", "แผนพัฒนาท้องถิ่น", "แผนการดำเนินงาน", "ดาวน์โหลด", "download",
        // Session 17 (set 11): the budget to look at, what tax money is spent on.
        "ดูงบประมาณ", "งบประมาณของเทศบาล", "งบของเทศบาล", "เงินภาษีไปทำอะไร", "เงินภาษีไปใช้", "ใช้เงินภาษี");

    /// <summary>Something is wrong: out, broken, blocked, dirty, loud, dangerous, rude, slow (staff's conduct: <see cref="ConductWords"/>).</summary>
    private static readonly string[] ProblemWords = WithConduct(
        "ดับ", "ไม่ติด", "บ่ติด", "ไม่สว่าง", "มืด", "กระพริบ", "เสีย", "พัง", "ชำรุด", "แตก", "ร้าว", "ยุบ", "หลุม", "เป็นบ่อ", "ผุ", "เอียง", "หาย",
        "ไม่ไหล", "บ่ไหล", "ไหลอ่อน", "ไม่แรง", "ขุ่น", "ตะกอน", "รั่ว", "ซึม", "ตัน", "ไม่ระบาย", "ท่วม", "ขัง", "เอ่อ", "ล้น", "เหม็น", "กลิ่น",
        "ฉุน", "ควัน", "ฝุ่น", "เสียงดัง", "หนวกหู", "รำคาญ", "ไม่มาเก็บ", "ไม่เก็บ", "ไม่มีคนมาเก็บ", "ไม่มีใครเก็บ", "ข้ามบ้าน", "ทิ้ง", "เกลื่อน",
        "เรี่ยราด", "กองเป็น", "รก", "ล้ม", "ทับ", "พาด", "บัง", "ขวาง", "กัด", "ไล่", "เห่า", "จรจัด", "ตาย", "ยุง", "แมลงวัน", "ตะคอก",
        "ไม่สุภาพ", "พูดจาไม่ดี", "รอนาน", "ช้า", "ไม่รับสาย", "ไม่มีคนรับสาย", "ไม่มีใครติดต่อกลับ", "ไม่สนใจ", "อันตราย", "งู", "เปิดเพลง", "ขันทั้งคืน",
        "นอนไม่ได้", "เดินไม่ได้", "ผ่านไม่ได้", "เข้าไม่ได้", "ใช้ไม่ได้", "ร่อง", "ไม่มา", "บ่มา", "ขาด", "สนิม", "โค่น", "สไลด์",
        "ไม่ได้เลย", "บ่ได้", "กิ่งหัก", "ห้อย", "อุด", "นอนบ่หลับ", "นอนไม่หลับ", "รถติด", "แย่", "ไม่มีใครรับ", "เข้าบ้าน", "อยู่เรื่อย", "ทั่ว",
        // Session 17 (set 11): a light never on; a footpath parked over, people walking in the road.
        "ไม่เคยติด", "บ่เคยติด", "จอดเต็ม", "จอดบนฟุตบาท", "จอดบนทางเท้า", "เดินบนถนน", "เดินลงถนน", "รุกล้ำ");

    /// <summary>
    /// What a report of misconduct names besides an official: money, gifts, favours, kin, contracts and budgets, the
    /// municipality's things used privately, forgery, threats, fear of being known. A message with none of them reports no
    /// misconduct the model may read into it (officials' titles and service words alone are not misconduct).
    /// </summary>
    private static readonly string[] MisconductWords = Words(
        "เงิน", "บาท", "ซอง", "จ่าย", "ค่า", "โกง", "ทุจริต", "คอรัป", "คอร์รัป", "สินบน", "ใต้โต๊ะ", "ฮั้ว", "ประมูล", "รับเหมา", "งบ", "เบิก", "ญาติ",
        "พวกพ้อง", "เส้นสาย", "เอื้อ", "ส่วนตัว", "หลวง", "ของเทศบาล", "รถเทศบาล", "ขู่", "อิทธิพล", "ปลอม", "เซ็น", "ผี", "โอที", "ล่วงเวลา", "หัก",
        "ใบเสร็จ", "ของขวัญ", "กำนัล", "ของแจก", "ถุงยังชีพ", "บริจาค", "เลี้ยง", "หัวคิว", "เปอร์เซ็นต์", "ยักยอก", "ขโมย", "เอาไป", "ขนไป", "ไปขาย",
        "ใช้เอง", "ไปใช้", "แอบ", "กลัว", "ไม่กล้า", "ไม่อยากให้", "อย่าบอก", "บอกชื่อ", "ลับ", "สเปค", "สเปก", "ตามแบบ", "ตรงแบบ", "มาตรฐาน", "บาง",
        "เลือกปฏิบัติ", "ไม่ยุติธรรม", "ฝาก", "ลูกน้อง", "ไม่ได้ทำจริง", "ไม่เคยมา", "ลงชื่อ", "ลงเวลา", "ชอบมาพากล", "ตุกติก", "ผลประโยชน์", "กิน",
        "โปร่งใส", "สงสัย", "เบาะแส", "ตรวจรับ", "ส่วนต่าง", "เกินจริง", "ราคา", "แบ่ง", "ได้งาน", "บริษัท", "ร้านของ", "ร้านญาติ", "แฟน", "เมีย",
        "ลูกชาย", "ลูกสาว", "พี่ชาย", "น้องชาย", "ข้าว", "ของ", "วัสดุ", "ปูน", "เหล็ก", "หิน", "ทราย", "ไม้", "น้ำมัน", "แจก", "ซื้อ", "ขาย");

    /// <summary>Saying it is a complaint (a plea on its own, but the subject of a how-to question).</summary>
    private static readonly string[] ComplainingWords = Words("ร้องเรียน", "แจ้งเรื่อง");

    /// <summary>The citizen asks for something to be done, or says it is a complaint.</summary>
    private static readonly string[] PleaWords = Words(
        "ร้องเรียน", "แจ้งเรื่อง", "ช่วยมา", "ช่วยด้วย", "มาดู", "มาซ่อม", "มาแก้", "มาตัด", "มาเก็บ", "มาลอก", "มาพ่น", "ขอให้มา", "รบกวนมา",
        "ช่วยหน่อย", "ช่วยจัดการ", "ด่วน", "เดือดร้อน", "ช่วยซ่อม", "ซ่อมให้", "ช่วยดู", "ช่วยแก้",
        // Session 17 (set 11): a problem told, then whether it may be reported here ("ที่นี่แจ้งตรงนี้ได้ไหม").
        "แจ้งตรงนี้", "แจ้งที่นี่", "แจ้งในนี้", "แจ้งทางนี้");

    /// <summary>Asking when or whether the problem gets fixed.</summary>
    private static readonly string[] FixWords = Words(
        "มาซ่อม", "จะซ่อม", "มาถม", "มาเก็บ", "มาลอก", "มาตัด", "มาจับ", "จะจับ", "จะตัด", "ทำไมไม่มา", "จะไหล", "จะมาดู", "ทำอะไรได้", "ให้ได้ไหม", "ให้ไหม",
        "จะมา", "เมื่อไหร่จะ", "เมื่อไรจะ");

    /// <summary>It has lasted, or happens again and again.</summary>
    private static readonly string[] NarrativeWords = Words("ทุกวัน", "ทุกคืน", "ทุกเย็น", "ทุกเช้า", "ทุกที", "ตั้งแต่", "เมื่อวาน", "เมื่อคืน", "อีกแล้ว", "หลายวัน", "นานแล้ว", "บ่อย", "ทั้งวัน", "ทั้งคืน");

    /// <summary>A case put ahead of time ("ถ้า…", "หาก…", "สมมติ…").</summary>
    private static readonly string[] HypotheticalWords = Words("ถ้า", "หาก", "สมมติ", "สมมุติ");

    /// <summary>Pleas that say it is happening now, whatever "ถ้า" the message also holds.</summary>
    private static readonly string[] UrgentWords = Words("ช่วยด้วย", "ด่วน", "เดือดร้อน", "ช่วยมา", "รบกวนมา", "ขอให้มา", "ตอนนี้");

    /// <summary>Southern and northern question particles the question words miss ("…มาตัดให้หม้าย", "…ได้ก่เจ้า").</summary>
    private static readonly string[] DialectQuestionWords = Words("หม้าย", "ได้ก่", "ก่เจ้า");

    private static readonly string[] PlaceWords = Words("หน้าบ้าน", "ข้างบ้าน", "หลังบ้าน", "ในซอย", "ปากซอย", "ซอย", "หมู่", "บ้านเลขที่", "หน้าวัด", "หน้าโรงเรียน", "หน้าตลาด", "ริมถนน", "ชุมชน", "หมู่บ้าน");

    private static readonly string[] QuestionWords = Words(
        "ไหม", "มั้ย", "มั๊ย", "ไม๊", "ป่าว", "เปล่า", "หรือไม่", "อะไร", "ยังไง", "อย่างไร", "ทำไง", "เท่าไร", "เท่าไหร่", "กี่", "ที่ไหน", "ตรงไหน",
        "เมื่อไร", "เมื่อไหร่", "วันไหน", "ใคร", "ทางไหน", "จั๊ก", "จั่งได๋", "แนวใด", "ได้บ่", "บ้าง", "?",
        // Session 17 (set 11): Isan "how" ("แจ้งคนตายเฮ็ดจั่งใด").
        "จั่งใด", "จั่งใด๋", "จังได๋");

    /// <summary>A question about how to get something done, which a complaint is not.</summary>
    private static readonly string[] HowToWords = Words(
        "แจ้งที่ไหน", "แจ้งได้ไหม", "แจ้งได้ที่", "แจ้งยังไง", "ต้องทำ", "ทำยังไง", "ทำอย่างไร", "ติดต่อใคร", "ติดต่อที่ไหน", "ได้ที่ไหน", "ใช้เอกสาร",
        "ขออนุญาต", "ลงทะเบียน", "ค่าธรรมเนียม", "เสียค่า", "ช่องทางไหน", "ทางไหน",
        // Session 17 (set 11): in Isan.
        "เฮ็ดจั่งใด", "เฮ็ดจั่งได๋", "เฮ็ดจังได๋");

    /// <summary>Words of the municipality's own business: an unknown question with one of them is offered to staff, without is out of scope.</summary>
    private static readonly string[] MunicipalWords = Words(
        "เทศบาล", "เจ้าหน้าที่", "นายก", "กอง", "ปลัด", "สภา", "บริการ", "ภาษี", "ค่าน้ำ", "ประปา", "ขยะ", "ถนน", "ไฟ", "เบี้ย", "ทะเบียน",
        "ใบอนุญาต", "อนุญาต", "ร้องเรียน", "แจ้ง", "ตลาด", "เมรุ", "ศูนย์", "หมู่", "ชุมชน", "บ้าน");

    /// <summary>Other agencies' business spelt with the municipality's words ("ค่าไฟ" is the electricity authority's, "ไฟ" alone a street light).</summary>
    private static readonly string[] ForeignCompounds = Words(
        "การไฟฟ้า", "ค่าไฟ", "ไฟฟ้า", "มิเตอร์ไฟ", "เน็ตบ้าน", "นายกรัฐมนตรี", "ปลัดอำเภอ", "แจ้งความ", "บ้านเช่า");

    /// <summary>
    /// Other agencies and businesses named in their own words: the electricity authority, banks and loans, clinics and
    /// hospitals, the land office, the police, the district office, telecoms and shops, the national government (not what
    /// the pack answers itself, as the identity card at the district office). Weighed
    /// against <see cref="MunicipalWords"/> by <see cref="AgencyWeight"/>, not decisive alone ("ค่าน้ำผ่านแอปธนาคาร" is a
    /// water-bill question).
    /// </summary>
    private static readonly string[] AgencyWords = Words(
        "การไฟฟ้า", "กฟภ", "กฟน", "pea", "ค่าไฟ", "บิลไฟ", "มิเตอร์ไฟ", "ไฟฟ้า", "หม้อแปลง",
        "ธนาคาร", "แบงก์", "แบงค์", "ธกส", "ธ.ก.ส", "ออมสิน", "กรุงไทย", "กสิกร", "ไทยพาณิชย์", "สินเชื่อ", "กู้เงิน", "เงินกู้", "กู้ซื้อ", "กู้สร้าง", "ดอกเบี้ย", "บัตรเครดิต", "กยศ",
        "คลินิก", "คลีนิก", "โรงพยาบาล", "รพ.", "หมอฟัน", "ร้านขายยา", "ร้านยา", "หาหมอ", "สัตวแพทย์",
        "สำนักงานที่ดิน", "กรมที่ดิน", "ที่ดินจังหวัด", "ที่ดินอำเภอ", "โฉนด", "รังวัด", "นส.3", "น.ส.3",
        // Session 18: "สภ." (a police station) left out: without its dot it is inside "สภา", the municipal council.
        "ตำรวจ", "โรงพัก", "สถานีตำรวจ", "แจ้งความ", "อำเภอ", "ปลัดอำเภอ", "ศาลจังหวัด", "ขึ้นศาล", "ทนาย",
        "wifi", "ไวไฟ", "อินเทอร์เน็ต", "อินเตอร์เน็ต", "เน็ต", "ทรู", "ais", "dtac", "3bb", "ค่าโทรศัพท์", "มือถือ", "เฟสบุ๊ค", "facebook",
        "เซเว่น", "7-11", "ห้าง", "โรงงาน", "บริษัท", "ไปรษณีย์", "รถทัวร์", "รถไฟ", "สนามบิน",
        "นายกรัฐมนตรี", "รัฐบาล", "กระทรวง", "คนละครึ่ง", "เราเที่ยวด้วยกัน", "เงินดิจิทัล",
        // Session 14 (set 8): the highways department, the fisheries office, work permits for foreign workers, state schools' terms.
        "กรมทางหลวง", "ทางหลวงแผ่นดิน", "ทางหลวงหมายเลข", "ประมงอำเภอ", "ประมงจังหวัด", "กรมประมง", "ใบอนุญาตทำประมง", "ทำประมง",
        "work permit", "เวิร์คเพอร์มิต", "ใบอนุญาตทำงาน", "แรงงานต่างด้าว", "แรงงานพม่า", "แรงงานกัมพูชา", "แรงงานลาว", "จัดหางาน",
        "โรงเรียนบ้าน", "เปิดภาคเรียน", "ภาคเรียนที่", "เปิดเทอม", "ปิดเทอม",
        // Session 15 (set 9): divorce and marriage registration, teachers' and civil servants' pensions, land transfers,
        // liquor and tobacco licences (the excise office), foundations.
        "จดทะเบียนหย่า", "หย่า", "จดทะเบียนสมรส", "ทะเบียนสมรส", "นามสกุลเดิม", "บำนาญ", "บำเหน็จ", "กรมบัญชีกลาง", "โอนที่ดิน", "โอนโฉนด",
        "ใบอนุญาตขายสุรา", "ใบอนุญาตขายเหล้า", "ใบอนุญาตขายเบียร์", "ขายสุรา", "ขายเหล้า", "ขายเบียร์", "ใบอนุญาตขายยาสูบ", "ใบอนุญาตขายบุหรี่", "ขายบุหรี่", "มูลนิธิ",
        "นายจ้าง", "ค่าแรง", "สรรพสามิต", "ประวัติอาชญากรรม", "ย้ายโรงเรียน", "ข้าราชการครู", "ค่ารักษาพยาบาล", "การประปาส่วนภูมิภาค", "กปภ");

    /// <summary>
    /// Session 18: the national agencies that own land, water and roads in a municipality's area besides the highways
    /// department's numbered roads: any highway ("ทางหลวง" bare; a local one, "ทางหลวงท้องถิ่น", is the municipality's own),
    /// the irrigation department's canals, gates and water fees, the forestry department's forests, trees and permits, the
    /// marine department's piers and boats. Named, they are decisive as the utilities are (<see cref="NamesNationalAgency"/>).
    /// </summary>
    private static readonly string[] NationalAgencyWords = Words(
        "ทางหลวง", "ชลประทาน", "กรมชลประทาน", "โครงการชลประทาน", "คลองส่งน้ำชลประทาน", "ป่าไม้", "กรมป่าไม้", "ป่าสงวน", "อุทยานแห่งชาติ",
        "เจ้าท่า", "กรมเจ้าท่า");

    /// <summary>
    /// Session 16 (set 10): other agencies' own things — a national highway, a land title, a district-office card, an
    /// immigration notice, a driving licence, a lawsuit or a private debt, a state school's pupils — named as the matter:
    /// out of scope however municipal the other words ("ถนนทางหลวงหมายเลข 2 เป็นหลุม", "โฉนดหาย", "บัตรชมพูหาย"), unless
    /// only a landmark ("หน้าโรงเรียนมัธยม"). Counted with <see cref="AgencyWords"/> by <see cref="AgencyWeight"/>.
    /// </summary>
    private static readonly string[] AgencyThings = Words([
        "ทางหลวงหมายเลข", "แขวงทางหลวง", "ทางหลวงชนบท", "กรมทางหลวง", "ทางหลวงแผ่นดิน", "สำนักงานทางหลวง",
        "โฉนด", "นส3", "น.ส.3", "สำนักงานที่ดิน", "กรมที่ดิน", "รังวัด", "สปก", "ส.ป.ก",
        "บัตรชมพู", "บัตรประจำตัวคนซึ่งไม่มีสัญชาติ", "บัตรคนต่างด้าว", "บัตรต่างด้าว",
        "กับตม", "ที่ตม", "แจ้งตม", "สำนักงานตม", "ตมจังหวัด", "ตรวจคนเข้าเมือง", "ตม30", "ทม30", "tm30", "วีซ่า", "visa", "พาสปอร์ต", "หนังสือเดินทาง",
        "ใบขับขี่", "ใบอนุญาตขับ", "ขนส่งจังหวัด", "กรมการขนส่ง", "สอบใบขับขี่",
        "ฟ้องศาล", "ฟ้องร้อง", "ขึ้นศาล", "ศาลจังหวัด", "ทวงหนี้", "ลูกหนี้", "เจ้าหนี้", "หนี้นอกระบบ", "เบี้ยวหนี้", "สถานีตำรวจ", "โรงพัก",
        "โรงเรียนมัธยม", "ครูประจำชั้น", "ผู้อำนวยการโรงเรียน", "เขตพื้นที่การศึกษา", "สพฐ", .. NationalAgencyWords]);

    /// <summary>The municipality's own business that a message naming an agency's thing may still be about (land tax on a titled plot, its lights).</summary>
    private static readonly string[] MunicipalOwnWords = Words(
        "ภาษีที่ดิน", "ภาษีป้าย", "ภาษีโรงเรือน", "ใบอนุญาตก่อสร้าง", "ขออนุญาตก่อสร้าง", "ไฟถนน", "ไฟกิ่ง", "ไฟทาง", "ศูนย์พัฒนาเด็กเล็ก", "โรงเรียนเทศบาล", "ทะเบียนบ้าน", "บ้านเลขที่",
        // Session 18: all of its lights by their other names, and its own local roads.
        "ไฟส่องสว่าง", "ไฟสาธารณะ", "ไฟฟ้าสาธารณะ", "ไฟส่องทาง", "โคมไฟ", "ทางหลวงท้องถิ่น", "ถนนเทศบาล");

    /// <summary>Other agencies' and businesses' buildings a place may be named by (<see cref="WithoutLandmarks"/>).</summary>
    private static readonly string[] LandmarkWords = Words(
        "ธนาคาร", "แบงก์", "แบงค์", "ธกส", "ออมสิน", "กรุงไทย", "กสิกร", "ไทยพาณิชย์", "คลินิก", "คลีนิก", "โรงพยาบาล", "รพ", "ร้านขายยา", "ร้านยา",
        "สำนักงานที่ดิน", "ที่ดิน", "ตำรวจ", "โรงพัก", "สถานีตำรวจ", "อำเภอ", "ที่ว่าการอำเภอ", "ศาลจังหวัด", "ไปรษณีย์", "เซเว่น", "7-11", "ห้าง",
        "โรงงาน", "บริษัท", "โรงเรียนมัธยม", "โรงเรียนบ้าน", "โรงเรียน", "การไฟฟ้า", "สนามบิน", "สถานีรถไฟ", "ร้านเกมส์", "ร้านเกม", "ร้านทอง", "ปั๊ม", "ปั้ม",
        // Session 18: the irrigation canal a road runs along.
        "คลองชลประทาน", "คลองส่งน้ำชลประทาน", "ชลประทาน");

    [GeneratedRegex(@"ร\s?\d{2}[\s-]+\d{3,6}")]
    private static partial Regex CaseNumber();

    [GeneratedRegex(@"(?:มา|ได้)?\s?(?:\d+|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|หลาย)\s?(?:วัน|อาทิตย์|สัปดาห์|เดือน|มื้อ|คืน|ชั่วโมง)\s?(?:แล้ว)?")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?:แจ้ง|ร้องเรียน|ยื่น|บอก|รายงาน|ส่ง)\S{0,24}?ไป(?:เมื่อ|แล้ว|แลว|ตั้งแต่|นาน|หลาย|สอง|สาม|สี่|ห้า|\d|อาทิตย์|สัปดาห์|วัน|เดือน|น่ะ)")]
    private static partial Regex FiledEarlier();

    /// <summary>"เรื่องที่หนูแจ้ง…", "เรื่องที่ข่อยแจ้ง…": a message that opens with the matter the writer reported.</summary>
    [GeneratedRegex(@"^เรื่องที่\S{0,6}?(?:แจ้ง|ร้องเรียน|รายงาน|บอก|ส่ง)")]
    private static partial Regex OpensWithMyReport();

    [GeneratedRegex(@"\d\s?ดาว")]
    private static partial Regex Stars();

    /// <summary>
    /// Session 16 (set 10): a score given in a sentence — "ให้ 1 คะแนน", "ให้ ๔ คะแนน" (digits made one form by the
    /// normaliser), "คะแนน 3", "3/5", "สิบเต็มสิบ", "ห้าดาว", "หนึ่งดาว" — a number from one to ten, not a count of a hundred.
    /// </summary>
    [GeneratedRegex(@"(?:ให้|rate|เรท)\s?(?:10|[0-9])\s?(?:/|เต็ม|จาก)\s?(?:10|5|สิบ|ห้า)(?!\d)|ให้\s?(?:10|[0-9]|หนึ่ง|สอง|สาม|สี่|ห้า|สิบ)(?!\d)\s?(?:คะแนน|ดาว|เต็ม)|(?<!\d)(?:10|[0-9])(?!\d)\s?คะแนน(?!\s?(?:ita|เสียง))|คะแนน\s?(?:10|[0-9])(?!\d)|(?:หนึ่ง|สอง|สาม|สี่|ห้า)\s?ดาว|(?:สิบ|10)\s?เต็ม\s?(?:สิบ|10)|เต็มสิบ\s?ให้")]
    private static partial Regex ScoreGiven();

    [GeneratedRegex(@"แล้ว(?:ค่ะ|คะ|ครับ|คับ|จ้า|เด้อ|นะ)?$")]
    private static partial Regex EndsDone();

    /// <summary>Classifies one message; <paramref name="categories"/> are the content pack's complaint categories.</summary>
    public static Understood Classify(string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            // The normaliser drops emoji: stars alone ("⭐⭐⭐⭐⭐") are a rating.
            return new Understood(text?.Contains('⭐', StringComparison.Ordinal) == true ? Intent.Rating : Intent.None);
        }

        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        // "แจ้งเบาะแสทุจริตได้ที่ไหน", "คนแจ้งจะถูกเปิดเผยชื่อไหม": asking how reporting works reports nothing (the pack answers it
        // with the protected channel's menu); a question that also tells of a bribe taken is still a report.
        if (AsksOnlyHowToReport(text) || AsksAboutMisconductAhead(compact) || AsksAboutPublicRecords(compact))
        {
            // Session 16 (set 10): "เรื่องที่ผมแจ้งเบาะแสไปเรื่องประมูล มีความคืบหน้าไหม": a report already made, asked after.
            return new Understood(AsksAfterFiledReport(compact) ? Intent.MyCase : Intent.Question);
        }

        // "นายกเอารถดับเพลิงไปล้างลานวัดบ้านเมียนายก": the municipality's things gone to an official's or kin's use, or sold.
        if (CorruptionSignals.LooksLikeCorruption(text) || (Any(compact, MunicipalAssetWords) && Any(compact, PrivateUseWords)))
        {
            return new Understood(Intent.Corruption);
        }

        if (Any(compact, PrivacyWords))
        {
            return new Understood(Intent.PrivacyRequest);
        }

        // "สวัสดีค่ะ ไฟถนนดับ…": the greeting is answered by understanding what follows it.
        // Session 17 (set 11): "เรียน ทต. สวัสดีครับ": a salutation and whom it names before the greeting.
        var greeted = StripLeading(compact, SalutationWords) is { } addressed ? StripAll(addressed, AddresseeWords) : compact;
        if (StripLeading(greeted, GreetingWords) is { } afterGreeting)
        {
            var rest = StripAll(afterGreeting, Fillers);
            if (rest.Length == 0)
            {
                return new Understood(Intent.Greeting);
            }
        }

        if (StripAll(StripAll(compact, ThanksWords, Fillers), ThanksWords, Fillers).Length == 0)
        {
            return new Understood(Intent.Thanks);
        }

        // "ขอบคุณสำหรับข้อมูลค่ะ": a short thank-you with a few more words, asking nothing and reporting nothing.
        if (compact.Length <= 40 && (StripLeading(compact, ThankingWords) is not null || EndsWithThanks(compact))
            && !Any(compact, QuestionWords) && Count(compact, ProblemWords) == 0 && !Any(compact, PleaWords))
        {
            return new Understood(Intent.Thanks);
        }

        // "ไฟดับทั้งตลาด การไฟฟ้าจะมาเมื่อไหร่": a power cut, a meter or a bill of the electricity authority (or the provincial
        // waterworks) is theirs, however fully described; the municipality's street lights are not.
        // Session 16 (set 10): "ไฟในบ้านนะคะ ไม่ใช่ไฟถนน": a municipal light said not to be the matter does not count.
        if (Any(compact, UtilityWords) && !Any(StripNegated(StripAllOf(compact, HighVoltageWords), MunicipalLightWords), MunicipalLightWords))
        {
            return new Understood(Intent.OutOfScope);
        }

        // Session 16 (set 10): another agency's own thing as the matter ("โฉนดหาย ขอใหม่ที่ไหน", "ทางหลวงหมายเลข 2 เป็นหลุม"),
        // not as a landmark, is theirs, however it is worded; the pack's land tax and the municipality's lights stay its own.
        var unmarked = WithoutLandmarks(compact);
        if (Any(unmarked, AgencyThings) && !Any(compact, MunicipalOwnWords))
        {
            return new Understood(Intent.OutOfScope);
        }

        // Session 18: money between the writer and a private party ("นายจ้างไม่จ่ายเงินเดือน", "ร้านไม่ยอมคืนเงิน") with no
        // official or office of the municipality named: a labour or consumer dispute, not misconduct and not its business.
        if (IsPrivateDispute(compact))
        {
            return new Understood(Intent.OutOfScope);
        }

        // "ประตูฟุตบอลหัก ตาข่ายขาด", "ขับรถอย่างกับเล่นเกม": a fault described in full is a complaint whatever else it names.
        // Session 16: other agencies' buildings named as landmarks ("หน้าธนาคารออมสิน") do not make it theirs.
        if (Any(unmarked, OutOfScopeWords) && !(Complaint(normalized, compact, text, categories) is { Score: >= 3 } strong && strong.Understood is not null
            && AgencyWeight(text).Agency == 0))
        {
            return new Understood(Intent.OutOfScope);
        }

        if (Any(compact, MenuWords) && (compact.Length <= 24 || (compact.Length <= 48 && Any(compact, PressingWords) && Count(compact, ProblemWords) == 0)))
        {
            return new Understood(Intent.Menu);
        }

        // Stars or "ให้คะแนน" rate a case, whatever case words come with them ("ให้ 1 ดาว ปิดเรื่องแต่ไม่ได้ทำอะไร").
        // Session 15 (set 9): "ถ้าจะติชม…ต้องส่งเรื่องที่ไหน" asks where, ahead of time.
        if ((Any(Any(compact, DissatisfiedWords) ? StripAllOf(compact, DissatisfiedWords) : compact, RatingWords) && !(Any(compact, HypotheticalWords) && Any(compact, QuestionWords))) || Stars().IsMatch(normalized)
            || ((ScoreGiven().IsMatch(normalized) || ScoreGiven().IsMatch(text!.ToLowerInvariant())) && !Any(compact, HowToWords) && !Any(compact, ScoreAskWords)))
        {
            return new Understood(Intent.Rating);
        }

        var howTo = Any(compact, HowToWords);
        if (CaseNumber().IsMatch(normalized)
            || (Any(compact, MyCaseOwn) && !howTo)
            || ((Any(compact, MyCaseFiled) || FiledEarlier().IsMatch(compact)) && (Any(compact, MyCaseProgress) || Any(compact, MyCaseActionWords)) && !howTo)
            // "เรื่องที่ผมแจ้งท่อตัน ช่างจะมาเมื่อไหร่": the matter reported, then when or what was done about it.
            || (OpensWithMyReport().IsMatch(compact) && (Any(compact, QuestionWords) || Any(compact, FixWords) || Any(compact, MyCaseProgress)) && !howTo))
        {
            return new Understood(Intent.MyCase);
        }

        return Complaint(normalized, compact, text, categories).Understood ?? new Understood(Intent.Question);
    }

    /// <summary>The complaint the text describes (null when it describes none) and how much evidence it gives (0–5.5).</summary>
    private static (Understood? Understood, double Score) Complaint(string normalized, string compact, string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var question = Any(compact, QuestionWords);
        var howTo = Any(compact, HowToWords);
        var category = Category(normalized, text, categories);
        var problems = Count(compact, ProblemWords);
        // "ร้องเรียนเรื่องไฟดับต้องทำยังไง": complaining named as what a how-to question asks about is no plea.
        var plea = howTo ? Any(StripAllOf(compact, ComplainingWords), PleaWords) : Any(compact, PleaWords);
        var narrative = Any(compact, NarrativeWords) || Duration().IsMatch(normalized) || EndsDone().IsMatch(compact);
        var place = PlaceFinder.Find(text);
        var score = (category is null ? 0 : 1) + Math.Min(problems, 2) + (plea ? 1 : 0) + (narrative ? 1 : 0) + (place is not null || Any(compact, PlaceWords) ? 0.5 : 0);
        // A problem described and then a question about when or whether it gets fixed is still a complaint ("…ดับ จะมีคนมาซ่อมเมื่อไหร่").
        var asksForFix = Any(compact, FixWords);
        // Session 14 (set 8): "ถ้ามีงูเข้าบ้าน เทศบาลมาจับให้ได้ไหม" asks ahead of time, whatever fix it names.
        var hypothetical = AsksHypothetically(compact, question, narrative);
        var complaint = problems > 0 && score >= 2
            && !(howTo && !narrative && !plea)
            && !(question && score < 3 && !asksForFix)
            && !hypothetical;
        return (complaint || (plea && problems > 0 && !howTo && !hypothetical) ? new Understood(Intent.Complaint, category?.Id, place) : null, score);
    }

    /// <summary>Session 16 (set 10): a report the writer already made ("เรื่องที่ผมแจ้งเบาะแสไป…"), asked after, with nothing new told of.</summary>
    private static bool AsksAfterFiledReport(string compact) =>
        (OpensWithMyReport().IsMatch(compact) || FiledEarlier().IsMatch(compact)) && Any(compact, MyCaseProgress) && !Any(compact, HypotheticalWords);

    /// <summary>A case put ahead of time and asked about ("ถ้า…ได้ไหม"), with nothing said to have lasted and no urgent plea.</summary>
    private static bool AsksHypothetically(string compact, bool question, bool narrative) =>
        !narrative && (question || Any(compact, DialectQuestionWords)) && Any(compact, HypotheticalWords) && !Any(compact, UrgentWords);

    /// <summary>Whether the text asks about a case put ahead of time (the model is not to turn it into a complaint).</summary>
    public static bool AsksHypothetically(string? text)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        var narrative = Any(compact, NarrativeWords) || Duration().IsMatch(normalized) || EndsDone().IsMatch(compact);
        return AsksHypothetically(compact, Any(compact, QuestionWords), narrative);
    }

    /// <summary>The text read as a complaint: the category it names (null when unclear) and the place.</summary>
    public static Understood AsComplaint(string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        return new Understood(Intent.Complaint, Category(normalized, text, categories)?.Id, PlaceFinder.Find(text));
    }

    /// <summary>
    /// The category of what the problem is, not of the words around it: a greeting to the officer ("เรียนเจ้าหน้าที่") is no
    /// complaint about staff, nor is asking for one to come ("ส่งเจ้าหน้าที่มาดู"), a road named as where something is ("ล้มพาดถนน", "เดินบนถนน") is no broken road, a bus stop
    /// is no sign, and "ละหมาด" holds no dog. Those words are set aside first; a tie between categories is no answer (ask).
    /// </summary>
    private static ComplaintCategory? Category(string normalized, string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var said = text ?? string.Empty;
        var problem = NotTheProblem().Replace(said, " ");
        if (!ReferenceEquals(problem, said))
        {
            (said, normalized) = (problem, ThaiNormalizer.Normalize(problem));
        }

        return CategoryMatcher.Match(categories, normalized) ?? CategoryMatcher.Match(categories, said);
    }

    [GeneratedRegex(@"^\s*(?:เรียน|ถึง)\s?(?:เจ้าหน้าที่|จนท\.?|ท่าน)(?:กองช่าง|เทศบาล)?|(?:ส่ง|ให้|รบกวน|ขอ|ฝาก)เจ้าหน้าที่|ละหมาด|ป้ายรถ(?:เมล์|สองแถว|ตู้)?"
        + @"|(?:บน|ริม|ข้าง|กลาง|ลง|ข้าม|พาด|ทับ|เดิน|ตาม|เลียบ|เต็ม|นอง|ไหลนอง)(?:ไป)?(?:บน)?(?:ถนน|ทางเท้า|ฟุตบาท|สะพานลอย)")]
    private static partial Regex NotTheProblem();

    /// <summary>A question about reporting misconduct (where, how, whether the reporter is protected), or a hypothetical one.</summary>
    private static bool AsksHowToReport(string compact) =>
        Any(compact, ReportingWords) && Any(compact, AskingWords)
        // Session 15 (set 9): "หากดิฉันประสงค์จะแจ้งเบาะแส…ต้องเปิดเผยชื่อหรือไม่" intends nothing yet.
        && !(Any(StripAllOf(compact, NothingToReportWords), IntendingWords) && !Any(compact, OnlyAskingWords) && !OpensWithSupposition(compact));

    /// <summary>The message opens (after a polite opener) with "ถ้า", "หาก" or "สมมติ", and no one is said to have set the condition.</summary>
    private static bool OpensWithSupposition(string compact)
    {
        var rest = StripAll(compact, AskingOpeners);
        return SuppositionWords.Any(w => rest.StartsWith(w, StringComparison.Ordinal)) && !Any(compact, ToldConditionWords);
    }

    /// <summary>Session 18 (set 12): the writer's own report supposed ("ถ้าจะร้องเรียนเจ้าหน้าที่…", "ถ้าข้าจะแจ้ง…").</summary>
    private static readonly string[] OwnReportWords = Words(
        "จะร้องเรียน", "จะแจ้ง", "อยากร้องเรียน", "อยากแจ้ง", "ต้องการร้องเรียน", "ต้องการแจ้ง", "ประสงค์จะแจ้ง", "ประสงค์แจ้ง", "ประสงค์ร้องเรียน",
        "จะทำเรื่องร้องเรียน", "จะยื่นเรื่อง", "จะส่งเรื่อง");

    /// <summary>
    /// Session 18 (set 12): a supposition of the writer's own report anywhere in the message ("ใครคือผู้บังคับบัญชา… ถ้าจะร้องเรียน
    /// เจ้าหน้าที่ต้องยื่นถึงใคร"), with nothing told before it that reads as a report ("เจ้าหน้าที่เรียกเงิน 800 ถ้าจะร้องเรียน
    /// ต้องทำยังไง" tells of one first) and no condition someone set.
    /// </summary>
    private static bool SupposesOwnReport(string compact)
    {
        var at = -1;
        foreach (var word in HypotheticalWords)
        {
            var found = compact.IndexOf(word, StringComparison.Ordinal);
            if (found >= 0 && (at < 0 || found < at))
            {
                at = found;
            }
        }

        return at >= 0 && Any(compact[at..], OwnReportWords) && !Any(compact, ToldConditionWords)
            && !CorruptionSignals.LooksLikeCorruption(compact[..at]);
    }

    /// <summary>How a supposition opens: <see cref="HypotheticalWords"/>, and "กรณี…" (session 17, set 11: "กรณีประชาชนประสงค์แจ้งเบาะแส…ต้องแจ้งที่ใด").</summary>
    private static readonly string[] SuppositionWords = Words("ถ้า", "หาก", "สมมติ", "สมมุติ", "ในกรณีที่", "ในกรณี", "กรณีที่", "กรณี");

    /// <summary>
    /// Session 15 (set 9): misconduct put ahead of time and asked about — where to tell, whom, what to do ("ถ้าเห็นเจ้าหน้าที่รับเงิน
    /// ใต้โต๊ะจะแจ้งที่ไหน", "ถ้าเจ้าหน้าที่ไม่ออกใบเสร็จ ควรทำยังไง") — or a small gift the writer means to give ("ให้ขนมเจ้าหน้าที่
    /// ผิดระเบียบไหม"): the pack answers with the protected channel or the no-gift policy; nothing has happened to report.
    /// </summary>
    private static bool AsksAboutMisconductAhead(string compact) =>
        !Any(compact, NarrativeWords)
        && (((OpensWithSupposition(compact) || SupposesOwnReport(compact)) && Any(compact, WhereToTurnWords) && !Any(compact, FrightWords))
            || (Any(compact, GiftWords) && Any(compact, GiftReceiverWords) && Any(compact, RuleAskWords) && !Any(StripAllOf(compact, RuleLineWords), DemandWords))
            // Session 16 (set 10): the card an inspector must show, asked about; who decides reports of misconduct.
            || (Any(compact, CredentialWords) && Any(compact, QuestionWords) && !Any(compact, FrightWords) && !Any(compact, IntendingWords))
            || (Any(compact, ReportingWords) && Any(compact, WhoDecidesWords) && !Any(compact, FrightWords)
                && !CorruptionSignals.LooksLikeCorruption(StripAllOf(StripAllOf(compact, ReportingWords), WhoDecidesWords))));

    /// <summary>Session 15 (set 9): where budgets, plans and announcements are published, when the budget year starts — asking, not reporting.</summary>
    private static bool AsksAboutPublicRecords(string compact) =>
        Any(compact, PublicRecordWords) && (Any(compact, QuestionWords) || Any(compact, RecordAskWords)) && !CorruptionSignals.LooksLikeCorruption(StripAllOf(compact, PublicRecordWords));

    /// <summary>
    /// Whether the rules read the text as misconduct put ahead of time and asked about, a gift asked about, or published
    /// records asked after (the model's corruption letters are not to turn it into a report). A how-to question that also
    /// tells a story ("กลัวมาก ถ้าเล่าไปจะมีใครรู้ไหม … หัวหน้าให้เซ็นรับของ…") is still the model's to call a report.
    /// </summary>
    public static bool AsksAboutReporting(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return AsksAboutMisconductAhead(compact) || AsksAboutPublicRecords(compact)
            // Session 17 (set 11): "จั่งใดสิแจ้งเรื่องคนเทศบาลโกงได้ … ถามไว้ก่อน": how to report, the writer saying they only ask.
            || (Any(compact, OnlyAskingWords) && AsksOnlyHowToReport(text))
            // Session 18 (set 12): how reporting works asked with no fear told — whether they will know who reported, or by
            // which channel, to whom, with what evidence (and nothing else of misconduct named besides): the model's letters
            // (ทุจริต, ประพฤติมิชอบ) are not to make it a report.
            || (!Any(compact, FearGuardWords) && AsksOnlyHowToReport(text)
                && (Any(compact, ReporterIdentityWords) || (Any(compact, ReportingProcedureWords)
                    && !Any(StripAllOf(StripAllOf(compact, ReportingWords), ReportingProcedureWords), MisconductWords))));
    }

    /// <summary>Session 18: fear told, with which a question about reporting may hide a report (the model decides).</summary>
    private static readonly string[] FearGuardWords = Words("กลัว", "ไม่กล้า", "บ่กล้า", "ย่าน");

    /// <summary>Session 18 (set 12): whether the reported official will know who reported.</summary>
    private static readonly string[] ReporterIdentityWords = Words(
        "ใครแจ้ง", "ใครเป็นคนแจ้ง", "ใครร้องเรียน", "รู้ว่าใคร", "รู้ไหมว่าใคร", "รู้มั้ยว่าใคร", "ชื่อจะหลุด", "เปิดเผยชื่อ", "ชื่อจริง", "เป็นความลับ", "ตัวคนแจ้ง");

    /// <summary>Session 18 (set 12): by which channel, how, to whom and with what evidence a report is made.</summary>
    private static readonly string[] ReportingProcedureWords = Words(
        "ช่องทาง", "วิธียื่น", "วิธีร้องเรียน", "วิธีการร้องเรียน", "ยื่นเรื่อง", "ทำเป็นหนังสือ", "หลักฐานอะไร", "ต้องมีหลักฐาน", "ถึงใคร", "ทางไหน", "ที่ไหน", "ที่ใด");

    /// <summary>Session 15 (set 9): staff's conduct (rude, slow, calls dropped) with no money, gift, kin or threat named.</summary>
    public static bool TellsOfConductOnly(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return Any(compact, ConductWords) && !Any(compact, MoneyOrFavourWords);
    }

    /// <summary>
    /// A question about reporting misconduct that tells of none ("ถ้าแจ้งทุจริตไปแล้วจะถูกเปิดเผยชื่อไหม"): the rules call it a
    /// question, and the model's letters (ทุจริต, โกง) are not to turn it back into a report.
    /// </summary>
    private static bool AsksOnlyHowToReport(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return AsksHowToReport(compact) && !CorruptionSignals.LooksLikeCorruption(StripReportingWords(compact));
    }

    private static readonly string[] NegationWords = Words("ไม่ใช่", "มิใช่", "บ่แม่น", "ไม่ได้หมายถึง");

    /// <summary>The text with "ไม่ใช่" and the word of <paramref name="words"/> right after it blanked out ("ไม่ใช่ไฟถนน").</summary>
    private static string StripNegated(string compact, string[] words)
    {
        foreach (var negation in NegationWords)
        {
            for (var at = compact.IndexOf(negation, StringComparison.Ordinal); at >= 0; at = compact.IndexOf(negation, at + 1, StringComparison.Ordinal))
            {
                var after = at + negation.Length;
                foreach (var word in words)
                {
                    if (compact.AsSpan(after).StartsWith(word, StringComparison.Ordinal))
                    {
                        compact = string.Concat(compact.AsSpan(0, at), " ", compact.AsSpan(after + word.Length));
                        break;
                    }
                }
            }
        }

        return compact;
    }

    /// <summary>
    /// Session 16: where a place is named by another agency's building ("หน้าธนาคารออมสิน", "ข้างโรงเรียนมัธยม"), that
    /// agency is a landmark, not the matter: the prefixes that make it one.
    /// </summary>
    private static readonly string[] LandmarkPrefixes = Words("หน้า", "ข้าง", "หลัง", "ใกล้", "ตรงข้าม", "แถว", "ริม", "ติด", "ถัดจาก", "เยื้อง", "ฝั่ง",
        // Session 17 (set 11): a part of the building ("หน้าทางลาดธนาคาร", "ลานจอดรถโรงพยาบาล").
        "ทางลาด", "ประตู", "ทางเข้า", "ลานจอดรถ", "ที่จอดรถ", "ฟุตบาท", "ทางเท้า", "รั้ว", "กำแพง",
        // Session 18: a road along a canal ("ถนนเลียบคลองชลประทาน").
        "เลียบ");

    /// <summary>The text with other agencies' and businesses' words that only name a landmark ("หน้าธนาคาร") blanked out.</summary>
    private static string WithoutLandmarks(string compact)
    {
        foreach (var prefix in LandmarkPrefixes)
        {
            for (var at = compact.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = compact.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                // "หน้าธนาคารออมสิน": the landmark's words one after another.
                var after = at + prefix.Length;
                var end = after;
                for (var matched = true; matched;)
                {
                    matched = false;
                    foreach (var word in LandmarkWords)
                    {
                        if (compact.AsSpan(end).StartsWith(word, StringComparison.Ordinal))
                        {
                            end += word.Length;
                            matched = true;
                            break;
                        }
                    }
                }

                if (end > after)
                {
                    compact = string.Concat(compact.AsSpan(0, after), " ", compact.AsSpan(end));
                }
            }
        }

        return compact;
    }

    /// <summary>The text with every occurrence of <paramref name="words"/> blanked out.</summary>
    private static string StripAllOf(string compact, string[] words)
    {
        foreach (var word in words)
        {
            compact = compact.Replace(word, " ", StringComparison.Ordinal);
        }

        return compact;
    }

    /// <summary>The text without its reporting words, for the corruption check to find what else it tells ("…เรียกเงิน 500").</summary>
    private static string StripReportingWords(string compact)
    {
        compact = StripAllOf(compact, ReportingWords);
        foreach (var word in Words("ถ้า", "สมมติ", "ถามไว้ก่อน", "เผื่อ"))
        {
            // A hypothetical tells of nothing that happened.
            if (compact.Contains(word, StringComparison.Ordinal))
            {
                return string.Empty;
            }
        }

        return compact;
    }

    /// <summary>Session 18: money owed or withheld between the writer and a private party, with no official or office of the municipality named.</summary>
    private static bool IsPrivateDispute(string compact) =>
        Any(compact, PrivatePartyWords) && Any(compact, OwedWords) && !Any(compact, PublicSideWords);

    /// <summary>Whether the text tells of money owed between the writer and a private party, with no official named (a labour or consumer dispute).</summary>
    public static bool TellsOfPrivateDispute(string? text) => IsPrivateDispute(ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Whether the text names the electricity authority's or the provincial waterworks' network, bill or meter (<see cref="UtilityWords"/>).</summary>
    public static bool NamesUtility(string? text) => Any(ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal), UtilityWords);

    /// <summary>
    /// Session 18: whether the text names a national agency's land, water or road (<see cref="NationalAgencyWords"/>) as the
    /// matter, not as a landmark, and none of the municipality's own things.
    /// </summary>
    public static bool NamesNationalAgency(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return Any(WithoutLandmarks(compact), NationalAgencyWords) && !Any(compact, MunicipalOwnWords);
    }

    /// <summary>Whether the text names anything misconduct is made of besides an official (<see cref="MisconductWords"/>).</summary>
    public static bool NamesMisconduct(string? text) =>
        // Session 15 (set 9): "กลัวลืมแล้วโดนปรับ" fears a fine, not the people reported on.
        Any(StripAllOf(ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal), NotFearWords), MisconductWords);

    /// <summary>A question that names nothing the municipality does (other agencies' words that contain the municipality's do not count).</summary>
    public static bool IsForeign(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var compound in ForeignCompounds)
        {
            compact = compact.Replace(compound, " ", StringComparison.Ordinal);
        }

        return !Any(compact, MunicipalWords);
    }

    /// <summary>
    /// How many other agencies' words (<see cref="AgencyWords"/>) the text names, and how many of the municipality's words
    /// it names besides them (an agency's word that contains a municipal one, "ค่าไฟ" or "ปลัดอำเภอ", counts once, for the agency).
    /// </summary>
    public static (int Agency, int Municipal) AgencyWeight(string? text)
    {
        var compact = WithoutLandmarks(ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal));
        var agency = 0;
        foreach (var word in AgencyAndThings)
        {
            if (compact.Contains(word, StringComparison.Ordinal))
            {
                agency++;
                compact = compact.Replace(word, " ", StringComparison.Ordinal);
            }
        }

        foreach (var compound in ForeignCompounds)
        {
            compact = compact.Replace(compound, " ", StringComparison.Ordinal);
        }

        return (agency, Count(compact, MunicipalWords));
    }

    /// <summary>Other agencies' words and their things, longest first (an agency's thing holding an agency word counts once).</summary>
    private static readonly string[] AgencyAndThings = [.. AgencyWords.Concat(AgencyThings).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];

    /// <summary>
    /// Session 16: the message is nothing but the municipality's words and particles ("ภาษี", "ขยะค่ะ"): a vague question to
    /// offer choices for, which the model's few letters are not to call out of scope.
    /// </summary>
    public static bool IsBareMunicipalTopic(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Length is > 0 and <= 16 && StripAll(compact, MunicipalWords, Fillers).Length == 0;
    }

    /// <summary>Whether the text names another agency's own thing as the matter (not as a landmark), and none of the municipality's own.</summary>
    public static bool NamesAgencyThing(string? text)
    {
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        return Any(WithoutLandmarks(compact), AgencyThings) && !Any(compact, MunicipalOwnWords);
    }

    private static bool Any(string compact, string[] words)
    {
        foreach (var word in words)
        {
            if (compact.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Count(string compact, string[] words)
    {
        var count = 0;
        foreach (var word in words)
        {
            if (compact.Contains(word, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The text after a leading word of <paramref name="words"/>; null when it starts with none.</summary>
    private static string? StripLeading(string compact, string[] words)
    {
        foreach (var word in words)
        {
            if (compact.StartsWith(word, StringComparison.Ordinal))
            {
                return compact[word.Length..];
            }
        }

        return null;
    }

    private static readonly string[] TrailingMarks = [.. Fillers, "🙏", "😊", "❤️", "❤", "!", "."];

    /// <summary>Whether the text ends with a thanking word, particles and emoji after it aside ("ได้รับแล้วค่ะ ขอบคุณค่ะ 🙏").</summary>
    private static bool EndsWithThanks(string compact)
    {
        var rest = compact;
        for (var trimmed = true; trimmed;)
        {
            trimmed = false;
            foreach (var filler in TrailingMarks)
            {
                if (rest.Length > filler.Length && rest.EndsWith(filler, StringComparison.Ordinal))
                {
                    rest = rest[..^filler.Length];
                    trimmed = true;
                    break;
                }
            }
        }

        return ThankingWords.Any(w => rest.EndsWith(w, StringComparison.Ordinal));
    }

    /// <summary>Removes leading words of either list again and again; what is left is what they do not cover.</summary>
    private static string StripAll(string compact, string[] words, string[]? more = null)
    {
        var rest = compact;
        while (rest.Length > 0)
        {
            var next = StripLeading(rest, words) ?? (more is null ? null : StripLeading(rest, more));
            if (next is null)
            {
                break;
            }

            rest = next;
        }

        return rest;
    }

    private static string[] WithConduct(params string[] words) => Words([.. words, .. ConductWords]);

    /// <summary>Each word in the normaliser's canonical form, without spaces, longest first (so "ครับผม" is stripped before "ครับ").</summary>
    private static string[] Words(params string[] words) =>
        [.. words.Select(w => ThaiNormalizer.Normalize(w).Replace(" ", string.Empty, StringComparison.Ordinal))
            .Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];
}
