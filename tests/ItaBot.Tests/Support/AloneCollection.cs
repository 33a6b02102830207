namespace ItaBot.Tests.Support;

/// <summary>
/// Tests whose promise depends on the machine's speed (a flood answered inside LINE's reply window after a kill -9)
/// run after every other test, alone: on two cores, thirty test classes starting hosts beside them decide the outcome.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
