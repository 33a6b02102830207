using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ItaBot.Shared;

/// <summary>
/// A piece of HTML that is safe to write as it is. Built with <see cref="Of"/> from an interpolated string: the literal
/// parts are the page's own markup, and every value put in a hole is HTML-encoded unless it is itself <see cref="Html"/>.
/// So encoding is the default, as in Razor: whatever a user typed can only reach a page as text.
/// </summary>
internal readonly record struct Html(string Value)
{
    /// <summary>Encodes quotes too, so values are safe inside quoted attributes; Thai stays readable (not entities).</summary>
    public static readonly HtmlEncoder Encoder = Pages.PageEncoder.Thai;

    public static Html Empty { get; } = new(string.Empty);

    public static Html Of(ref HtmlBuilder html) => html.Build();

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html Text(string? text) => new(Encoder.Encode(text ?? string.Empty));

    public override string ToString() => Value;
}

[InterpolatedStringHandler]
internal ref struct HtmlBuilder
{
    private readonly StringBuilder _builder;

    public HtmlBuilder(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string literal) => _builder.Append(literal);

    public readonly void AppendFormatted(Html html) => _builder.Append(html.Value);

    public readonly void AppendFormatted<T>(T value)
    {
        if (value is IEnumerable<Html> parts)
        {
            foreach (var part in parts)
            {
                _builder.Append(part.Value);
            }

            return;
        }

        var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
        _builder.Append(Html.Encoder.Encode(text ?? string.Empty));
    }

    public readonly Html Build() => new(_builder.ToString());
}
