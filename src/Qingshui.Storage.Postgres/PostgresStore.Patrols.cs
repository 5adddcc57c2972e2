using System.Text.Json;
using Npgsql;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// River chiefs, patrols, findings and enforcement cases. Changes lock the row they read, so two sides acting at once on
/// different nodes both see what the other did. Side lists match as on SQLite, whose LIKE ignores ASCII case (ILIKE here).
/// </summary>
public sealed partial class PostgresStore : IPatrolStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RiverChief>> AddRiverChiefsAsync(IReadOnlyList<RiverChief> chiefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chiefs);
        return JointWriteAsync<IReadOnlyList<RiverChief>>("storing river chiefs", async (connection, transaction) =>
        {
            var added = new List<RiverChief>(chiefs.Count);
            foreach (RiverChief chief in chiefs)
            {
                added.Add(chief with { Id = await InsertPatrolRecordAsync(connection, transaction, "river_chiefs", PatrolRows.Chief(chief), cancellationToken) });
            }

            return added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RiverChief?> FindRiverChiefAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync("SELECT id, body FROM river_chiefs WHERE id = @id", c => c.Parameters.AddWithValue("id", id), ReadPatrolRecord<RiverChief>, cancellationToken))
            is [RiverChief chief] ? chief : null;

    /// <inheritdoc />
    public Task<StoredChange<RiverChief>?> ChangeRiverChiefAsync(long id, Func<RiverChief, RiverChief?> change, CancellationToken cancellationToken) =>
        ChangePatrolRecordAsync("river_chiefs", id, change, PatrolRows.Chief, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RiverChief>> ListRiverChiefsAsync(JointQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListPatrolRecordsAsync<RiverChief>("river_chiefs",
            "(@side::text IS NULL OR side = @side) AND (@from::text IS NULL OR term_to IS NULL OR term_to >= @from) AND (@to::text IS NULL OR term_from < @to)",
            query, _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Patrol> AddPatrolAsync(Patrol patrol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patrol);
        return JointWriteAsync("storing a patrol", async (connection, transaction) =>
            patrol with { Id = await InsertPatrolRecordAsync(connection, transaction, "patrols", PatrolRows.Patrol(patrol with { RoutePoints = 0 }), cancellationToken), RoutePoints = 0 },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Patrol?> FindPatrolAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync("SELECT id, body FROM patrols WHERE id = @id", c => c.Parameters.AddWithValue("id", id), ReadPatrolRecord<Patrol>, cancellationToken))
            is [Patrol patrol] ? patrol : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<Patrol>> ListPatrolsAsync(JointQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListPatrolRecordsAsync<Patrol>("patrols",
            "(@side::text IS NULL OR sides ILIKE '%,' || @side || ',%' ESCAPE '') AND (@from::text IS NULL OR day >= @from) AND (@to::text IS NULL OR day < @to)",
            query, _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Patrol?> SetRouteAsync(long patrol, IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        string route = JsonSerializer.Serialize(points.Select(p => new[] { p.Longitude, p.Latitude }));
        return JointWriteAsync<Patrol?>("storing a patrol route", async (connection, transaction) =>
        {
            await using NpgsqlCommand select = JointCommand(connection, transaction, "SELECT id, body FROM patrols WHERE id = @id FOR UPDATE");
            select.Parameters.AddWithValue("id", patrol);
            if (await ReadJointRowsAsync(select, ReadPatrolRecord<Patrol>, cancellationToken) is not [Patrol current])
            {
                return null;
            }

            Patrol changed = current with { RoutePoints = points.Count };
            await using NpgsqlCommand update = JointCommand(connection, transaction, "UPDATE patrols SET route = @route, route_points = @count, body = @body WHERE id = @id");
            update.Parameters.AddWithValue("route", route);
            update.Parameters.AddWithValue("count", (long)points.Count);
            update.Parameters.AddWithValue("body", PatrolRows.Body(changed));
            update.Parameters.AddWithValue("id", patrol);
            await update.ExecuteNonQueryAsync(cancellationToken);
            return changed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GeoPoint>?> RouteAsync(long patrol, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> found = await JointQueryAsync("SELECT route FROM patrols WHERE id = @id", c => c.Parameters.AddWithValue("id", patrol),
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
        return JointWriteAsync<Finding?>("storing a finding", async (connection, transaction) =>
        {
            // Patrols are never deleted, so a patrol seen here is still there when the finding commits.
            await using NpgsqlCommand select = JointCommand(connection, transaction, "SELECT id FROM patrols WHERE id = @id");
            select.Parameters.AddWithValue("id", finding.Patrol);
            return (await ReadJointRowsAsync(select, r => r.GetInt64(0), cancellationToken)).Count == 0
                ? null
                : finding with { Id = await InsertPatrolRecordAsync(connection, transaction, "patrol_findings", PatrolRows.Finding(finding), cancellationToken) };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Finding?> FindFindingAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync("SELECT id, body FROM patrol_findings WHERE id = @id", c => c.Parameters.AddWithValue("id", id), ReadPatrolRecord<Finding>, cancellationToken))
            is [Finding finding] ? finding : null;

    /// <inheritdoc />
    public Task<StoredChange<Finding>?> ChangeFindingAsync(long id, Func<Finding, Finding?> change, CancellationToken cancellationToken) =>
        ChangePatrolRecordAsync("patrol_findings", id, change, PatrolRows.Finding, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListPatrolRecordsAsync<Finding>("patrol_findings", """
            (@side::text IS NULL OR owner_side = @side) AND (@from::text IS NULL OR recorded_on >= @from) AND (@to::text IS NULL OR recorded_on < @to)
            AND (@patrol::bigint IS NULL OR patrol = @patrol) AND (@closed::integer IS NULL OR closed = @closed)
            AND (@overdue::boolean IS NULL OR (closed = 0 AND deadline IS NOT NULL AND deadline < @today) = @overdue)
            """, query.Common, command =>
        {
            command.Parameters.AddWithValue("patrol", query.Patrol is long patrol ? patrol : DBNull.Value);
            command.Parameters.AddWithValue("closed", query.Closed is bool closed ? (closed ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("overdue", query.Overdue is bool overdue ? overdue : DBNull.Value);
            command.Parameters.AddWithValue("today", JointDay(query.Today));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EnforcementCase> AddCaseAsync(EnforcementCase enforcementCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enforcementCase);
        return JointWriteAsync("storing a case", async (connection, transaction) =>
            enforcementCase with { Id = await InsertPatrolRecordAsync(connection, transaction, "enforcement_cases", PatrolRows.Case(enforcementCase), cancellationToken) },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EnforcementCase?> FindCaseAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync("SELECT id, body FROM enforcement_cases WHERE id = @id", c => c.Parameters.AddWithValue("id", id), ReadPatrolRecord<EnforcementCase>, cancellationToken))
            is [EnforcementCase found] ? found : null;

    /// <inheritdoc />
    public Task<StoredChange<EnforcementCase>?> ChangeCaseAsync(long id, Func<EnforcementCase, EnforcementCase?> change, CancellationToken cancellationToken) =>
        ChangePatrolRecordAsync("enforcement_cases", id, change, PatrolRows.Case, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EnforcementCase>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListPatrolRecordsAsync<EnforcementCase>("enforcement_cases", """
            (@side::text IS NULL OR parties ILIKE '%,' || @side || ',%' ESCAPE '') AND (@from::text IS NULL OR opened_on >= @from) AND (@to::text IS NULL OR opened_on < @to)
            AND (@status::text IS NULL OR status = @status) AND (@visible::text IS NULL OR parties ILIKE '%,' || @visible || ',%' ESCAPE '')
            AND (@referred = 0 OR referred = 1)
            """, query.Common, command =>
        {
            command.Parameters.AddWithValue("status", query.Status is CaseStatus status ? PatrolWords.Word(status) : DBNull.Value);
            command.Parameters.AddWithValue("visible", (object?)query.VisibleTo ?? DBNull.Value);
            command.Parameters.AddWithValue("referred", query.Referred ? 1 : 0);
        }, cancellationToken);
    }
}
