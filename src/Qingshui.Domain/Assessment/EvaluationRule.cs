namespace Qingshui.Domain.Assessment;

/// <summary>
/// Which items decide a section's class, as a named rule: the 21 items of the 2011 evaluation method, the "5+X" of
/// current national practice, or a custom list. <see cref="Required"/> items must all be measured for a class;
/// the others count when measured.
/// </summary>
/// <param name="Id">Stable name (<c>gb3838-21</c>, <c>5+X</c>, <c>custom</c>).</param>
/// <param name="Items">Every item that counts.</param>
/// <param name="Required">Items without which no class is given ("insufficient data").</param>
public sealed record EvaluationRule(string Id, IReadOnlyList<StandardItem> Items, IReadOnlyList<StandardItem> Required)
{
    private static readonly StandardItem[] Core =
        [Gb3838Table1.PH, Gb3838Table1.DissolvedOxygen, Gb3838Table1.PermanganateIndex, Gb3838Table1.AmmoniaNitrogen, Gb3838Table1.TotalPhosphorus];

    // The national real-time release classifies rows without TP from the other four (734 rows of the 2021-04 extract),
    // and never a row missing pH, DO, CODMn or NH3-N; so TP counts when measured but is not required.
    private static readonly StandardItem[] CoreRequired = [.. Core.Where(i => i != Gb3838Table1.TotalPhosphorus)];

    /// <summary>
    /// 地表水环境质量评价办法（试行）(2011) §2.1: Table 1 without water temperature, total nitrogen and fecal coliform.
    /// Items not measured are left out (with the automatic stations' five core items required).
    /// </summary>
    public static EvaluationRule TwentyOneItems { get; } = new("gb3838-21",
        Gb3838Table1.Items.Where(i => i.Id is not ("WT" or "TN" or "FC")).ToArray(), CoreRequired);

    /// <summary>
    /// "5+X" (14th Five-Year national monitoring): pH, DO, CODMn, NH3-N and TP, plus the section's X items. pH, DO,
    /// CODMn and NH3-N are required; TP and the X items count when measured, as the national release does.
    /// </summary>
    public static EvaluationRule FivePlusX(params StandardItem[] extra) =>
        new(extra.Length == 0 ? "5+X" : "5+X:" + string.Join(",", extra.Select(e => e.Id)), [.. Core, .. extra.Except(Core)], CoreRequired);

    /// <summary>A custom list; every item is required unless listed as optional.</summary>
    public static EvaluationRule Custom(IReadOnlyList<StandardItem> items, IReadOnlyList<StandardItem>? optional = null) =>
        new("custom:" + string.Join(",", items.Select(i => i.Id)), items, optional is null ? items : items.Except(optional).ToArray());

    /// <summary>
    /// This rule with other required items: <c>none</c> (a class from the items present, as the 2026 national release
    /// gives one to rows missing NH3-N, CODMn or pH) or a list of this rule's items (<c>CODMn,NH3N</c>). The rule
    /// unchanged, with the reason in <paramref name="error"/>, when the text names no item or one the rule does not count.
    /// </summary>
    public EvaluationRule Requiring(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return this with { Required = [] };
        }

        if (ParseItems(text, out error) is not StandardItem[] items || items.Length == 0)
        {
            error ??= $"'{text}' names no item: give ITEM,… (e.g. CODMn,NH3N) or none";
            return this;
        }

        if (items.FirstOrDefault(i => !Items.Contains(i)) is StandardItem outside)
        {
            error = $"{outside.Id} is not counted by the rule {Id}: it cannot be required";
            return this;
        }

        return this with { Required = items };
    }

    /// <summary>Reads <c>21</c>, <c>5+X</c>, <c>5+X:COD,BOD5</c> or <c>custom:pH,DO,NH3N</c>; <c>null</c> with the reason otherwise.</summary>
    public static EvaluationRule? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text is "21" or "gb3838-21")
        {
            return TwentyOneItems;
        }

        string[] parts = text.Split(':', 2);
        StandardItem[]? items = parts.Length == 2 ? ParseItems(parts[1], out error) : [];
        if (items is null)
        {
            return null;
        }

        switch (parts[0].ToUpperInvariant())
        {
            case "5+X":
                return FivePlusX(items);
            case "CUSTOM" when items.Length > 0:
                return Custom(items);
            default:
                error = $"'{text}' is not a rule: use 21, 5+X, 5+X:ITEM,… or custom:ITEM,…";
                return null;
        }
    }

    private static StandardItem[]? ParseItems(string list, out string? error)
    {
        var items = new List<StandardItem>();
        foreach (string id in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (StandardItems.Find(id) is not StandardItem item)
            {
                error = $"'{id}' is not a GB 3838 item id (e.g. CODMn, NH3N, TP, COD, BOD5, Cu)";
                return null;
            }

            items.Add(item);
        }

        error = null;
        return [.. items];
    }
}
