using System.Text.RegularExpressions;
using Qingshui.Testing;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// The dashboard sets markup only through html`…` (src/html.ts), which escapes every interpolation: a view that builds
/// markup from a plain string or writes innerHTML itself fails here, before any browser runs.
/// </summary>
public sealed partial class EscapingConventionTests
{
    private static readonly string Source = Path.Combine(SharedData.RepositoryRoot, "src", "Qingshui.Dashboard", "src");

    public static TheoryData<string> Scripts() => [.. Directory.GetFiles(Source, "*.ts", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "html.ts").Select(f => Path.GetRelativePath(Source, f))];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_SetsMarkupOnlyThroughTheEscapingTemplate(string file)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Source, file));

        string[] violations = [.. lines.Select((line, i) => (Line: line.Trim(), Number: i + 1))
            .Where(l => RawMarkupSink().IsMatch(l.Line) || UntaggedMarkup().IsMatch(l.Line))
            .Select(l => $"{file}:{l.Number}: {l.Line}")];

        Assert.Empty(violations);
    }

    [Fact]
    public void Scripts_AreFound() => Assert.Contains(Path.Combine("views", "stations.ts"), Scripts().Select(r => r.Data));

    /// <summary>APIs that parse a string as markup.</summary>
    [GeneratedRegex(@"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b")]
    private static partial Regex RawMarkupSink();

    /// <summary>A template or string literal that starts with a tag but is not html`…`.</summary>
    [GeneratedRegex(@"(?<!html)`\s*<[A-Za-z/!]|['""]\s*<[A-Za-z/!]")]
    private static partial Regex UntaggedMarkup();
}
