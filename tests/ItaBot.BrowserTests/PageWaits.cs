using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ItaBot.BrowserTests;

/// <summary>
/// Waits for a page's address after a click that navigates. <c>WaitForURLAsync</c> also waits for a load state, and when
/// the navigation had already finished that wait timed out now and then on a busy machine (15 s, the page already
/// shown; a clean-clone CI run failed so in <c>CaseLoopTests</c>). These poll the address only; the locators after them
/// wait for what they need.
/// </summary>
internal static class PageWaits
{
    private static readonly PageAssertionsToHaveURLOptions Patience = new() { Timeout = 15_000 };

    /// <summary>Waits until the address ends with <paramref name="path"/> (path and query, exactly).</summary>
    public static Task AtAsync(this IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"), Patience);

    /// <summary>Waits until the address matches <paramref name="address"/>.</summary>
    public static Task AtAsync(this IPage page, Regex address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, Patience);
}
