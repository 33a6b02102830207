using System.Globalization;
using ItaBot.Cli;
using ItaBot.Content;
using ItaBot.Storage;
using ItaBot.Cases;

namespace ItaBot.Seed;

/// <summary>
/// <c>seed --cases N --fiscal-years 2566-2568 [--random-seed 42]</c>: fills the data directory with believable general
/// complaints through <see cref="CaseService"/> (the same numbers, documents and indexes the service uses), for demos and
/// benchmarks. Categories and departments come from the content pack; cases are spread over the fiscal years given (never
/// past now), with plausible timelines, a mix of channels and ratings on some closed cases. Written 1,000 cases a
/// transaction through the store's writer.
/// </summary>
internal sealed class SeedCommand(CaseService cases, ContentPackProvider content, WorkingCalendar calendar, TimeProvider time, SeedActivity? activity = null) : ICliCommand
{
    private const int Chunk = 1000;

    internal static readonly IReadOnlyList<string> CommandWords = ["seed"];

    internal const string CommandDescription = "seed --cases N --fiscal-years 2566-2568: synthetic complaints, questions, walk-ins and protected reports for demos and benchmarks";

    public IReadOnlyList<string> Words => CommandWords;

    public string Description => CommandDescription;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var factsOnly = arguments.Contains("--facts-only");
        var casesOnly = factsOnly || arguments.Contains("--cases-only");
        arguments = [.. arguments.Where(a => a is not ("--facts-only" or "--cases-only"))];

        if (!TryParse(arguments, CaseNumbers.FiscalYear(now), out var count, out var firstYear, out var lastYear, out var randomSeed, out var error))
        {
            await output.WriteLineAsync(error).ConfigureAwait(false);
            await output.WriteLineAsync("usage: seed --cases N [--fiscal-years 2566-2568] [--random-seed 42] [--cases-only | --facts-only]").ConfigureAwait(false);
            return 2;
        }

        var from = CaseNumbers.FiscalYearStartUtc(firstYear);
        var to = new[] { CaseNumbers.FiscalYearStartUtc(lastYear + 1), now }.Min();
        if (to <= from)
        {
            await output.WriteLineAsync($"Fiscal years {firstYear}-{lastYear} lie in the future.").ConfigureAwait(false);
            return 2;
        }

        var started = time.GetTimestamp();
        var generator = new CaseGenerator(content.Current, calendar, new Random(randomSeed), now);
        var times = generator.CreationTimes(count, from, to);
        var written = 0;
        foreach (var chunk in times.Chunk(Chunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (factsOnly)
            {
                await cases.ImportFactsOnlyAsync([.. chunk.Select(generator.Case)]).ConfigureAwait(false);
            }
            else
            {
                await cases.ImportAsync([.. chunk.Select(generator.Case)]).ConfigureAwait(false);
            }

            written += chunk.Length;
            if (written % 10_000 == 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} cases…")).ConfigureAwait(false);
            }
        }

        var elapsed = time.GetElapsedTime(started);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {written:N0} {(factsOnly ? "case facts (no case documents)" : "cases")} over fiscal years {firstYear}-{lastYear} in {elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
        if (casesOnly || activity is null)
        {
            return 0;
        }

        started = time.GetTimestamp();
        var more = await activity.RunAsync(count, from, to, now, new Random(randomSeed + 1), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {more.Questions:N0} questions in LINE ({more.Handovers:N0} handed over to staff), {more.WalkInLines:N0} walk-in register lines ({more.WalkInPeople:N0} visitors) and {more.ProtectedReports:N0} protected reports through the vault in {time.GetElapsedTime(started).TotalSeconds:0.0} s")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded protected reports are really encrypted, but their receipt codes are hashed with a cheap Argon2id setting for seeding only ({SeedActivity.SeedArgon2MemoryKiB} KiB, {SeedActivity.SeedArgon2Passes} pass; the service uses its configured setting). Their receipts were not kept: nobody can follow them up.")).ConfigureAwait(false);
        return 0;
    }

    internal static bool TryParse(IReadOnlyList<string> arguments, int currentFiscalYear, out int count, out int firstYear, out int lastYear,
        out int randomSeed, out string error)
    {
        count = 0;
        firstYear = lastYear = currentFiscalYear;
        randomSeed = 42;
        error = "";
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = i + 1 < arguments.Count ? arguments[i + 1] : null;
            switch (arguments[i])
            {
                case "--cases" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0:
                case "--random-seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out randomSeed):
                    i++;
                    break;
                case "--fiscal-years" when value is not null && ParseYears(value, out firstYear, out lastYear):
                    i++;
                    break;
                default:
                    error = $"Unexpected or invalid argument '{arguments[i]}'.";
                    return false;
            }
        }

        if (count <= 0)
        {
            error = "--cases N is required (N > 0).";
            return false;
        }

        return true;
    }

    private static bool ParseYears(string text, out int first, out int last)
    {
        var parts = text.Split('-');
        first = last = 0;
        return parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first is >= 2540 and <= 2700 && last >= first && last <= 2700;
    }
}

