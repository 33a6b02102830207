using ItaBot.Reports.LiteDb;
using ItaBot.Reports.PostgreSql;
using ItaBot.Storage;

namespace ItaBot.Reports;

internal static class ReportSourcesExtensions
{
    /// <summary>
    /// The report sources for protected reports (from the vault's aggregate facade) and for services and questions (Q&amp;A
    /// log, handovers, the walk-in register, protected reports by channel), and the walk-in register's store; its staff
    /// page at /staff/services is linked from the staff home for every signed-in staff member.
    /// </summary>
    internal static void AddReportSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProtectedReportCounts>();
        builder.Services.AddSingleton<IReportSource<CorruptionFigures>, CorruptionSource>();
        builder.Services.AddSingleton<IReportSource<ServiceFigures>, ServicesSource>();
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddReportsPostgreSql();
        }
        else
        {
            builder.Services.AddReportsLiteDb();
        }

        builder.Services.AddSingleton(new Staff.StaffLink("สถิติผู้มารับบริการ ณ สำนักงาน", ServiceVisitEndpoints.Path, Staff.StaffPolicies.Staff,
            "บันทึกจำนวนผู้มารับบริการด้วยตนเองแยกตามงานบริการ (ใช้ในรายงาน E-Service เทียบกับ walk-in)"));
    }

    /// <summary>/staff/services: the walk-in register, any signed-in staff member.</summary>
    internal static void MapReportSources(this IEndpointRouteBuilder app) => ServiceVisitEndpoints.Map(app);
}
