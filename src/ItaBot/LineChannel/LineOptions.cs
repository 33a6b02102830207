using Microsoft.Extensions.Options;

namespace ItaBot.LineChannel;

/// <summary>The LINE channel this service answers (<c>ItaBot:Line</c>).</summary>
internal sealed class LineOptions
{
    public const string Section = "ItaBot:Line";

    /// <summary>Channel secret (Basic settings tab): the key of the webhook signature.</summary>
    public string? ChannelSecret { get; set; }

    /// <summary>Long-lived channel access token (Messaging API tab).</summary>
    public string? ChannelAccessToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.line.me";

    public string DataApiBaseUrl { get; set; } = "https://api-data.line.me";
}

/// <summary>Both secrets or neither (neither starts simulator mode before this runs); URLs absolute.</summary>
internal sealed class LineOptionsValidator : IValidateOptions<LineOptions>
{
    public ValidateOptionsResult Validate(string? name, LineOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ChannelSecret))
        {
            failures.Add("ItaBot:Line:ChannelSecret is missing (set it with ItaBot:Line:ChannelAccessToken, or leave both empty for simulator mode)");
        }

        if (string.IsNullOrWhiteSpace(options.ChannelAccessToken))
        {
            failures.Add("ItaBot:Line:ChannelAccessToken is missing (set it with ItaBot:Line:ChannelSecret, or leave both empty for simulator mode)");
        }

        CheckUrl(options.ApiBaseUrl, "ItaBot:Line:ApiBaseUrl", failures);
        CheckUrl(options.DataApiBaseUrl, "ItaBot:Line:DataApiBaseUrl", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string value, string setting, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{setting} must be an absolute http(s) URL (got '{value}')");
        }
    }
}
