namespace ItaBot.Simulator;

internal static class SimulatorExtensions
{
    /// <summary>With no LINE credentials, starts the LINE stand-in and points the LINE settings at it. (Simulator slice: to be completed.)</summary>
    public static void AddSimulator(this IHostApplicationBuilder builder)
    {
        _ = builder;
    }

    public static void MapSimulator(this IEndpointRouteBuilder app)
    {
        _ = app;
    }
}
