namespace Qingshui.Domain.Network;

/// <summary>A party to cross-boundary protection: a province, city or county.</summary>
/// <param name="Id">Stable identifier (<c>jiangxi</c>).</param>
/// <param name="Name">Its name.</param>
public sealed record Jurisdiction(string Id, LocalizedText Name);
