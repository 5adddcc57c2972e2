namespace Qingshui.Server.Api.Contracts;

/// <summary>A station's SM4 data-area key, as given by an operator: 32 hexadecimal digits (128 bits).</summary>
/// <param name="Key">The key.</param>
internal sealed record StationKeyRequest(string? Key);

/// <summary>Whether a station has a data-area key, never the key itself.</summary>
/// <param name="Mn">The station.</param>
/// <param name="Set">Whether its data areas are read with a key (HJ 212-2025).</param>
/// <param name="Key">A fixed mask when set, <c>null</c> otherwise.</param>
/// <param name="ChangedAt">When the key last changed.</param>
/// <param name="PreviousAcceptedUntil">Until when the key replaced by the last exchange is still accepted.</param>
internal sealed record StationKeyDto(
    string Mn, bool Set, string? Key, DateTimeOffset? ChangedAt, DateTimeOffset? PreviousAcceptedUntil);
