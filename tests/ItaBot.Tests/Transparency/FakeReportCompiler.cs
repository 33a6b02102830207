using ItaBot.Reports;

namespace ItaBot.Tests.Transparency;

/// <summary>Stands in for the real compiler: serves the snapshots it was given, as if they were stored.</summary>
internal sealed class FakeReportCompiler(params ReportSnapshot[] stored) : IReportCompiler
{
    private readonly List<ReportSnapshot> _stored = [.. stored];

    public Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The public pages never compile.");

    public ReportSnapshot? Latest(string periodSlug) =>
        _stored.Where(s => s.Period.Slug == periodSlug).OrderByDescending(s => s.CompiledAt).FirstOrDefault();

    public ReportSnapshot? Get(string snapshotId) => _stored.FirstOrDefault(s => s.Id == snapshotId);

    public IReadOnlyList<ReportSnapshot> List(int limit = 100) => [.. _stored.OrderByDescending(s => s.CompiledAt).Take(limit)];
}

/// <summary>A DOCX-like renderer with a switch for <see cref="IsPublic"/>, to see which documents the public pages offer.</summary>
internal sealed class FakeRenderer(string kind, bool isPublic) : IReportRenderer
{
    public string Kind => kind;

    public string Title => "เอกสาร " + kind;

    public bool IsPublic => isPublic;

    public ReportDocument Render(ReportSnapshot snapshot) =>
        new($"{kind}-{snapshot.Period.Slug}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]);
}

/// <summary>Reads CSV as RFC 4180 defines it (quoted fields, doubled quotes, CRLF inside quotes), to check ours parses back.</summary>
internal static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.Equal(0, field.Length);
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c);
                field.Append(c);
            }
        }

        Assert.False(quoted, "An unclosed quote.");
        Assert.Equal(0, field.Length + row.Count);
        return rows;
    }
}
