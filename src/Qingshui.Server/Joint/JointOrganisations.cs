using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>
/// The organisations joint records are shared with: those acting for one of the basin's jurisdictions and the joint office
/// (observers read only what is public). Jurisdictions come in the basin's order, which is the convenors' rotation.
/// </summary>
internal sealed class JointOrganisations(IAccountStore accounts, ServerOptions options)
{
    /// <summary>The ids of every organisation joint records are shared with.</summary>
    public async Task<IReadOnlySet<string>> AllAsync(CancellationToken cancellationToken) =>
        (await accounts.OrganisationsAsync(cancellationToken))
            .Where(o => o.Kind == OrganisationKind.JointOffice || (o.Kind == OrganisationKind.Jurisdiction && Serves(o)))
            .Select(o => o.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The jurisdictions' organisations, in the basin's order of jurisdictions.</summary>
    public async Task<IReadOnlyList<string>> RotationAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Organisation> all = await accounts.OrganisationsAsync(cancellationToken);
        return [.. options.Basin.Jurisdictions.SelectMany(j => all.Where(o => o.Kind == OrganisationKind.Jurisdiction && o.JurisdictionId == j.Id)
            .OrderBy(o => o.Id, StringComparer.Ordinal)).Select(o => o.Id)];
    }

    private bool Serves(Organisation organisation) => options.Basin.Jurisdictions.Any(j => j.Id == organisation.JurisdictionId);

    /// <summary>The basin's local date now (Beijing time).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Hj212.Hj212Time.ChinaStandardOffset).DateTime);

    /// <summary>The basin's name in the report's language.</summary>
    public LocalizedText BasinName => options.Basin.Name;
}
