using System.Text;

namespace ItaBot.Content;

/// <summary>
/// Adds an FAQ entry to the pack's <c>faq.yaml</c> (a staff answer to a handed-over question, saved for next time). The
/// entry is appended as YAML text, so the agency's comments and layout stay as they are; the caller reloads the pack,
/// and if it does not load, puts the file back with <see cref="Restore"/>.
/// </summary>
internal static class FaqAppender
{
    /// <summary>Appends the entry; returns the file's previous text.</summary>
    public static string Append(string contentDirectory, string id, string question, string answer)
    {
        var path = Path.Combine(contentDirectory, ContentPackLoader.FaqFile);
        var before = File.ReadAllText(path, Encoding.UTF8);
        var entry = new StringBuilder()
            .Append(before.EndsWith('\n') ? "" : "\n")
            .Append("  # เพิ่มจากคำตอบของเจ้าหน้าที่ (หน้า คำถามที่ส่งต่อเจ้าหน้าที่)\n")
            .Append("  - id: ").Append(id).Append('\n')
            .Append("    question: ").Append(Quoted(question)).Append('\n')
            .Append("    answer: |-\n");
        foreach (var line in answer.ReplaceLineEndings("\n").Replace('\t', ' ').Split('\n'))
        {
            entry.Append(line.Length == 0 ? "" : "      " + line.TrimEnd()).Append('\n');
        }

        File.WriteAllText(path, before + entry, new UTF8Encoding(false));
        return before;
    }

    public static void Restore(string contentDirectory, string previous) =>
        File.WriteAllText(Path.Combine(contentDirectory, ContentPackLoader.FaqFile), previous, new UTF8Encoding(false));

    /// <summary>A YAML double-quoted scalar on one line.</summary>
    private static string Quoted(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
