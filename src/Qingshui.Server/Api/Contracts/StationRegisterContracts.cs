namespace Qingshui.Server.Api.Contracts;

/// <summary>A station's name as given in a register write: Chinese and English, either may be left out of a change.</summary>
internal sealed record StationNameRequest(string? Zh, string? En);

/// <summary>
/// The body of a new station: MN, access password, name, section and edition (<c>2025</c>|<c>2017</c>|<c>2005</c>) are required;
/// operator defaults to the user's jurisdiction, crc to <c>strict</c>, utcOffset to <c>+08:00</c>.
/// </summary>
internal sealed record StationAddRequest(
    string? Mn, string? Password, StationNameRequest? Name, string? Section, string? Operator, string? Edition, string? Crc, string? UtcOffset,
    IReadOnlyList<string?>? Parameters, IReadOnlyDictionary<string, string?>? Units);

/// <summary>
/// The body of a change: only the fields given change. MN, password and operator are accepted only to be refused by name
/// (the MN is the identity, the password has its rotation, a station does not change hands).
/// </summary>
internal sealed record StationChangeRequest(
    StationNameRequest? Name, string? Section, string? Edition, string? Crc, string? UtcOffset, IReadOnlyList<string?>? Parameters,
    IReadOnlyDictionary<string, string?>? Units, string? Mn, string? Password, string? Operator);

/// <summary>The body of a password rotation: the new access password (never answered back).</summary>
internal sealed record PasswordRotationRequest(string? Password);

/// <summary>A station as registered, without its access password (no read returns it).</summary>
internal sealed record StationRegistrationDto(
    string Mn, NameDto Name, string Section, string Operator, string Edition, string Crc, string UtcOffset, IReadOnlyList<string> Parameters,
    IReadOnlyDictionary<string, string> Units);

/// <summary>A data logger waiting for an MN (HJ 212-2025 1001), as members see it.</summary>
internal sealed record PendingDeviceDto(
    string LoggerId, string? CpuId, string? Mac1, string? Mac2, string AnnouncedMn, string Remote, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    bool Connected, string? AssignedMn, string Node);

/// <summary>
/// The assignment of an MN to a pending HJ 212-2025 logger: the fields of a station added to the register, and the
/// logger's SM4 key when it encrypts from its first upload (as given with the device), so that upload is read.
/// </summary>
internal sealed record PendingAssignRequest(
    string? Mn, string? Password, StationNameRequest? Name, string? Section, string? Operator, string? Edition, string? Crc, string? UtcOffset,
    IReadOnlyList<string?>? Parameters, IReadOnlyDictionary<string, string?>? Units, string? DataKey);

/// <summary>Why a pending logger is turned away (optional, at most 500 characters; kept in the audit log).</summary>
/// <param name="Reason">The reason.</param>
internal sealed record PendingRejectRequest(string? Reason);
