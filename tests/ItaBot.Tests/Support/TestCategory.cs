namespace ItaBot.Tests.Support;

/// <summary>
/// Traits of the slow kinds of test. <see cref="Load"/>: tests that load the machine (a flood of webhooks, a kill -9
/// under load, uploads of tens of megabytes to a child process, years of generated records). <see cref="Measurement"/>:
/// the understanding and Q&amp;A evaluations (models trained per fold, decision sweeps). Both assert behaviour or targets, so
/// ./test.sh runs them; while working, leave them out with
/// <c>tests/ItaBot.Tests/bin/Release/net10.0/ItaBot.Tests -trait- "Category=Load" -trait- "Category=Measurement"</c>.
/// </summary>
internal static class TestCategory
{
    public const string Name = "Category";

    public const string Load = "Load";

    public const string Measurement = "Measurement";
}
