using System.Text.Json.Nodes;
using ItaBot.Content;

namespace ItaBot.Flex;

/// <summary>
/// A feature's Flex templates and the sample models that show every shape of its data, registered with Flex (not
/// reached into by it): each template is required at start and rendered with every sample, so a broken card stops the
/// boot instead of failing in front of a citizen.
/// </summary>
internal interface IFlexSamples
{
    /// <summary>The feature's templates (file names in flex-templates/ without .json).</summary>
    IReadOnlyList<string> Templates { get; }

    /// <summary>Per template, models to render it with, each with a short description for error messages.</summary>
    IEnumerable<(string Template, IEnumerable<(string What, JsonObject Model)> Samples)> Samples(ContentPack pack);
}
