using Microsoft.Extensions.DependencyInjection.Extensions;
using ItaBot.Conversations;
using ItaBot.Dialogs.Turns;
using ItaBot.Media;

namespace ItaBot.Complaints;

internal static class ComplaintsExtensions
{
    /// <summary>General complaints in LINE: the intake dialog, "เรื่องของฉัน", follow-ups and ratings.</summary>
    public static void AddComplaints(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Flex.IFlexSamples, CaseCardSamples>();
        builder.Services.AddOptions<ComplaintOptions>()
            .Bind(builder.Configuration.GetSection(ComplaintOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ComplaintOptions>>().Value);
        builder.Services.AddSingleton<ComplaintDesk>();
        builder.Services.AddSingleton<IComplaintPhotos, LinePhotos>();
        // The understanding step replaces it with its own reading (AddUnderstanding), whichever is added first.
        builder.Services.TryAddSingleton<ICorruptionCheck, SignalCorruptionCheck>();
        builder.Services.AddSingleton<IDialogFeature, ComplaintsFeature>();
    }
}

/// <summary>Photos from LINE through the Media slice: downloaded at once, stripped, stored; GPS kept only as a suggestion.</summary>
internal sealed class LinePhotos(PhotoIntake intake) : IComplaintPhotos
{
    public async Task<ReceivedPhoto> ReceiveAsync(string messageId, CancellationToken cancellationToken) =>
        await intake.ReceiveAsync(messageId, cancellationToken).ConfigureAwait(false) switch
        {
            PhotoReceived received => new ReceivedPhoto(
                received.Photo,
                received.GpsSuggestion is { } gps ? new GeoLocation(gps.Latitude, gps.Longitude) : null,
                null),
            PhotoRefused refused => new ReceivedPhoto(null, null, refused.ThaiMessage),
            _ => new ReceivedPhoto(null, null, null),
        };
}
