using Microsoft.Extensions.Options;

namespace ItaBot.Reports.Docx;

internal static class DocxExtensions
{
    /// <summary>
    /// The DOCX documents (corruption, complaint and service statistics, the measures report) as <see cref="IReportRenderer"/>s,
    /// laid out by <c>ItaBot:Reports</c> (emblem, Thai digits, signer, font), validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddReportDocuments(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<ReportOptions>()
            .Bind(builder.Configuration.GetSection(ReportOptions.Section))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.EmblemFile))
                {
                    o.EmblemFile = Path.GetFullPath(o.EmblemFile, contentRoot);
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        builder.Services.AddSingleton<DocxLetterhead>();
        builder.Services.AddSingleton<IReportRenderer, CorruptionDocxRenderer>();
        builder.Services.AddSingleton<IReportRenderer, ComplaintsDocxRenderer>();
        builder.Services.AddSingleton<IReportRenderer, ServicesDocxRenderer>();
        builder.Services.AddSingleton<IReportRenderer, MeasuresDocxRenderer>();
        return builder;
    }
}
