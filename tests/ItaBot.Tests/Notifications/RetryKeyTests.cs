using ItaBot.Notifications;

namespace ItaBot.Tests.Notifications;

public sealed class RetryKeyTests
{
    [Fact]
    public void For_SameIdSameKey_OtherIdOtherKey_AndAVersion5Uuid()
    {
        var key = RetryKeys.For("deadline-missed:case-1:answer:202612080300:staff:s1");

        Assert.Equal(key, RetryKeys.For("deadline-missed:case-1:answer:202612080300:staff:s1"));
        Assert.NotEqual(key, RetryKeys.For("deadline-missed:case-1:answer:202612080300:staff:s2"));
        Assert.Equal('5', key.ToString()[14]);
        Assert.Contains(key.ToString()[19], "89ab");
        Assert.Equal(key, new ItaBot.Notifications.Notification { Id = "deadline-missed:case-1:answer:202612080300:staff:s1", Kind = "k", To = "U", MessagesJson = "[]", CreatedAt = default, NextAttemptAt = default }.RetryKey);
    }
}
