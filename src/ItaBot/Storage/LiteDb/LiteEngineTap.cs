using LiteDB.Engine;

namespace ItaBot.Storage.LiteDb;

/// <summary>
/// Wraps the messaging file's engine before the store uses it. Not registered by the service: a benchmark registers one
/// to count what a turn reads and writes, call by call (bench/README.md, "What one turn writes").
/// </summary>
internal sealed class LiteEngineTap(Func<ILiteEngine, ILiteEngine> wrap)
{
    public ILiteEngine Wrap(ILiteEngine engine) => wrap(engine);
}
