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
    private static readonly string[] GreetingWords = Words("สวัสดี", "หวัดดี", "อรุณสวัสดิ์", "ฮัลโหล", "ฮาโหล", "ดีจ้า", "ดีค่ะ", "ดีครับ", "ดีคับ", "ดีค่า", "hello", "hi", "สบายดีบ่", "สบายดีไหม", "สบายดีมั้ย");

    private static readonly string[] ThanksWords = Words(
        "ขอบคุณ", "ขอบใจ", "ขอบพระคุณ", "thx", "thank", "thanks", "โอเค", "ok", "okay", "ได้ค่ะ", "ได้ครับ", "ได้คับ", "ได้เลย", "รับทราบ", "เข้าใจแล้ว", "ดีมาก", "👍");

    /// <summary>Words that thank, whatever follows them.</summary>
    private static readonly string[] ThankingWords = Words("ขอบคุณ", "ขอบใจ", "ขอบพระคุณ", "thank");

    /// <summary>Words that say nothing on their own after a greeting or a thank-you.</summary>
    private static readonly string[] Fillers = Words(
        "ค่ะ", "คะ", "ค่า", "ครับผม", "ครับ", "คับ", "คร้าบ", "จ้า", "จ้ะ", "จ๊ะ", "นะคะ", "นะครับ", "นะ", "เด้อ", "เด้", "ผม", "ทุกคน", "ท่าน",
        "แอดมิน", "admin", "เจ้าหน้าที่", "รบกวน", "สอบถาม", "ขอ", "หน่อย", "ตอนเช้า", "ตอนบ่าย", "ตอนเย็น", "ตอนเช้า", "มากๆ", "มาก", "หลายๆ", "หลาย",
        "you", "ๆ", "จ๊า", "ด้วย", "เลย", "เด้อค่ะ", "งับ", "ฮะ", "เจ้า");

    private static readonly string[] MenuWords = Words("เมนู", "ให้เลือก", "เริ่มใหม่", "หน้าแรก", "menu");

    private static readonly string[] PrivacyWords = Words(
        "ข้อมูลของฉัน", "ข้อมูลของผม", "ข้อมูลของหนู", "ข้อมูลของเรา", "ข้อมูลส่วนตัว", "ข้อมูลส่วนบุคคล", "สำเนาข้อมูล", "ลบข้อมูล", "แก้ไขข้อมูล", "pdpa");

    private static readonly string[] MyCaseOwn = Words(
        "เรื่องของฉัน", "เรื่องของผม", "เรื่องของหนู", "เรื่องของเรา", "คำร้องของ", "เรื่องที่เคยแจ้ง", "ดูเรื่องที่", "ตามเรื่อง", "สถานะเรื่อง", "สถานะคำร้อง",
        "ติดตามเรื่องร้องเรียน", "ขอติดตามเรื่อง");

    private static readonly string[] MyCaseFiled = Words("ที่แจ้ง", "ที่ร้องเรียน", "แจ้งไป", "ร้องเรียนไป", "แจ้งไว้", "ร้องเรียนไว้", "เรื่องที่", "ที่ผมแจ้ง", "ที่หนูแจ้ง", "ที่ฉันแจ้ง", "เคยแจ้ง");

    private static readonly string[] MyCaseProgress = Words(
        "ถึงไหน", "เป็นยังไง", "เป็นไง", "คืบหน้า", "สถานะ", "รับเรื่องยัง", "รับเรื่องหรือยัง", "รับเรื่องแล้วยัง", "ได้รับเรื่อง", "มีคนรับเรื่อง", "ยังไม่มีใคร", "ยังไม่มีคน",
        "ไปถึงไหน", "มีใครมาดู", "ได้เรื่องยัง", "เงียบ", "ช่วยเช็ค");

    private static readonly string[] RatingWords = Words("ให้คะแนน", "คะแนนความพึงพอใจ", "ความพึงพอใจ", "ประเมินเจ้าหน้าที่", "ประเมินการ", "ติชม", "ให้ดาว");

    /// <summary>What the municipality does not handle: other agencies' business, money, fortune, entertainment, homework.</summary>
    private static readonly string[] OutOfScopeWords = Words(
        "ราคาทอง", "ทองคำ", "ทองวันนี้", "หวย", "เลขเด็ด", "ลอตเตอรี่", "ล็อตเตอรี่", "สลากกินแบ่ง", "ผลบอล", "ฟุตบอล", "พรีเมียร์ลีก", "แทงบอล",
        "กลอน", "ราคาน้ำมัน", "น้ำมันดีเซล", "น้ำมันเบนซิน", "สูตรอาหาร", "ขอสูตร", "สอนทำ", "เมนูอาหาร", "ทำอาหาร", "ดูดวง", "ดวงชะตา", "ทำนายฝัน",
        "พาสปอร์ต", "หนังสือเดินทาง", "ประกันสังคม", "ภาษีรถ", "ทะเบียนรถ", "ใบขับขี่", "บัตรคนจน", "บัตรสวัสดิการแห่งรัฐ", "หุ้น", "บิทคอยน์",
        "bitcoin", "คริปโต", "การบ้าน", "แปลภาษา", "ภาษาอังกฤษ", "ขายที่ดิน", "รถมือสอง", "พัสดุ", "kerry", "flash", "ธนาคาร", "ออมสิน", "กรุงไทย",
        "กู้เงิน", "ซีรีส์", "ดูหนัง", "หนังสนุก", "เพลงใหม่", "โปรเน็ต", "ซิม", "เติมเงิน", "ภาษีเงินได้", "สรรพากร", "พยากรณ์อากาศ", "ฝนจะตก",
        "สภาพอากาศ", "เกมส์", "เกม");

    /// <summary>Something is wrong: out, broken, blocked, dirty, loud, dangerous, rude, slow.</summary>
    private static readonly string[] ProblemWords = Words(
        "ดับ", "ไม่ติด", "บ่ติด", "ไม่สว่าง", "มืด", "กระพริบ", "เสีย", "พัง", "ชำรุด", "แตก", "ร้าว", "ยุบ", "หลุม", "เป็นบ่อ", "ผุ", "เอียง", "หาย",
        "ไม่ไหล", "บ่ไหล", "ไหลอ่อน", "ไม่แรง", "ขุ่น", "ตะกอน", "รั่ว", "ซึม", "ตัน", "ไม่ระบาย", "ท่วม", "ขัง", "เอ่อ", "ล้น", "เหม็น", "กลิ่น",
        "ฉุน", "ควัน", "ฝุ่น", "เสียงดัง", "หนวกหู", "รำคาญ", "ไม่มาเก็บ", "ไม่เก็บ", "ไม่มีคนมาเก็บ", "ไม่มีใครเก็บ", "ข้ามบ้าน", "ทิ้ง", "เกลื่อน",
        "เรี่ยราด", "กองเป็น", "รก", "ล้ม", "ทับ", "พาด", "บัง", "ขวาง", "กัด", "ไล่", "เห่า", "จรจัด", "ตาย", "ยุง", "แมลงวัน", "ตะคอก",
        "ไม่สุภาพ", "พูดจาไม่ดี", "รอนาน", "ช้า", "ไม่รับสาย", "ไม่มีคนรับสาย", "ไม่มีใครติดต่อกลับ", "ไม่สนใจ", "อันตราย", "งู", "เปิดเพลง", "ขันทั้งคืน",
        "นอนไม่ได้", "เดินไม่ได้", "ผ่านไม่ได้", "เข้าไม่ได้", "ใช้ไม่ได้", "ร่อง", "ไม่มา", "บ่มา", "ขาด", "สนิม", "โค่น", "สไลด์",
        "ไม่ได้เลย", "บ่ได้", "กิ่งหัก", "ห้อย", "อุด", "นอนบ่หลับ", "นอนไม่หลับ", "รถติด", "แย่", "ไม่มีใครรับ", "เข้าบ้าน", "อยู่เรื่อย", "ทั่ว");

    /// <summary>The citizen asks for something to be done, or says it is a complaint.</summary>
    private static readonly string[] PleaWords = Words(
        "ร้องเรียน", "แจ้งเรื่อง", "ช่วยมา", "ช่วยด้วย", "มาดู", "มาซ่อม", "มาแก้", "มาตัด", "มาเก็บ", "มาลอก", "มาพ่น", "ขอให้มา", "รบกวนมา",
        "ช่วยหน่อย", "ช่วยจัดการ", "ด่วน", "เดือดร้อน", "ช่วยซ่อม", "ซ่อมให้", "ช่วยดู", "ช่วยแก้");

    /// <summary>Asking when or whether the problem gets fixed.</summary>
    private static readonly string[] FixWords = Words(
        "มาซ่อม", "จะซ่อม", "มาถม", "มาเก็บ", "มาลอก", "มาตัด", "มาจับ", "จะจับ", "จะตัด", "ทำไมไม่มา", "จะไหล", "จะมาดู", "ทำอะไรได้", "ให้ได้ไหม", "ให้ไหม",
        "จะมา", "เมื่อไหร่จะ", "เมื่อไรจะ");

    /// <summary>It has lasted, or happens again and again.</summary>
    private static readonly string[] NarrativeWords = Words("ทุกวัน", "ทุกคืน", "ทุกเย็น", "ทุกเช้า", "ทุกที", "ตั้งแต่", "เมื่อวาน", "เมื่อคืน", "อีกแล้ว", "หลายวัน", "นานแล้ว", "บ่อย", "ทั้งวัน", "ทั้งคืน");

    private static readonly string[] PlaceWords = Words("หน้าบ้าน", "ข้างบ้าน", "หลังบ้าน", "ในซอย", "ปากซอย", "ซอย", "หมู่", "บ้านเลขที่", "หน้าวัด", "หน้าโรงเรียน", "หน้าตลาด", "ริมถนน", "ชุมชน", "หมู่บ้าน");

    private static readonly string[] QuestionWords = Words(
        "ไหม", "มั้ย", "มั๊ย", "ไม๊", "ป่าว", "เปล่า", "หรือไม่", "อะไร", "ยังไง", "อย่างไร", "ทำไง", "เท่าไร", "เท่าไหร่", "กี่", "ที่ไหน", "ตรงไหน",
        "เมื่อไร", "เมื่อไหร่", "วันไหน", "ใคร", "ทางไหน", "จั๊ก", "จั่งได๋", "แนวใด", "ได้บ่", "บ้าง", "?");

    /// <summary>A question about how to get something done, which a complaint is not.</summary>
    private static readonly string[] HowToWords = Words(
        "แจ้งที่ไหน", "แจ้งได้ไหม", "แจ้งได้ที่", "แจ้งยังไง", "ต้องทำ", "ทำยังไง", "ทำอย่างไร", "ติดต่อใคร", "ติดต่อที่ไหน", "ได้ที่ไหน", "ใช้เอกสาร",
        "ขออนุญาต", "ลงทะเบียน", "ค่าธรรมเนียม", "เสียค่า", "ช่องทางไหน", "ทางไหน");

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
        "ตำรวจ", "โรงพัก", "สภ.", "แจ้งความ", "อำเภอ", "ปลัดอำเภอ", "ศาลจังหวัด", "ขึ้นศาล", "ทนาย",
        "wifi", "ไวไฟ", "อินเทอร์เน็ต", "อินเตอร์เน็ต", "เน็ต", "ทรู", "ais", "dtac", "3bb", "ค่าโทรศัพท์", "มือถือ", "เฟสบุ๊ค", "facebook",
        "เซเว่น", "7-11", "ห้าง", "โรงงาน", "บริษัท", "ไปรษณีย์", "รถทัวร์", "รถไฟ", "สนามบิน",
        "นายกรัฐมนตรี", "รัฐบาล", "กระทรวง", "คนละครึ่ง", "เราเที่ยวด้วยกัน", "เงินดิจิทัล");

    [GeneratedRegex(@"ร\s?\d{2}[\s-]+\d{3,6}")]
    private static partial Regex CaseNumber();

    [GeneratedRegex(@"(?:มา|ได้)?\s?(?:\d+|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|หลาย)\s?(?:วัน|อาทิตย์|สัปดาห์|เดือน|มื้อ|คืน|ชั่วโมง)\s?(?:แล้ว)?")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?:แจ้ง|ร้องเรียน)\S{0,24}?ไป(?:เมื่อ|แล้ว|ตั้งแต่|นาน)")]
    private static partial Regex FiledEarlier();

    [GeneratedRegex(@"\d\s?ดาว")]
    private static partial Regex Stars();

    [GeneratedRegex(@"แล้ว(?:ค่ะ|คะ|ครับ|คับ|จ้า|เด้อ|นะ)?$")]
    private static partial Regex EndsDone();

    /// <summary>Classifies one message; <paramref name="categories"/> are the content pack's complaint categories.</summary>
    public static Understood Classify(string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return new Understood(Intent.None);
        }

        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (CorruptionSignals.LooksLikeCorruption(text))
        {
            return new Understood(Intent.Corruption);
        }

        if (Any(compact, PrivacyWords))
        {
            return new Understood(Intent.PrivacyRequest);
        }

        // "สวัสดีค่ะ ไฟถนนดับ…": the greeting is answered by understanding what follows it.
        if (StripLeading(compact, GreetingWords) is { } afterGreeting && afterGreeting.Length < compact.Length)
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

        if (Any(compact, OutOfScopeWords))
        {
            return new Understood(Intent.OutOfScope);
        }

        if (Any(compact, MenuWords) && compact.Length <= 24)
        {
            return new Understood(Intent.Menu);
        }

        var question = Any(compact, QuestionWords);
        var howTo = Any(compact, HowToWords);
        if (CaseNumber().IsMatch(normalized)
            || (Any(compact, MyCaseOwn) && !howTo)
            || ((Any(compact, MyCaseFiled) || FiledEarlier().IsMatch(compact)) && Any(compact, MyCaseProgress) && !howTo))
        {
            return new Understood(Intent.MyCase);
        }

        if (Any(compact, RatingWords) || Stars().IsMatch(normalized))
        {
            return new Understood(Intent.Rating);
        }

        var category = Category(normalized, text, categories);
        var problems = Count(compact, ProblemWords);
        var plea = Any(compact, PleaWords);
        var narrative = Any(compact, NarrativeWords) || Duration().IsMatch(normalized) || EndsDone().IsMatch(compact);
        var place = PlaceFinder.Find(normalized);
        var score = (category is null ? 0 : 1) + Math.Min(problems, 2) + (plea ? 1 : 0) + (narrative ? 1 : 0) + (place is not null || Any(compact, PlaceWords) ? 0.5 : 0);
        // A problem described and then a question about when or whether it gets fixed is still a complaint ("…ดับ จะมีคนมาซ่อมเมื่อไหร่").
        var asksForFix = Any(compact, FixWords);
        var complaint = problems > 0 && score >= 2
            && !(howTo && !narrative && !plea)
            && !(question && score < 3 && !asksForFix);
        if (complaint || (plea && problems > 0 && !howTo))
        {
            return new Understood(Intent.Complaint, category?.Id, place);
        }

        return new Understood(Intent.Question);
    }

    /// <summary>The text read as a complaint: the category it names (null when unclear) and the place.</summary>
    public static Understood AsComplaint(string? text, IReadOnlyList<ComplaintCategory> categories)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        return new Understood(Intent.Complaint, Category(normalized, text, categories)?.Id, PlaceFinder.Find(normalized));
    }

    private static ComplaintCategory? Category(string normalized, string? text, IReadOnlyList<ComplaintCategory> categories) =>
        CategoryMatcher.Match(categories, normalized) ?? CategoryMatcher.Match(categories, text ?? string.Empty);

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
        var compact = ThaiNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        var agency = 0;
        foreach (var word in AgencyWords)
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

    /// <summary>Each word in the normaliser's canonical form, without spaces, longest first (so "ครับผม" is stripped before "ครับ").</summary>
    private static string[] Words(params string[] words) =>
        [.. words.Select(w => ThaiNormalizer.Normalize(w).Replace(" ", string.Empty, StringComparison.Ordinal))
            .Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];
}
