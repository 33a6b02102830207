namespace ItaBot.Notifications;

/// <summary>
/// A recipient that the outbox must not hold in clear (an opted-in whistleblower's LINE id): the notification's
/// <see cref="Notification.To"/> names where the sealed address lives, and the delivery opens it only at send time, in
/// memory. Null from <see cref="OpenAsync"/>: no address any more (opted out, report deleted); the notice is dropped.
/// </summary>
internal interface ISealedRecipients
{
    bool Owns(string to);

    Task<string?> OpenAsync(string to, CancellationToken cancellationToken);
}
