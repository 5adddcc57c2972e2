namespace Qingshui.Domain.Joint;

/// <summary>
/// 联合采样: both sides sample one section together, split the samples, and each side's laboratory analyses its part.
/// </summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Section">The section sampled.</param>
/// <param name="SampledAt">When the water was taken.</param>
/// <param name="Place">Where exactly (bank, distance from the intake, depth).</param>
/// <param name="Samplers">Who sampled, for each side.</param>
/// <param name="Samples">The split samples' labels (each analysed by the laboratories).</param>
/// <param name="Results">Each laboratory's results, as imported.</param>
/// <param name="Attachments">Ids of attached files (the lowercase hex SHA-256 of their content).</param>
/// <param name="Note">Anything else recorded.</param>
/// <param name="CreatedBy">Who recorded it.</param>
/// <param name="Organisation">Their organisation.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record SamplingEvent(
    long Id, string Section, DateTimeOffset SampledAt, string Place, IReadOnlyList<Sampler> Samplers, IReadOnlyList<string> Samples,
    IReadOnlyList<LabResult> Results, IReadOnlyList<string> Attachments, string Note, string CreatedBy, string Organisation, DateTimeOffset CreatedAt)
{
    /// <summary>Longest place or note text.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Most samplers, split samples or attachments.</summary>
    public const int MaxListLength = 50;

    /// <summary>
    /// The results after an import: each imported result replaces the one of the same sample, laboratory and item (a
    /// laboratory's corrected report), the others are kept; the order is the earlier results', then the new ones'.
    /// </summary>
    public IReadOnlyList<LabResult> WithImported(IReadOnlyList<LabResult> imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var replaced = imported.ToDictionary(r => (r.Sample, r.Laboratory, r.ItemId));
        var merged = Results.Select(r => replaced.Remove((r.Sample, r.Laboratory, r.ItemId), out LabResult? newer) ? newer : r).ToList();
        merged.AddRange(imported.Where(r => replaced.ContainsKey((r.Sample, r.Laboratory, r.ItemId))));
        return merged;
    }
}

/// <summary>A person who sampled, and the side they sampled for.</summary>
/// <param name="Jurisdiction">The side (<c>jiangxi</c>).</param>
/// <param name="Name">Their name.</param>
public sealed record Sampler(string Jurisdiction, string Name);

/// <summary>One laboratory's result for one item of one split sample.</summary>
/// <param name="Sample">The split sample's label.</param>
/// <param name="Laboratory">The laboratory.</param>
/// <param name="Jurisdiction">The side the laboratory analysed for.</param>
/// <param name="ItemId">The GB 3838 item.</param>
/// <param name="Value">The value in the item's unit; the detection limit when <paramref name="BelowLimit"/>.</param>
/// <param name="BelowLimit">Below the detection limit (<c>0.02L</c>, or <c>ND</c> with its limit).</param>
public sealed record LabResult(string Sample, string Laboratory, string Jurisdiction, string ItemId, decimal Value, bool BelowLimit)
{
    /// <summary>The value as laboratories write it: <c>0.02L</c> below the limit.</summary>
    public string Text => Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + (BelowLimit ? "L" : "");
}
