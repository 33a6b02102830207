using Microsoft.Extensions.Options;

namespace ItaBot.Reports.Docx;

/// <summary><c>ItaBot:Reports</c>: how the agency's documents look (emblem, digits, font) and who signs them.</summary>
internal sealed class ReportOptions
{
    public const string Section = "ItaBot:Reports";

    /// <summary>The agency's emblem (PNG or JPEG) printed above the name; relative to the content root. Empty: none.</summary>
    public string? EmblemFile { get; set; }

    /// <summary>Write numbers and dates with Thai digits (๒๕๖๘) in the documents, as many agencies' documents do.</summary>
    public bool ThaiDigits { get; set; }

    /// <summary>The responsible officer printed under the signature line; empty leaves a dotted line to write on.</summary>
    public string? SignerName { get; set; }

    /// <summary>The officer's position ("ปลัดเทศบาล"); empty leaves a dotted line.</summary>
    public string? SignerPosition { get; set; }

    /// <summary>The documents' font. Thai government documents use TH Sarabun New; LibreOffice on Debian substitutes Laksaman.</summary>
    public string FontName { get; set; } = "TH Sarabun New";

    /// <summary>Body text size in points (titles are 2 points larger).</summary>
    public double FontSizePt { get; set; } = 16;
}

/// <summary>Stops the start with one line naming the setting when the emblem cannot be used or the font makes no sense.</summary>
internal sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.FontName))
        {
            return ValidateOptionsResult.Fail($"{ReportOptions.Section}:FontName must name a font (for example \"TH Sarabun New\").");
        }

        if (options.FontSizePt is < 8 or > 72 || options.FontSizePt * 2 != Math.Round(options.FontSizePt * 2))
        {
            return ValidateOptionsResult.Fail($"{ReportOptions.Section}:FontSizePt must be between 8 and 72, in half points (16, 15.5…).");
        }

        if (!string.IsNullOrWhiteSpace(options.EmblemFile))
        {
            if (!File.Exists(options.EmblemFile))
            {
                return ValidateOptionsResult.Fail($"{ReportOptions.Section}:EmblemFile {options.EmblemFile} does not exist.");
            }

            if (DocxImage.TryRead(options.EmblemFile) is null)
            {
                return ValidateOptionsResult.Fail($"{ReportOptions.Section}:EmblemFile {options.EmblemFile} is not a PNG or JPEG image.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
