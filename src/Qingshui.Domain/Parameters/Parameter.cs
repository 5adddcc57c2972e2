namespace Qingshui.Domain.Parameters;

/// <summary>A monitored surface-water parameter, identified by its HJ 212-2017 code.</summary>
/// <param name="Code">The HJ 212-2017 code (Table B.1 after HJ 525-2009, or an extension code such as <c>w01003</c>); Qingshui's key.</param>
/// <param name="LegacyCode">The HJ/T 212-2005 code (<c>011</c> for COD), where one exists.</param>
/// <param name="Abbreviation">Short English name (<c>CODMn</c>).</param>
/// <param name="ChineseName">The standard's Chinese name (高锰酸盐指数).</param>
/// <param name="EnglishName">English name.</param>
/// <param name="DefaultUnit">The unit HJ 212 uses for the code unless a station is configured otherwise.</param>
/// <param name="CnemcColumn">The column header of the national real-time release, where it publishes the parameter.</param>
public sealed record Parameter(
    string Code, string? LegacyCode, string Abbreviation, string ChineseName, string EnglishName, Unit DefaultUnit, string? CnemcColumn = null);