/// <summary>Makes one synthetic case at a time; deterministic for a given random seed.</summary>
internal sealed class CaseGenerator(ContentPack pack, WorkingCalendar calendar, Random random, DateTime now)
{
    private static readonly string[] Places =
    [
        "ซอยประชาร่วมใจ 3", "หน้าตลาดสดเทศบาล", "ถนนมิตรภาพ ใกล้ร้านสะดวกซื้อ", "หมู่ 4 บ้านโนนทอง", "ข้างโรงเรียนอนุบาลเทศบาล",
        "ชุมชนหนองบัว", "หน้าวัดศรีสว่าง", "ซอยเทศบาล 12", "ถนนรอบบึง", "ตรงข้ามโรงพยาบาลส่งเสริมสุขภาพตำบล", "หลังสถานีตำรวจ",
        "ชุมชนตลาดเก่า", "ทางเข้าหมู่บ้านสุขสันต์", "ถนนเลียบคลองชลประทาน",
    ];

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["street-light"] = ["ไฟถนนดับมา {0} วันแล้ว กลางคืนมืดมาก", "โคมไฟกิ่งกะพริบทั้งคืน", "เสาไฟเอียงเกือบล้ม ฝากมาดูด้วยค่ะ"],
        ["road"] = ["ถนนเป็นหลุมลึก รถจักรยานยนต์ล้มไปแล้ว {0} คัน", "ฝาท่อหาย อันตรายมากตอนกลางคืน", "ทางเท้าแตกเป็นแนวยาว เดินลำบาก"],
        ["garbage"] = ["รถขยะไม่มาเก็บ {0} วันแล้ว กลิ่นเหม็นมาก", "ขอถังขยะเพิ่มให้ชุมชน", "มีคนแอบทิ้งขยะข้างทางทุกคืน"],
        ["flood-drain"] = ["ฝนตกทีไรน้ำท่วมขังสูงประมาณ {0} ซม.", "ท่อระบายน้ำอุดตัน น้ำไม่ไหล", "รางระบายน้ำพังเป็นช่วง ๆ"],
        ["water-supply"] = ["น้ำประปาไม่ไหลตั้งแต่เมื่อวาน", "น้ำประปาขุ่นเป็นสีน้ำตาล", "ท่อประปาแตก น้ำไหลนองถนน"],
        ["stray-animals"] = ["สุนัขจรจัดประมาณ {0} ตัว ไล่กัดเด็กนักเรียน", "มีสุนัขตายอยู่ริมถนน", "แมวจรจัดจำนวนมากในชุมชน"],
        ["nuisance"] = ["ร้านข้างบ้านเปิดเพลงเสียงดังถึงตีสอง", "โรงงานปล่อยควันเหม็นทุกเย็น", "มีการเผาขยะ ควันเข้าบ้าน"],
        ["trees"] = ["กิ่งไม้ใหญ่พาดสายไฟ กลัวจะหักลงมา", "ต้นไม้ล้มขวางถนน", "หญ้ารกริมทางบังทัศนวิสัย"],
        ["public-order"] = ["มีร้านค้าตั้งแผงบนทางเท้า เดินไม่ได้", "จอดรถขวางหน้าบ้านทุกวัน", "ป้ายโฆษณาผิดที่บังทางแยก"],
        ["service-quality"] = ["ติดต่อขอเอกสารแล้วรอนานกว่า {0} ชั่วโมง", "โทรเข้าเบอร์สำนักงานไม่มีคนรับสาย", "อยากให้เพิ่มช่องบริการช่วงพักเที่ยง"],
    };

    private static readonly string[] GenericTemplates = ["ขอให้เจ้าหน้าที่มาตรวจสอบด้วยค่ะ", "แจ้งปัญหาในชุมชน รบกวนช่วยดูแลด้วยครับ"];

    private static readonly (CaseChannel Channel, int Weight)[] Channels =
        [(CaseChannel.Line, 60), (CaseChannel.WalkIn, 15), (CaseChannel.Phone, 15), (CaseChannel.Web, 5), (CaseChannel.Letter, 5)];

    private static readonly string[] Names = ["นายสมชาย ใจดี", "นางสาวสุดา พรมมา", "นางบุญมี ศรีสุข", "นายประเสริฐ ทองดี", "นางสาวกาญจนา แก้วใส"];

    /// <summary>Times spread over [from, to), mostly in the daytime Bangkok time, oldest first.</summary>
    public DateTime[] CreationTimes(int count, DateTime from, DateTime to)
    {
        var span = (to - from).Ticks;
        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var t = from.AddTicks((long)(random.NextDouble() * span));
            var hour = WorkingCalendar.ToBangkok(t).Hour;
            if (hour is < 7 or > 21 && random.Next(3) > 0)
            {
                t = t.AddHours(10);     // most people report during the day
            }

            times[i] = CaseTimes.Truncate(t < to ? t : to.AddMinutes(-1));
        }

        Array.Sort(times);
        return times;
    }

    public CaseRecord Case(DateTime created)
    {
        var category = pack.ComplaintCategories[random.Next(pack.ComplaintCategories.Count)];
        var channel = Pick(Channels);
        var templates = Templates.GetValueOrDefault(category.Id) ?? GenericTemplates;
        var description = string.Format(CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], random.Next(2, 10))
            + " บริเวณ" + Places[random.Next(Places.Length)];
        var officer = string.Create(CultureInfo.InvariantCulture, $"seed-{category.Department}-{random.Next(1, 4)}");
        var intake = channel is CaseChannel.Line or CaseChannel.Web ? CaseService.CitizenActor : "seed-frontdesk";
        var acknowledgeBy = calendar.AcknowledgeBy(created, category.AcknowledgeWorkingDays);
        var answerBy = calendar.AnswerBy(created, category.AnswerWorkingDays);
        var timeline = new List<CaseEvent> { new(created, CaseEventKind.Created, intake, null, CaseStatus.Received, null) };
        var status = CaseStatus.Received;
        string? assignee = null;
        DateTime? acknowledged = null;
        DateTime? closed = null;
        CaseRating? rating = null;

        // Each step happens (if its time has come) a plausible while after the one before; most meet their deadlines.
        var at = created.AddHours(1 + (random.NextDouble() * (random.Next(10) == 0 ? 60 : 20)));
        if (at < now)
        {
            assignee = officer;
            acknowledged = at;
            timeline.Add(new CaseEvent(Truncate(at), CaseEventKind.Assigned, "seed-head-" + category.Department, status, CaseStatus.Assigned, null));
            status = CaseStatus.Assigned;
            at = at.AddHours(4 + (random.NextDouble() * 48));
            if (at < now && random.Next(20) > 0)
            {
                timeline.Add(new CaseEvent(Truncate(at), CaseEventKind.StatusChanged, officer, status, CaseStatus.InProgress, "ลงพื้นที่ตรวจสอบแล้ว"));
                status = CaseStatus.InProgress;
                at = at.AddHours(12 + (random.NextDouble() * 24 * 1.4 * category.AnswerWorkingDays * (random.Next(8) == 0 ? 1.6 : 0.8)));
                if (at < now)
                {
                    var roll = random.Next(100);
                    var (to, note) = roll < 84 ? (CaseStatus.Completed, "ดำเนินการแก้ไขเรียบร้อยแล้ว")
                        : roll < 92 ? (CaseStatus.Referred, "ส่งต่อการไฟฟ้าส่วนภูมิภาค/หน่วยงานที่รับผิดชอบ")
                        : (CaseStatus.Rejected, "อยู่นอกเขตความรับผิดชอบของเทศบาล");
                    timeline.Add(new CaseEvent(Truncate(at), CaseEventKind.AnswerToCitizen, officer, null, null, note));
                    timeline.Add(new CaseEvent(Truncate(at), CaseEventKind.StatusChanged, officer, status, to, note));
                    status = to;
                    closed = at;
                    var rateAt = at.AddHours(random.Next(1, 48));
                    if (channel == CaseChannel.Line && to == CaseStatus.Completed && rateAt < now && random.Next(10) < 4)
                    {
                        var score = random.Next(100) switch { < 45 => 5, < 80 => 4, < 92 => 3, < 97 => 2, _ => 1 };
                        rating = new CaseRating(score, score >= 4 ? "ขอบคุณที่ดำเนินการรวดเร็วค่ะ" : null, Truncate(rateAt));
                        timeline.Add(new CaseEvent(rating.At, CaseEventKind.Rated, CaseService.CitizenActor, null, null, rating.Comment));
                    }
                }
            }
        }

        var lineUser = channel == CaseChannel.Line ? "Useed" + random.Next(1, 20_000).ToString("D6", CultureInfo.InvariantCulture) : null;
        var agency = pack.Agency.Location;
        return new CaseRecord
        {
            Id = RecordId.New(),
            Number = "",
            FiscalYear = 0,
            Sequence = 0,
            CategoryId = category.Id,
            Department = category.Department,
            Channel = channel,
            Description = description,
            Location = channel == CaseChannel.Line && random.Next(3) > 0
                ? new CaseLocation(agency.Latitude + ((random.NextDouble() - 0.5) * 0.04), agency.Longitude + ((random.NextDouble() - 0.5) * 0.04), null, null)
                : new CaseLocation(null, null, null, Places[random.Next(Places.Length)]),
            CitizenLineUserId = lineUser,
            ContactConsent = channel != CaseChannel.Line || random.Next(2) == 0,
            ContactName = channel is CaseChannel.WalkIn or CaseChannel.Phone or CaseChannel.Letter ? Names[random.Next(Names.Length)] : null,
            ContactPhone = channel is CaseChannel.WalkIn or CaseChannel.Phone
                ? "08" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)
                : null,
            Status = status,
            AssigneeId = assignee,
            CreatedAt = created,
            AcknowledgeBy = acknowledgeBy,
            AnswerBy = answerBy,
            AcknowledgedAt = acknowledged is { } a ? Truncate(a) : null,
            ClosedAt = closed is { } c ? Truncate(c) : null,
            Rating = rating,
            Timeline = timeline,
            Version = timeline.Count,
        };
    }

    private static DateTime Truncate(DateTime t) => CaseTimes.Truncate(t);

    private T Pick<T>((T Value, int Weight)[] options)
    {
        var roll = random.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return options[^1].Value;
    }
}

/// <summary>
/// The registered "seed": builds <see cref="SeedCommand"/>, and so opens messaging.db, only when it runs. Every command
/// is built to find the one asked for, and <c>backup</c> beside a running service must open no store.
/// </summary>
internal sealed class SeedCliCommand(IServiceProvider services) : ICliCommand
{
    public IReadOnlyList<string> Words => SeedCommand.CommandWords;

    public string Description => SeedCommand.CommandDescription;

    public Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<SeedCommand>(services).RunAsync(arguments, output, cancellationToken);
}
