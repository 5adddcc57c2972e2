namespace Qingshui.Domain.Network;

/// <summary>A name in Chinese (shown by default) and English.</summary>
/// <param name="Chinese">The Chinese name.</param>
/// <param name="English">The English name (pinyin for proper nouns).</param>
public sealed record LocalizedText(string Chinese, string English)
{
    /// <summary>The name in the given language ("zh" or "en").</summary>
    public string In(string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;
}
