using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

/// <summary>Hand-made snapshots for renderer tests (DOCX, HTML, CSV, JSON, Flex): figures chosen so that each is distinct.</summary>
internal static class SampleSnapshots
{
    private static readonly DateTime AsOf = new(2025, 10, 1, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>FY 2568 with data in every table, including a Thai name with marks that tests look for.</summary>
    public static ReportSnapshot Fy2568()
    {
        var period = ReportPeriod.ForFiscalYear(2568);
        var months = period.Months;
        return new ReportSnapshot
        {
            Id = "sample-fy2568",
            Period = period,
            AsOf = AsOf,
            CompiledAt = AsOf,
            CompiledBy = "schedule",
            AgencyName = "เทศบาลตำบลโนนทอง",
            Corruption = new CorruptionFigures(
                Total: 7,
                Completed: 5,
                InProgress: 2,
                ByMonth: [.. months.Select((m, i) => new MonthCount(m.Year, m.Month, i is 0 or 3 or 11 ? (i == 3 ? 3 : 2) : 0))],
                ByChannel: [new("line", "LINE", 4), new("web", "เว็บไซต์", 2), new("walk-in", "ติดต่อด้วยตนเอง", 1), new("letter", "หนังสือ", 0), new("phone", "โทรศัพท์", 0)],
                ByStatus: [new("received", "รับเรื่อง", 1), new("in-progress", "กำลังดำเนินการ", 1), new("completed", "เสร็จสิ้น", 4), new("rejected", "ไม่รับเรื่อง", 1)],
                ByOutcome: [new("substantiated", "มีมูล", 1), new("not-substantiated", "ไม่มีมูล", 3), new("not-accepted", "ไม่รับเรื่อง", 1)]),
            Complaints = new ComplaintFigures(
                Total: 1234,
                Completed: 1100,
                InProgress: 134,
                ByMonth: [.. months.Select((m, i) => new MonthCount(m.Year, m.Month, 90 + (i * 7)))],
                ByCategory: [new("street-light", "ไฟฟ้าสาธารณะ/ไฟถนนดับ", 512), new("road", "ถนน/ทางเท้าชำรุด", 400), new("garbage", "ขยะ", 322)],
                ByDepartment: [new("engineering", "กองช่าง", 912), new("health", "กองสาธารณสุขและสิ่งแวดล้อม", 322)],
                ByStatus: [new("received", "รับเรื่อง", 34), new("in-progress", "กำลังดำเนินการ", 100), new("completed", "เสร็จสิ้น", 1050), new("referred", "ส่งต่อหน่วยงานอื่น", 30), new("rejected", "ไม่รับเรื่อง", 20)],
                ByChannel: [new("line", "LINE", 1000), new("web", "เว็บไซต์", 0), new("walk-in", "ติดต่อด้วยตนเอง", 200), new("phone", "โทรศัพท์", 30), new("letter", "หนังสือ", 4)],
                ToAcknowledge: new DurationFigures(1200, 5.5, 20.25, 8.1),
                ToClose: new DurationFigures(1100, 96, 260.5, 120.3),
                Deadlines: new DeadlineFigures(1234, 1180, 1100, 1001),
                Ratings: new RatingFigures(1050, 420, 4.31, [10, 15, 40, 100, 255])),
            Services = new ServiceFigures(
                EServiceTotal: 2500,
                WalkInTotal: 3100,
                Services:
                [
                    new("birth-registration", "การแจ้งเกิด", 120, 300, Spread(months, 120), Spread(months, 300)),
                    new("complaints", "รับเรื่องร้องเรียนร้องทุกข์", 1000, 234, Spread(months, 1000), Spread(months, 234)),
                    new("questions", "ตอบคำถามและให้ข้อมูล", 1380, 2566, Spread(months, 1380), Spread(months, 2566)),
                ],
                Questions: new QaFigures(Questions: 1500, Answered: 900, AnsweredAfterChoice: 400, HandedOver: 120, AnsweredByStaff: 100, Unanswered: 80)),
            Trace = new SnapshotTrace(Cases: 1234, ProtectedReports: 7, Questions: 1500, ServiceRecords: 48, Digest: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
        };
    }

    /// <summary>A month with no records at all: every document must say so ("ไม่มีเรื่องร้องเรียน") instead of empty tables.</summary>
    public static ReportSnapshot EmptyMonth()
    {
        var period = ReportPeriod.ForMonth(2568, 3);
        var months = period.Months;
        return new ReportSnapshot
        {
            Id = "sample-empty-2568-03",
            Period = period,
            AsOf = AsOf,
            CompiledAt = AsOf,
            CompiledBy = "schedule",
            AgencyName = "เทศบาลตำบลโนนทอง",
            Corruption = new CorruptionFigures(0, 0, 0, [.. months.Select(m => new MonthCount(m.Year, m.Month, 0))], [], [], []),
            Complaints = new ComplaintFigures(0, 0, 0, [.. months.Select(m => new MonthCount(m.Year, m.Month, 0))], [], [], [], [],
                new DurationFigures(0, null, null, null), new DurationFigures(0, null, null, null), new DeadlineFigures(0, 0, 0, 0),
                new RatingFigures(0, 0, null, [0, 0, 0, 0, 0])),
            Services = new ServiceFigures(0, 0, [], new QaFigures(0, 0, 0, 0, 0, 0)),
            Trace = new SnapshotTrace(0, 0, 0, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        };
    }

    private static MonthCount[] Spread(IReadOnlyList<(int Year, int Month)> months, int total) =>
        [.. months.Select((m, i) => new MonthCount(m.Year, m.Month, (total / months.Count) + (i < total % months.Count ? 1 : 0)))];
}
