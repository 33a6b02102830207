using ItaBot.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Transparency;

internal static class TransparencyExtensions
{
    /// <summary>The public report documents: CSV and JSON open data, the standalone HTML page (all public).</summary>
    public static void AddTransparency(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportRenderer, StatisticsHtmlRenderer>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportRenderer, StatisticsCsvRenderer>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportRenderer, StatisticsJsonRenderer>());
    }

    /// <summary>/transparency (index), /transparency/{slug} (report page), /transparency/{slug}/{kind} (public documents).</summary>
    public static void MapTransparency(this IEndpointRouteBuilder app) => TransparencyEndpoints.Map(app);
}
