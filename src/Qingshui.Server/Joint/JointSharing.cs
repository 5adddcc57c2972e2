using System.Globalization;
using Qingshui.Domain.Access;
using Qingshui.Storage;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// What every kind of joint record does when it names attachments or reaches organisations: the attachments it names must
/// be uploaded and readable by the one naming them, and naming them shares them with the organisations that see the
/// record; each delivery is noted as a receipt, so either side can show later what the other was told.
/// </summary>
internal sealed class JointSharing(IAttachmentStore attachments, IReceiptStore receipts, IAccountStore accounts, JointOrganisations basin, TimeProvider clock)
{
    /// <summary>
    /// The problems with the attachment ids a request names in <paramref name="field"/> (already checked for form), each named
    /// by its place in the request (<c>photos[2]</c>): not uploaded, or not shared with <paramref name="organisation"/>.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> CheckAttachmentsAsync(
        string field, IReadOnlyList<string?>? ids, string organisation, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (ids?.Count ?? 0); i++)
        {
            if (ids![i] is not string id || !seen.Add(id))
            {
                continue;
            }

            string name = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            StoredAttachment? stored = await attachments.FindAttachmentAsync(id, cancellationToken);
            if (stored is null)
            {
                problems.Add((name, "is not an uploaded attachment (POST /api/v1/joint/attachments first)"));
            }
            else if (!stored.SharedWith.Contains(organisation, StringComparer.Ordinal))
            {
                // Naming a file would share it onwards, so only what the namer may read can be named.
                problems.Add((name, $"is an attachment not shared with organisation '{organisation}', so it cannot name it"));
            }
        }

        return problems;
    }

    /// <summary>Every organisation of the basin (both sides and the joint office).</summary>
    public Task<IReadOnlySet<string>> BasinAsync(CancellationToken cancellationToken) => basin.AllAsync(cancellationToken);

    /// <summary>The organisations acting for one of <paramref name="sides"/>, and the joint office.</summary>
    public async Task<IReadOnlyList<string>> OfSidesAsync(IEnumerable<string> sides, CancellationToken cancellationToken)
    {
        var wanted = sides.ToHashSet(StringComparer.Ordinal);
        return [.. (await accounts.OrganisationsAsync(cancellationToken))
            .Where(o => o.Kind == OrganisationKind.JointOffice || (o.Kind == OrganisationKind.Jurisdiction && o.JurisdictionId is string j && wanted.Contains(j)))
            .Select(o => o.Id)];
    }

    /// <summary>
    /// Delivers record <paramref name="kind"/>/<paramref name="id"/> to <paramref name="organisations"/> (a receipt for each) and
    /// shares the attachments it names with them.
    /// </summary>
    public async Task DeliverAsync(
        string kind, string id, IEnumerable<string> attachmentIds, IReadOnlyCollection<string> organisations, CancellationToken cancellationToken)
    {
        foreach (string attachment in attachmentIds.Distinct(StringComparer.Ordinal))
        {
            if (await attachments.FindAttachmentAsync(attachment, cancellationToken) is StoredAttachment stored)
            {
                // The store adds these organisations to those it is already shared with.
                await attachments.AddAttachmentAsync(stored with { SharedWith = [.. organisations] }, cancellationToken);
            }
        }

        await receipts.DeliverAsync(clock, kind, id, organisations, cancellationToken);
    }
}
