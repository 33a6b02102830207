using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ItaBot.Line.Testing;

namespace ItaBot.Simulator;

/// <summary>Says where the simulator page is once the server listens, and stops the LINE stand-in last.</summary>
internal sealed partial class SimulatorLifetime(
    IServer server,
    IHostApplicationLifetime lifetime,
    LineStandIn line,
    SimulatorChats chats,
    ILogger<SimulatorLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the chats subscribes them to the stand-in before the first message can be sent.
        _ = chats;
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await line.DisposeAsync().ConfigureAwait(false);

    private void Announce()
    {
        var address = PageAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses);
        LogSimulatorAddress(logger, address);
    }

    internal static string PageAddress(ICollection<string>? addresses)
    {
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return "/simulator";
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        uri.Path = "/simulator";
        return uri.Uri.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator mode: no LINE credentials set. Chat with the bot at {SimulatorAddress}")]
    private static partial void LogSimulatorAddress(ILogger logger, string simulatorAddress);
}
