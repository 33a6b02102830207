using System.Globalization;
using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.Reports;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Vault;
using ItaBot.Cases;

namespace ItaBot.Seed;

/// <summary>
/// The rest of a believable year besides general complaints, so that every report of a seeded data directory is complete:
/// questions asked in LINE (the Q&amp;A log, with threads for offered choices), handovers to staff and their answers,
/// walk-ins recorded at the counter, and protected reports filed through the vault with its real encryption. Each record
/// goes through its slice's own store, written as of its own (past) time by a clock the seed moves. Proportions per case:
/// about 4 questions, 6 walk-in visitors and 1 protected report per 100.
/// </summary>
internal sealed class SeedActivity(
    IStoreWriter writer,
    Func<TimeProvider, IQaStore> qaAt,
    Func<TimeProvider, IServiceVisitStore> registerAt,
    ContentPackProvider content,
    WorkingCalendar calendar,
    IStaffStore staff,
    AgencyVaults vaults,
    IVaultOpener vaultOpener)
{
    /// <summary>Argon2id for seeded receipts only: 1 MiB, 1 pass (the service uses 64 MiB, 3 passes); nobody ever types them.</summary>
    public const int SeedArgon2MemoryKiB = 1024;
    public const int SeedArgon2Passes = 1;

    private static readonly (QaOutcome Outcome, int Weight)[] Outcomes =
        [(QaOutcome.Answered, 46), (QaOutcome.AnsweredAfterChoice, 34), (QaOutcome.Offered, 4), (QaOutcome.HandedOver, 9), (QaOutcome.Unanswered, 7)];

    private static readonly string[] HandedOverQuestions =
    [
        "ขอทราบกำหนดการประชุมสภาเทศบาลครั้งหน้าค่ะ", "ซื้อที่ดินใหม่ ต้องติดต่อเรื่องภาษีที่ไหนบ้างครับ", "รถเก็บขยะจะเปลี่ยนวันเก็บในหมู่ 5 ไหมคะ",
        "ขอใช้สนามกีฬาเทศบาลจัดงานวันเด็กได้ไหมครับ", "ขอสำเนาแบบแปลนบ้านที่เคยยื่นไว้ปี 2560 ได้ไหมคะ", "มีโครงการฝึกอาชีพผู้สูงอายุปีนี้ไหมคะ",
    ];

    private static readonly string[] StaffAnswers =
    [
        "ติดต่อได้ที่กองที่รับผิดชอบในวันทำการค่ะ เจ้าหน้าที่ได้ประสานไว้ให้แล้วค่ะ", "ตรวจสอบแล้วค่ะ รายละเอียดตามประกาศบนเว็บไซต์ของเทศบาลค่ะ",
        "ได้ค่ะ กรุณายื่นคำร้องล่วงหน้าอย่างน้อย 3 วันทำการค่ะ",
    ];

    private static readonly (ReportChannel Channel, int Weight)[] ReportChannels =
        [(ReportChannel.Line, 50), (ReportChannel.Web, 30), (ReportChannel.WalkIn, 10), (ReportChannel.Letter, 5), (ReportChannel.Phone, 5)];

    private static readonly string[] Allegations =
    [
        "เจ้าหน้าที่เรียกเงินเพิ่มจากค่าธรรมเนียมตามประกาศ เพื่อให้ออกใบอนุญาตเร็วขึ้น",
        "มีการนำรถยนต์ของเทศบาลไปใช้ในงานส่วนตัวช่วงวันหยุด",
        "ผู้รับเหมาซ่อมถนนเป็นญาติของเจ้าหน้าที่ผู้ตรวจรับงาน งานไม่ได้มาตรฐาน",
        "เจ้าหน้าที่รับของขวัญจากผู้ประกอบการก่อนพิจารณาใบอนุญาตประกอบกิจการ",
        "ลงเวลาปฏิบัติงานแทนกันเป็นประจำ",
    ];

    /// <summary>What was written, for the command's summary line.</summary>
    internal sealed record Written(int Questions, int Handovers, int WalkInLines, int WalkInPeople, int ProtectedReports);

    public async Task<Written> RunAsync(int cases, DateTime from, DateTime to, DateTime now, Random random, CancellationToken cancellationToken)
    {
        var pack = content.Current;
        var clock = new SeedClock(from);
        var (questions, handovers) = await QuestionsAsync(pack, clock, Math.Max(1, cases * 4), from, to, now, random, cancellationToken).ConfigureAwait(false);
        var (lines, people) = await WalkInsAsync(pack, clock, cases, from, to, now, random, cancellationToken).ConfigureAwait(false);
        var reports = await ProtectedReportsAsync(clock, Math.Max(3, cases / 100), from, to, now, random, cancellationToken).ConfigureAwait(false);
        return new Written(questions, handovers, lines, people, reports);
    }

    private async Task<(int Questions, int Handovers)> QuestionsAsync(ContentPack pack, SeedClock clock, int count, DateTime from, DateTime to, DateTime now,
        Random random, CancellationToken cancellationToken)
    {
        var qa = qaAt(clock);
        var answers = pack.Services.Select(s => QaCatalog.ServicePrefix + s.Id).Concat(pack.Faq.Select(f => QaCatalog.FaqPrefix + f.Id)).ToArray();
        var handed = new List<(DateTime At, string Question)>();
        var writes = new List<Action<IUnitOfWork>>();
        foreach (var at in Times(count, from, to, random))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Set(at);
            var outcome = Pick(Outcomes, random);
            var matched = answers[(int)(answers.Length * Math.Pow(random.NextDouble(), 2))];   // a few entries are asked most
            var id = RecordId.New(clock);
            switch (outcome)
            {
                case QaOutcome.AnsweredAfterChoice:
                    writes.Add(qa.LogWrite(QaOutcome.Offered, null, 0.5, null, id));
                    clock.Set(at.AddSeconds(20 + random.Next(60)));
                    writes.Add(qa.LogWrite(QaOutcome.AnsweredAfterChoice, matched, 0.5, null, thread: id));
                    break;
                case QaOutcome.HandedOver:
                    var question = HandedOverQuestions[random.Next(HandedOverQuestions.Length)];
                    writes.Add(qa.LogWrite(QaOutcome.HandedOver, null, 0.1, question, id));
                    handed.Add((at, question));
                    break;
                default:
                    writes.Add(qa.LogWrite(outcome, outcome == QaOutcome.Answered ? matched : null, outcome == QaOutcome.Answered ? 0.9 : 0.1, null, id));
                    break;
            }

            if (writes.Count >= 500)
            {
                await WriteAllAsync(writes).ConfigureAwait(false);
            }
        }

        await WriteAllAsync(writes).ConfigureAwait(false);
        var staffName = staff.List().FirstOrDefault(s => s.Role == StaffRole.CaseOfficer)?.DisplayName ?? "เจ้าหน้าที่ประชาสัมพันธ์";
        foreach (var (at, question) in handed)
        {
            clock.Set(at);
            var user = "Useed" + random.Next(1, 20_000).ToString("D6", CultureInfo.InvariantCulture);
            await writer.WriteAsync(qa.HandoverWrite(question, user, user)).ConfigureAwait(false);
            var answeredAt = calendar.AcknowledgeBy(at, 1 + random.Next(2)).AddHours(-6 - random.Next(4));
            if (answeredAt < now && random.Next(10) > 0)
            {
                var open = qa.ListOpenHandovers(int.MaxValue).Last(h => h.LineUserId == user);
                clock.Set(answeredAt);
                await qa.AnswerHandoverAsync(open.Id, StaffAnswers[random.Next(StaffAnswers.Length)], staffName).ConfigureAwait(false);
            }
        }

        return (count, handed.Count);
    }

    private async Task<(int Lines, int People)> WalkInsAsync(ContentPack pack, SeedClock clock, int cases, DateTime from, DateTime to, DateTime now,
        Random random, CancellationToken cancellationToken)
    {
        var register = registerAt(clock);
        // Counter services, the busiest first: registration, taxes and fees draw most visitors.
        // Complaints and protected reports made in person are counted from their own records, never the register.
        var counted = pack.ComplaintCategories.Select(c => c.Service).OfType<string>()
            .Append(ComplaintStatistics.GeneralComplaintServiceId).Append(ServicesSource.CorruptionServiceId).ToHashSet(StringComparer.Ordinal);
        var services = pack.Services.Where(s => !counted.Contains(s.Id) && s.Channels.Any(c => c.Kind is ChannelKind.Office or ChannelKind.OneStopService)).ToList();
        var days = new List<DateOnly>();
        for (var day = WorkingCalendar.BangkokDate(from); WorkingCalendar.EndOfDayUtc(day) < to && WorkingCalendar.EndOfDayUtc(day) < now; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                days.Add(day);
            }
        }

        var targetPeople = cases * 6;
        var perDay = days.Count == 0 ? 0 : Math.Max(1, targetPeople / days.Count);
        var recorder = staff.List().FirstOrDefault(s => s.Role == StaffRole.CaseOfficer)?.UserName ?? "seed-frontdesk";
        int lines = 0, people = 0;
        foreach (var day in days)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Set(WorkingCalendar.EndOfDayUtc(day).AddHours(-7));   // recorded at 16:59 Bangkok
            var left = Math.Max(1, perDay + random.Next(-perDay / 2, perDay / 2 + 1));
            while (left > 0)
            {
                var service = services[(int)(services.Count * Math.Pow(random.NextDouble(), 1.8))];
                var n = Math.Min(left, 1 + random.Next(6));
                await register.RecordAsync(day, service.Id, service.Name, n, null, recorder).ConfigureAwait(false);
                left -= n;
                lines++;
                people += n;
            }
        }

        return (lines, people);
    }

    private async Task<int> ProtectedReportsAsync(SeedClock clock, int count, DateTime from, DateTime to, DateTime now, Random random, CancellationToken cancellationToken)
    {
        // The vault of the agency in context (seed --agency X), on the deployment's storage: vault.db on LiteDB, the
        // agency's own vault rows under its own KEK on PostgreSQL. Opened apart from the service's, on the seed's clock.
        var agencyId = AgencyContext.CurrentId;
        var configured = vaults.OptionsOf(agencyId);
        var options = new VaultOptions
        {
            DataDirectory = configured.DataDirectory,
            Kek = configured.Kek,
            KekFile = configured.KekFile,
            PreviousKek = configured.PreviousKek,
            PreviousKekFile = configured.PreviousKekFile,
            DefaultRetention = configured.DefaultRetention,
            Argon2MemoryKiB = SeedArgon2MemoryKiB,
            Argon2Passes = SeedArgon2Passes,
            Deadlines = configured.Deadlines,
        };
        var officer = staff.List().FirstOrDefault(s => s.Role == StaffRole.IntegrityOfficer)?.Id ?? "seed-integrity-officer";
        await using var vault = vaultOpener.Open(options, agencyId, clock);
        foreach (var at in Times(count, from, to, random))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Set(at);
            var channel = Pick(ReportChannels, random);
            var submission = await vault.SubmitAsync(new NewReport(channel,
                new ReportContent(Allegations[random.Next(Allegations.Length)], Unit: "กองคลัง", When: "ช่วงเดือนที่ผ่านมา"),
                EnteredBy: channel is ReportChannel.Line or ReportChannel.Web ? null : "seed-integrity-desk")).ConfigureAwait(false);
            var step = calendar.AcknowledgeBy(at, 1).AddHours(-8);
            if (step >= now)
            {
                continue;
            }

            clock.Set(step);
            await vault.ChangeStatusAsync(submission.ReportId, officer, ReportStatus.Assigned, assigneeId: officer).ConfigureAwait(false);
            step = step.AddDays(2 + random.Next(5));
            if (step >= now)
            {
                continue;
            }

            clock.Set(step);
            await vault.ChangeStatusAsync(submission.ReportId, officer, ReportStatus.InProgress, "เริ่มตรวจสอบข้อเท็จจริงเบื้องต้น").ConfigureAwait(false);
            step = calendar.AnswerBy(at, 10 + random.Next(20));
            if (step >= now)
            {
                continue;
            }

            clock.Set(step);
            var roll = random.Next(100);
            var (to2, outcome, note) = roll < 35 ? (ReportStatus.Completed, ReportOutcome.Substantiated, "มีมูล ส่งเรื่องดำเนินการทางวินัยแล้ว")
                : roll < 75 ? (ReportStatus.Completed, ReportOutcome.NotSubstantiated, "ตรวจสอบแล้วไม่พบการกระทำตามที่แจ้ง")
                : roll < 90 ? (ReportStatus.Referred, (ReportOutcome?)null, "ส่งต่อสำนักงาน ป.ป.ท. เขตพื้นที่")
                : (ReportStatus.Rejected, (ReportOutcome?)null, "ข้อมูลไม่เพียงพอที่จะตรวจสอบได้");
            await vault.ChangeStatusAsync(submission.ReportId, officer, to2, note, outcome).ConfigureAwait(false);
        }

        return count;
    }

    private Task WriteAllAsync(List<Action<IUnitOfWork>> writes)
    {
        var batch = writes.ToArray();
        writes.Clear();
        return batch.Length == 0 ? Task.CompletedTask : writer.WriteAsync(work =>
        {
            foreach (var write in batch)
            {
                write(work);
            }
        });
    }

    /// <summary>Times in [from, to), in the daytime Bangkok time, oldest first.</summary>
    private static DateTime[] Times(int count, DateTime from, DateTime to, Random random)
    {
        var span = (to - from).Ticks;
        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var t = from.AddTicks((long)(random.NextDouble() * span));
            if (WorkingCalendar.ToBangkok(t).Hour is < 7 or > 21)
            {
                t = t.AddHours(10);
            }

            times[i] = t < to ? t : to.AddMinutes(-5);
        }

        Array.Sort(times);
        return times;
    }

    private static T Pick<T>((T Value, int Weight)[] options, Random random)
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

    /// <summary>A clock the seed sets to each record's own time, so stores stamp the record as if written then.</summary>
    private sealed class SeedClock(DateTime start) : TimeProvider
    {
        private DateTimeOffset _now = new(DateTime.SpecifyKind(start, DateTimeKind.Utc));

        public void Set(DateTime utc) => _now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
