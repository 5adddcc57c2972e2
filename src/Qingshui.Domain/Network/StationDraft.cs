namespace Qingshui.Domain.Network;

/// <summary>
/// A station as someone outside asks to add or change it (the station register over the web): every field as given,
/// unchecked; <c>null</c> means "not given" (kept on a change, defaulted or required on an add).
/// </summary>
/// <remarks>Check it with <see cref="StationRules"/>, which turns it into a <see cref="Station"/> or the errors of each field.</remarks>
/// <param name="DeviceId">MN (add only).</param>
/// <param name="Password">PW (add only; a change of password is a rotation, <see cref="StationRules.Rotate"/>).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Section">Section id.</param>
/// <param name="Operator">Jurisdiction id that runs it (add only).</param>
/// <param name="Edition"><c>2017</c> or <c>2005</c> (also the basin file's <c>HJ212-2017</c>, <c>HJ212-2005</c>).</param>
/// <param name="Crc"><c>strict</c>, <c>accept-modbus</c> or <c>no-check</c>.</param>
/// <param name="UtcOffset">The logger clock's offset, <c>+08:00</c>.</param>
/// <param name="Parameters">HJ 212-2017 parameter codes it reports.</param>
/// <param name="Units">Units that differ from a code's default, code → symbol.</param>
public sealed record StationDraft(
    string? DeviceId = null, string? Password = null, string? NameZh = null, string? NameEn = null, string? Section = null, string? Operator = null,
    string? Edition = null, string? Crc = null, string? UtcOffset = null, IReadOnlyList<string?>? Parameters = null,
    IReadOnlyDictionary<string, string?>? Units = null);
