namespace ItaBot.LiteDb;

/// <summary>
/// The LiteDB files this process has open. LiteDB's direct mode assumes one <see cref="LiteDatabase"/> per file: a second
/// one on the same file (a new host started in the same process before the old one let go — tests, an in-process
/// restart) corrupts it silently. So a second claim waits for the first to be released, and fails loudly if it never is.
/// </summary>
public static class OpenFiles
{
    private static readonly Dictionary<string, TaskCompletionSource> Open = new(StringComparer.Ordinal);

    public static IDisposable Claim(string path, TimeSpan wait)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Task previous;
            lock (Open)
            {
                if (!Open.TryGetValue(path, out var holder))
                {
                    var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Open[path] = released;
                    return new Release(path, released);
                }

                previous = holder.Task;
            }

            var left = wait - waited.Elapsed;
            if (left <= TimeSpan.Zero || !previous.Wait(left))
            {
                throw new InvalidOperationException($"{path} is still open in this process; a second LiteDatabase on it would corrupt it.");
            }
        }
    }

    private sealed class Release(string path, TaskCompletionSource released) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                lock (Open)
                {
                    Open.Remove(path);
                }

                released.TrySetResult();
            }
        }
    }
}
