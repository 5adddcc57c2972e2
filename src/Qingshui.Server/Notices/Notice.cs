using Qingshui.Domain.Network;

namespace Qingshui.Server.Notices;

/// <summary>Something people must be told: an alert raised, an incident opened or escalated.</summary>
/// <param name="Kind">What happened, dotted (<c>alert.raised</c>, <c>incident.opened</c>, <c>incident.escalated</c>…).</param>
/// <param name="Reference">What it is about (<c>alert/17</c>, <c>incident/4</c>), so a receiver can fetch it from the API.</param>
/// <param name="Title">One line, in Chinese and English.</param>
/// <param name="Body">A few lines of plain text, in Chinese and English.</param>
/// <param name="Organisations">The organisations to tell (their ids); empty means every member.</param>
/// <param name="At">When it happened.</param>
internal sealed record Notice(
    string Kind, string Reference, LocalizedText Title, LocalizedText Body, IReadOnlyList<string> Organisations, DateTimeOffset At);
