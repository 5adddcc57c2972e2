using Npgsql;
using Qingshui.Domain.Alerts;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// Lists read newest first by id while two nodes write them: a reader that pages down and later comes back for what is
/// newer than the newest it saw gets every item exactly once, even when one node's transaction commits late.
/// </summary>
public sealed class PostgresListOrderTests : TwoStoresOnOneDatabase
{
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Alerts_AWriterHoldingItsTransaction_WhileAnotherCommits_APagerStillSeesEveryAlertOnce()
    {
        for (int i = 0; i < 3; i++)
        {
            await A.RaiseAsync(Alert($"early-{i}"), Ct);
        }

        // Given node A's transaction holding an alert it has inserted, not yet committed
        await using var held = new NpgsqlConnection(Database);
        await held.OpenAsync(Ct);
        await using NpgsqlTransaction transaction = await held.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO alerts (rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason)
            VALUES ('held', 1, 1, 'jinyushi', 'A', 'w21003', 0, 480, NULL, '[]', 'held')
            """, held, transaction))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        // and node B raising another meanwhile, and a pager reading the newest page
        Task<Alert> late = Task.Run(() => B.RaiseAsync(Alert("late"), Ct), Ct);
        await Task.WhenAny(late, Task.Delay(TimeSpan.FromSeconds(1), Ct));
        var seen = new List<long>();
        await WalkAsync(seen, stopAtOrBelow: 0);
        long head = seen.Count == 0 ? 0 : seen.Max();

        // When A commits, and the pager comes back for what is newer than the newest it saw
        await transaction.CommitAsync(Ct);
        await late;
        await WalkAsync(seen, stopAtOrBelow: head);

        // Then it has seen every alert, each once
        long[] all = [.. (await A.ListAsync(new AlertQuery(100), Ct)).Select(a => a.Id)];
        Assert.Equal(5, all.Length);
        Assert.Equal(all.Order(), seen.Order());
    }

    // Pages of two, newest first, down to the item at or below the given id.
    private async Task WalkAsync(List<long> seen, long stopAtOrBelow)
    {
        long? before = null;
        while (true)
        {
            IReadOnlyList<Alert> page = await A.ListAsync(new AlertQuery(2, Before: before), Ct);
            foreach (Alert alert in page)
            {
                if (alert.Id <= stopAtOrBelow)
                {
                    return;
                }

                seen.Add(alert.Id);
            }

            if (page.Count < 2)
            {
                return;
            }

            before = page[^1].Id;
        }
    }

    private static Alert Alert(string rule) => new(0, rule, AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", "B", "w21003", Hour, null,
        [new AlertValue(Hour, 1.8m, true)], "NH3-N 1.8 worse than the target class");
}
