namespace Qingshui.Reporting;

/// <summary>The language of a report: Chinese by default, English on request.</summary>
public enum Language
{
    /// <summary>中文.</summary>
    Chinese,

    /// <summary>English.</summary>
    English,
}
