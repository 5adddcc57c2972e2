using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

/// <summary>A party to an agreement: a jurisdiction that pays or is paid.</summary>
/// <param name="Id">Stable id (<c>jiangxi</c>).</param>
/// <param name="Name">Its name.</param>
public sealed record Party(string Id, LocalizedText Name);
