namespace Qingshui.Domain.Network;

/// <summary>The protocol edition a station's data logger speaks; configured, never guessed.</summary>
public enum ProtocolEdition
{
    /// <summary>HJ 212-2017.</summary>
    Hj212V2017,

    /// <summary>HJ/T 212-2005.</summary>
    Hj212V2005,

    /// <summary>HJ 212-2025 (in force since 2026-01-01): 2017's framing, Flag version 2, SM4 data areas when a key is set.</summary>
    Hj212V2025,
}
