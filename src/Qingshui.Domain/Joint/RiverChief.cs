using System.Globalization;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>河长, a river chief on the roster of one reach and bank.</summary>
/// <remarks>
/// A reach is named by the section it starts at (the basin file's sections, from source to mouth: the reach runs from
/// that section to the next one downstream). The side is the basin jurisdiction the chief serves; the two banks of a
/// boundary reach may belong to different sides. The term ends at the end of <see cref="TermTo"/> (inclusive), or is
/// open when it is <c>null</c>.
/// </remarks>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Reach">The section the reach starts at.</param>
/// <param name="Bank">The bank.</param>
/// <param name="Side">The jurisdiction served.</param>
/// <param name="Level">The tier of government.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Organisation">The body the chief belongs to (醴陵市人民政府).</param>
/// <param name="Contact">How to reach them (office telephone, e-mail).</param>
/// <param name="TermFrom">First day of the term.</param>
/// <param name="TermTo">Last day of the term, or <c>null</c> while open.</param>
public sealed record RiverChief(
    long Id, string Reach, Bank Bank, string Side, RiverChiefLevel Level, string Name, string Organisation, string Contact,
    DateOnly TermFrom, DateOnly? TermTo)
{
    /// <summary>
    /// A river chief from fields given as text (the API body, a CSV line), checked against the basin, or every error
    /// naming its field.
    /// </summary>
    public static (RiverChief? Chief, IReadOnlyList<PatrolError> Errors) Create(RiverChiefFields fields, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(basin);
        var errors = new List<PatrolError>();
        string? reach = fields.Reach?.Trim();
        if (string.IsNullOrEmpty(reach))
        {
            errors.Add(new PatrolError("reach", "is required: the id of the section the reach starts at"));
        }
        else if (basin.FindSection(reach) is null)
        {
            errors.Add(new PatrolError("reach", $"'{Shown(reach)}' is not a section of basin {basin.Id} ({string.Join(", ", basin.Sections.Select(s => s.Id))})"));
        }

        Bank bank = default;
        if (fields.Bank is null || !PatrolWords.BankByWord.TryGetValue(fields.Bank.Trim(), out bank))
        {
            errors.Add(new PatrolError("bank", fields.Bank is null ? "is required: left or right" : $"'{Shown(fields.Bank)}' is not left or right"));
        }

        string? side = PatrolChecks.Side("side", fields.Side, basin, errors);
        RiverChiefLevel level = default;
        if (fields.Level is null || !PatrolWords.LevelByWord.TryGetValue(fields.Level.Trim(), out level))
        {
            errors.Add(new PatrolError("level", (fields.Level is null ? "is required" : $"'{Shown(fields.Level)}' is not a level")
                + ": province, city, county, township or village"));
        }

        string? name = PatrolChecks.Text("name", fields.Name, PatrolChecks.MaxShortText, errors);
        string? organisation = PatrolChecks.Text("organisation", fields.Organisation, PatrolChecks.MaxShortText, errors);
        string? contact = PatrolChecks.Text("contact", fields.Contact, PatrolChecks.MaxShortText, errors, required: false);
        DateOnly? from = PatrolChecks.Date("term-from", fields.TermFrom, required: true, errors);
        DateOnly? to = PatrolChecks.Date("term-to", fields.TermTo, required: false, errors);
        if (from is DateOnly start && to is DateOnly end && end < start)
        {
            errors.Add(new PatrolError("term-to", $"{end:yyyy-MM-dd} is before term-from {start:yyyy-MM-dd}"));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RiverChief(0, reach!, bank, side!, level, name!, organisation!, contact ?? "", from!.Value, to), errors);
    }

    /// <summary>Whether the chief is in office on <paramref name="day"/>.</summary>
    public bool InOfficeOn(DateOnly day) => day >= TermFrom && (TermTo is null || day <= TermTo);

    internal static string Shown(string text) => text.Length > 64 ? text[..64] + "…" : text;
}

/// <summary>A river chief's fields as text from outside (an API body, a CSV line), before they are checked.</summary>
/// <param name="Reach">Section id the reach starts at.</param>
/// <param name="Bank"><c>left</c> or <c>right</c>.</param>
/// <param name="Side">Jurisdiction id.</param>
/// <param name="Level"><c>province</c> … <c>village</c>.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Organisation">The body they belong to.</param>
/// <param name="Contact">Contact (optional).</param>
/// <param name="TermFrom"><c>yyyy-MM-dd</c>.</param>
/// <param name="TermTo"><c>yyyy-MM-dd</c> or empty.</param>
public sealed record RiverChiefFields(
    string? Reach, string? Bank, string? Side, string? Level, string? Name, string? Organisation, string? Contact, string? TermFrom, string? TermTo);
