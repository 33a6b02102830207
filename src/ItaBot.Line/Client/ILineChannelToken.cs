namespace ItaBot.Line.Client;

/// <summary>
/// Where the client takes its channel access token when one host speaks for several LINE channels: read per call, so
/// the channel of the work in hand is used. Without one registered, <see cref="LineClientOptions.ChannelAccessToken"/>.
/// </summary>
public interface ILineChannelToken
{
    /// <summary>The token for the call being made; null or empty falls back to the options' token.</summary>
    string? ChannelAccessToken { get; }
}
