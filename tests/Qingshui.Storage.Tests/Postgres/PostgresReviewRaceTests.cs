using Npgsql;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// Two server nodes on one database, reviewers on each acting on the same station-months at once: each pair gets the
/// answers SQLite's single writer would give, one after the other.
/// </summary>
public sealed class PostgresReviewRaceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] OneLevel = ["jurisdiction"];
    private PostgresStore _nodeA = null!, _nodeB = null!;
    private string _database = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresCluster.CreateDatabaseAsync();
        var options = new PostgresStoreOptions(_database);
        _nodeA = await PostgresStore.OpenAsync(options, TimeProvider.System, Ct);
        _nodeB = await PostgresStore.OpenAsync(options, TimeProvider.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    private static AuditRecord Audit(string action, string target) =>
        AuditRecord.Create(At, new AuditActor("reviewer", "hunan", null), action, target, AuditOutcome.Done, null, null, null);

    [Fact]
    public async Task Step_TwoNodesClosingTheSameMonthAtOnce_OneClosesIt_TheOtherIsRefused()
    {
        DateOnly[] months = [.. Enumerable.Range(0, 24).Select(i => new DateOnly(2022, 1, 1).AddMonths(i))];
        MonthReviewStep Close(DateOnly month, string by) => new("M1", month, true, by, "hunan", At, "");

        (string? A, string? B)[] answers = await Task.WhenAll(months.Select(async month =>
        {
            Task<string?> a = Task.Run(() => _nodeA.StepAsync(Close(month, "reviewer-a"), OneLevel, Audit("review.close", "M1"), Ct), Ct);
            Task<string?> b = Task.Run(() => _nodeB.StepAsync(Close(month, "reviewer-b"), OneLevel, Audit("review.close", "M1"), Ct), Ct);
            return (await a, await b);
        }));

        foreach ((DateOnly month, (string? a, string? b)) in months.Zip(answers))
        {
            string refusal = $"M1 {month:yyyy-MM} is already closed by review";
            Assert.True((a, b) == (null, refusal) || (a, b) == (refusal, null), $"{month:yyyy-MM}: {a ?? "closed"} / {b ?? "closed"}");
            MonthReviewStep step = Assert.Single(await _nodeA.MonthStepsAsync("M1", month, Ct));
            Assert.Equal(a is null ? "reviewer-a" : "reviewer-b", step.By);
        }
    }

    [Fact]
    public async Task ApplyAndStep_ANodeDecidingWhileAnotherClosesTheMonth_DecidesBeforeTheClosingOrIsRefused()
    {
        DateOnly[] months = [.. Enumerable.Range(0, 24).Select(i => new DateOnly(2022, 1, 1).AddMonths(i))];
        var offset = TimeSpan.FromHours(8);
        ReviewDecision Invalidate(DateOnly month) => new("M1", "w21003", new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), offset),
            new DateTimeOffset(month.AddDays(1).ToDateTime(TimeOnly.MinValue), offset), ReviewAction.Invalidate, null, "instrument-fault", "", "reviewer-b", "hunan", At);

        (string? Closing, ReviewApplyResult Deciding)[] answers = await Task.WhenAll(months.Select(async month =>
        {
            Task<string?> close = Task.Run(() => _nodeA.StepAsync(new MonthReviewStep("M1", month, true, "reviewer-a", "hunan", At, ""), OneLevel,
                Audit("review.close", $"M1 {month:yyyy-MM}"), Ct), Ct);
            Task<ReviewApplyResult> decide = Task.Run(() => _nodeB.ApplyAsync([Invalidate(month)], (_, _) => Audit("review.decide", $"M1 {month:yyyy-MM}"), Ct), Ct);
            return (await close, await decide);
        }));

        // The audit log is one chain in commit order: a decision that was applied must come before the closing.
        IReadOnlyList<AuditEntry> log = await _nodeA.ReadAsync(0, 1000, Ct);
        foreach ((DateOnly month, (string? closing, ReviewApplyResult deciding)) in months.Zip(answers))
        {
            string target = $"M1 {month:yyyy-MM}";
            Assert.Null(closing);
            long closedAt = log.Single(e => e.Record.Target == target && e.Record.Action == "review.close").Sequence;
            if (deciding.Refusal is null)
            {
                long decidedAt = log.Single(e => e.Record.Target == target && e.Record.Action == "review.decide").Sequence;
                Assert.True(decidedAt < closedAt, $"{target}: decided (audit {decidedAt}) after the closing (audit {closedAt})");
            }
            else
            {
                Assert.Equal($"{target} is closed by review: reopen it with a reason first", deciding.Refusal);
                Assert.DoesNotContain(log, e => e.Record.Target == target && e.Record.Action == "review.decide");
            }
        }
    }

    [Fact]
    public async Task Apply_WhileAnotherNodeIsRevisingTheSameReadings_RevisesWhatThatNodeCommitted()
    {
        var day = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await _nodeA.WriteAsync([new IngestRecord(new RawPacket(day, "127.0.0.1:1", "M1", "2061", PacketVerdict.Accepted, null, "p"u8.ToArray()),
            [.. Enumerable.Range(0, 24).Select(h => new Reading("M1", "w21003", ReadingKind.Hour, day.AddHours(h), 0.3m, Unit.MilligramPerLitre, "N", true))])], Ct);

        // Another node's retransmission, revising the day's readings to 0.5, is still open when the decision starts.
        await using var other = new NpgsqlConnection(_database);
        await other.OpenAsync(Ct);
        await using NpgsqlTransaction retransmission = await other.BeginTransactionAsync(Ct);
        await using (var revise = new NpgsqlCommand("UPDATE readings SET value = 0.5, revision = revision + 1, stored_at = stored_at + 1", other, retransmission))
        {
            Assert.Equal(24, await revise.ExecuteNonQueryAsync(Ct));
        }

        Task<ReviewApplyResult> decide = _nodeB.ApplyAsync([new ReviewDecision("M1", "w21003", day, day.AddDays(1),
            ReviewAction.Invalidate, null, "instrument-fault", "", "reviewer-b", "hunan", At)], (_, _) => Audit("review.decide", "M1"), Ct);
        await WaitUntilBlockedAsync(other.ProcessID);
        await retransmission.CommitAsync(Ct);
        Assert.Null((await decide).Refusal);

        // In commit order: the retransmission's 0.5, then the decision invalidating it. Not the 0.3 read before the
        // retransmission committed, written over it.
        IReadOnlyList<StoredReading> stored = await _nodeB.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, day, day.AddDays(1)), Ct);
        Assert.Equal(24, stored.Count);
        Assert.All(stored, r => Assert.Equal((0.5m, 2, false), (r.Reading.Value, r.Revision, r.Reading.Valid)));
    }

    // Until some other session of the database waits on a lock the given one holds.
    private async Task WaitUntilBlockedAsync(int holder)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var blocked = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @holder = ANY (pg_blocking_pids(pid))", connection);
        blocked.Parameters.AddWithValue("holder", holder);
        for (int i = 0; (long)(await blocked.ExecuteScalarAsync(Ct))! == 0; i++)
        {
            Assert.True(i < 500, "the decision never waited on the open retransmission");
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task Consent_TwoNodesConsentingForTheSamePartyAtOnce_OneIsRecorded()
    {
        int[] years = [.. Enumerable.Range(2000, 24)];
        UnreviewedConsent Consent(int year, string by) => new("xiang", year, "hunan", by, At, "flood season");

        (bool A, bool B)[] answers = await Task.WhenAll(years.Select(async year =>
        {
            Task<bool> a = Task.Run(() => _nodeA.ConsentAsync(Consent(year, "finance-a"), Audit("review.consent", "xiang"), Ct), Ct);
            Task<bool> b = Task.Run(() => _nodeB.ConsentAsync(Consent(year, "finance-b"), Audit("review.consent", "xiang"), Ct), Ct);
            return (await a, await b);
        }));

        foreach ((int year, (bool a, bool b)) in years.Zip(answers))
        {
            Assert.True(a ^ b, $"{year}: {a} / {b}");
            Assert.Equal(a ? "finance-a" : "finance-b", Assert.Single(await _nodeB.ConsentsAsync("xiang", year, Ct)).By);
        }
    }
}
