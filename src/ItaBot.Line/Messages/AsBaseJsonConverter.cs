using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

// System.Text.Json writes the "type" discriminator only when a value is serialised as its polymorphic base type.
// LINE needs "type" on every bubble, box and span, also where the C# property is declared as the concrete type
// (FlexBubble.Body is a FlexBox, FlexCarousel.Contents are FlexBubbles); these converters route such properties
// through the base type's contract.

/// <summary>Serialises a <typeparamref name="TDerived"/> property as its polymorphic base, discriminator included.</summary>
internal sealed class AsBaseJsonConverter<TDerived, TBase> : JsonConverter<TDerived>
    where TDerived : class, TBase
    where TBase : class
{
    public override TDerived? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Narrow<TDerived, TBase>(JsonSerializer.Deserialize<TBase>(ref reader, options));

    public override void Write(Utf8JsonWriter writer, TDerived value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize<TBase>(writer, value, options);

    internal static T? Narrow<T, TFrom>(TFrom? value)
        where T : class =>
        value switch
        {
            null => null,
            T derived => derived,
            _ => throw new JsonException($"Expected a {typeof(T).Name} here, found a {value.GetType().Name}."),
        };
}

/// <summary>Serialises a list of <typeparamref name="TDerived"/> as a list of its polymorphic base, discriminators included.</summary>
internal sealed class ListAsBaseJsonConverter<TDerived, TBase> : JsonConverter<IReadOnlyList<TDerived>>
    where TDerived : class, TBase
    where TBase : class
{
    public override IReadOnlyList<TDerived>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<TBase>>(ref reader, options)
            ?.Select(item => AsBaseJsonConverter<TDerived, TBase>.Narrow<TDerived, TBase>(item)!)
            .ToList();

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<TDerived> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize<IEnumerable<TBase>>(writer, value, options);
}
