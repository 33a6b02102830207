namespace ItaBot.Tests.Support;

internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var deadline = TimeProvider.System.GetUtcNow() + limit;
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Not true within {limit.TotalSeconds} s: {what ?? "condition"}.");
            }

            await Task.Delay(20);
        }
    }
}
