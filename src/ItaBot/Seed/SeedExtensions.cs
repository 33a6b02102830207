using ItaBot.Cli;

namespace ItaBot.Seed;

internal static class SeedExtensions
{
    /// <summary>"seed": demo cases, and with --activity a year of Q&amp;A, handovers, walk-in visits and protected reports.</summary>
    public static void AddSeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ICliCommand, SeedCliCommand>();
        builder.Services.AddSingleton<SeedActivity>();
    }
}
