using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>River chiefs, patrols, findings and enforcement cases: written on the writer connection under the write lock, read on pooled connections.</summary>
public sealed partial class SqliteStore : IPatrolStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RiverChief>> AddRiverChiefsAsync(IReadOnlyList<RiverChief> chiefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chiefs);
        return InAccountTransactionAsync<IReadOnlyList<RiverChief>>("storing river chiefs", (connection, transaction) =>
            [.. chiefs.Select(chief => chief with { Id = Insert(connection, transaction, "river_chiefs", PatrolRows.Chief(chief)) })], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RiverChief?> FindRiverChiefAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, body FROM river_chiefs WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), Read<RiverChief>, cancellationToken)) is [RiverChief chief] ? chief : null;

    /// <inheritdoc />
    public Task<StoredChange<RiverChief>?> ChangeRiverChiefAsync(long id, Func<RiverChief, RiverChief?> change, CancellationToken cancellationToken) =>
        ChangeAsync("river_chiefs", id, change, PatrolRows.Chief, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RiverChief>> ListRiverChiefsAsync(JointQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListAsync<RiverChief>("river_chiefs", "($side IS NULL OR side = $side) AND ($from IS NULL OR term_to IS NULL OR term_to >= $from) AND ($to IS NULL OR term_from < $to)",
            query, _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Patrol> AddPatrolAsync(Patrol patrol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patrol);
        return InAccountTransactionAsync("storing a patrol", (connection, transaction) =>
            patrol with { Id = Insert(connection, transaction, "patrols", PatrolRows.Patrol(patrol with { RoutePoints = 0 })), RoutePoints = 0 }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Patrol?> FindPatrolAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, body FROM patrols WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), Read<Patrol>, cancellationToken)) is [Patrol patrol] ? patrol : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<Patrol>> ListPatrolsAsync(JointQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListAsync<Patrol>("patrols", "($side IS NULL OR sides LIKE '%,' || $side || ',%') AND ($from IS NULL OR day >= $from) AND ($to IS NULL OR day < $to)",
            query, _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Patrol?> SetRouteAsync(long patrol, IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        string route = JsonSerializer.Serialize(points.Select(p => new[] { p.Longitude, p.Latitude }));
        return InAccountTransactionAsync<Patrol?>("storing a patrol route", (connection, transaction) =>
        {
            List<Patrol> found = ReadInTransaction(connection, transaction, "SELECT id, body FROM patrols WHERE id = $id", "$id",
                patrol.ToString(CultureInfo.InvariantCulture), Read<Patrol>);
            if (found is not [Patrol current])
            {
                return null;
            }

            Patrol changed = current with { RoutePoints = points.Count };
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE patrols SET route = $route, route_points = $count, body = $body WHERE id = $id";
            update.Parameters.AddWithValue("$route", route);
            update.Parameters.AddWithValue("$count", points.Count);
            update.Parameters.AddWithValue("$body", PatrolRows.Body(changed));
            update.Parameters.AddWithValue("$id", patrol);
            update.ExecuteNonQuery();
            return changed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GeoPoint>?> RouteAsync(long patrol, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> found = await QueryAsync("SELECT route FROM patrols WHERE id = $id", c => c.Parameters.AddWithValue("$id", patrol),
            r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        return found[0] is string route ? [.. JsonSerializer.Deserialize<double[][]>(route)!.Select(p => new GeoPoint(p[0], p[1]))] : [];
    }

    /// <inheritdoc />
    public Task<Finding?> AddFindingAsync(Finding finding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return InAccountTransactionAsync<Finding?>("storing a finding", (connection, transaction) =>
            ReadInTransaction(connection, transaction, "SELECT id FROM patrols WHERE id = $id", "$id", finding.Patrol.ToString(CultureInfo.InvariantCulture), r => r.GetInt64(0)).Count == 0
                ? null
                : finding with { Id = Insert(connection, transaction, "patrol_findings", PatrolRows.Finding(finding)) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Finding?> FindFindingAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, body FROM patrol_findings WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), Read<Finding>, cancellationToken)) is [Finding finding] ? finding : null;

    /// <inheritdoc />
    public Task<StoredChange<Finding>?> ChangeFindingAsync(long id, Func<Finding, Finding?> change, CancellationToken cancellationToken) =>
        ChangeAsync("patrol_findings", id, change, PatrolRows.Finding, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListAsync<Finding>("patrol_findings", """
            ($side IS NULL OR owner_side = $side) AND ($from IS NULL OR recorded_on >= $from) AND ($to IS NULL OR recorded_on < $to)
            AND ($patrol IS NULL OR patrol = $patrol) AND ($closed IS NULL OR closed = $closed)
            AND ($overdue IS NULL OR (closed = 0 AND deadline IS NOT NULL AND deadline < $today) = $overdue)
            """, query.Common, command =>
        {
            command.Parameters.AddWithValue("$patrol", query.Patrol is long patrol ? patrol : DBNull.Value);
            command.Parameters.AddWithValue("$closed", query.Closed is bool closed ? (closed ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$overdue", query.Overdue is bool overdue ? (overdue ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$today", PatrolRows.Day(query.Today));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EnforcementCase> AddCaseAsync(EnforcementCase enforcementCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enforcementCase);
        return InAccountTransactionAsync("storing a case", (connection, transaction) =>
            enforcementCase with { Id = Insert(connection, transaction, "enforcement_cases", PatrolRows.Case(enforcementCase)) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EnforcementCase?> FindCaseAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, body FROM enforcement_cases WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), Read<EnforcementCase>, cancellationToken)) is [EnforcementCase found] ? found : null;

    /// <inheritdoc />
    public Task<StoredChange<EnforcementCase>?> ChangeCaseAsync(long id, Func<EnforcementCase, EnforcementCase?> change, CancellationToken cancellationToken) =>
        ChangeAsync("enforcement_cases", id, change, PatrolRows.Case, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EnforcementCase>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListAsync<EnforcementCase>("enforcement_cases", """
            ($side IS NULL OR parties LIKE '%,' || $side || ',%') AND ($from IS NULL OR opened_on >= $from) AND ($to IS NULL OR opened_on < $to)
            AND ($status IS NULL OR status = $status) AND ($visible IS NULL OR parties LIKE '%,' || $visible || ',%') AND ($referred = 0 OR referred = 1)
            """, query.Common, command =>
        {
            command.Parameters.AddWithValue("$status", query.Status is CaseStatus status ? PatrolWords.Word(status) : DBNull.Value);
            command.Parameters.AddWithValue("$visible", (object?)query.VisibleTo ?? DBNull.Value);
            command.Parameters.AddWithValue("$referred", query.Referred ? 1 : 0);
        }, cancellationToken);
    }
}
