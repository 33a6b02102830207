using Microsoft.Extensions.Options;

namespace ItaBot.LineChannel;

/// <summary>
/// The webhook side of the LINE channel (<c>ItaBot:Line:ChannelSecret</c>). The API side (token, base URLs, timeouts)
/// is bound from the same section by ItaBot.Line's <c>LineClientOptions</c>.
/// </summary>
internal sealed class LineOptions
{
    public const string Section = "ItaBot:Line";

    /// <summary>Channel secret (Basic settings tab): the key of the webhook signature.</summary>
    public string? ChannelSecret { get; set; }
}

internal sealed class LineOptionsValidator : IValidateOptions<LineOptions>
{
    public ValidateOptionsResult Validate(string? name, LineOptions options) =>
        string.IsNullOrWhiteSpace(options.ChannelSecret)
            ? ValidateOptionsResult.Fail("ItaBot:Line:ChannelSecret is missing (set it together with ItaBot:Line:ChannelAccessToken, or leave both empty for simulator mode).")
            : ValidateOptionsResult.Success;
}
