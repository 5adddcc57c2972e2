using Npgsql;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// Several server nodes (each a store with its own connection pool) writing the same joint record at the same moment get
/// the answer SQLite's single writer gives: one row, one "first", no change lost, no deadlock.
/// </summary>
public sealed class JointConcurrencyTests : IAsyncLifetime
{
    private const int NodeCount = 6;
    private const int Rounds = 15;
    private static readonly DateTimeOffset Now = new(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private string _database = "";
    private PostgresStore[] _nodes = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresCluster.CreateDatabaseAsync();
        _nodes = await Task.WhenAll(Enumerable.Range(0, NodeCount).Select(_ => PostgresStore.OpenAsync(new PostgresStoreOptions(_database), TimeProvider.System, Ct)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgresStore node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Attachment_StoredByEveryNodeAtOnce_IsOneRow_AddedOnce_SharedWithEach()
    {
        for (int round = 0; round < Rounds; round++)
        {
            string id = round.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            (StoredAttachment Stored, bool Added)[] results = await AllAtOnce(i => ((IAttachmentStore)_nodes[i]).AddAttachmentAsync(
                new StoredAttachment(id, $"n{i}.pdf", "application/pdf", 10, $"user{i}", $"org{i}", Now, ["office"]), Ct));

            Assert.Single(results, r => r.Added);
            StoredAttachment stored = (await ((IAttachmentStore)_nodes[0]).FindAttachmentAsync(id, Ct))!;
            Assert.Equal(["office", .. Enumerable.Range(0, NodeCount).Select(i => $"org{i}")], stored.SharedWith);
            Assert.Equal(1L, await CountAsync("SELECT count(*) FROM attachments WHERE id = @key", id));

            // Stored already: every node now only adds shares, the same ones in other orders.
            string[] more = [.. Enumerable.Range(0, 8).Select(k => $"more{k}")];
            (StoredAttachment Stored, bool Added)[] again = await AllAtOnce(i => ((IAttachmentStore)_nodes[i]).AddAttachmentAsync(
                new StoredAttachment(id, "again.pdf", "application/pdf", 10, $"user{i}", $"org{i}", Now, i % 2 == 0 ? more : [.. more.Reverse()]), Ct));
            Assert.DoesNotContain(again, r => r.Added);
            Assert.Equal(NodeCount + 1 + more.Length, (await ((IAttachmentStore)_nodes[0]).FindAttachmentAsync(id, Ct))!.SharedWith.Count);
        }
    }

    [Fact]
    public async Task Discrepancies_OpenedByEveryNodeAtOnce_InDifferentOrders_AreOneRecordEach()
    {
        for (int round = 0; round < Rounds; round++)
        {
            var month = Period.Containing(PeriodKind.Month, new DateOnly(2024, 1, 1).AddMonths(round));
            Discrepancy[] found = [.. new[] { "NH3N", "TP", "CODMn", "DO" }.Select(item =>
                new Discrepancy(0, "jinyushi", "A", "B", ["jiangxi", "hunan"], item, month, 1.2m, 0.8m, 0.4m, "±0.1", Now, null))];

            // Each node sees the items in another order: inserted as given, two nodes would each hold a key the other waits for.
            IReadOnlyList<Discrepancy>[] opened = await AllAtOnce(i => ((IDiscrepancyStore)_nodes[i]).OpenAsync(
                i % 2 == 0 ? found : [.. found.Reverse()], Ct));

            Assert.Equal(found.Length, opened.Sum(o => o.Count));
            Assert.Equal(found.Length, opened.SelectMany(o => o).Select(d => d.Id).Distinct().Count());
            Assert.Equal((long)found.Length, await CountAsync("SELECT count(*) FROM joint_discrepancies WHERE period = @key", month.ToString()));
        }
    }

    [Fact]
    public async Task MeetingReminder_NotedByEveryNodeAtOnce_IsSentOnce()
    {
        for (int round = 0; round < Rounds; round++)
        {
            bool[] noted = await AllAtOnce(i => ((IMeetingStore)_nodes[i]).NoteMeetingReminderAsync("lushui", 2000 + round, Now, Ct));

            Assert.Single(noted, n => n);
        }
    }

    [Fact]
    public async Task Receipt_OpenedByEveryNodeAtOnce_HasOneFirstOpening_AndDeliveriesKeepTheirFirstTime()
    {
        for (int round = 0; round < Rounds; round++)
        {
            string record = round.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await AllAtOnce(i => ((IReceiptStore)_nodes[i]).DeliverAsync("meeting", record,
                i % 2 == 0 ? ["hunan", "jiangxi", "office"] : ["office", "jiangxi", "hunan"], Now.AddMinutes(i), Ct));
            bool[] first = await AllAtOnce(i => ((IReceiptStore)_nodes[i]).OpenedAsync("meeting", record, "hunan", $"user{i}", Now.AddHours(1), Ct));

            Assert.Single(first, f => f);
            IReadOnlyList<Receipt> receipts = await ((IReceiptStore)_nodes[0]).ReceiptsAsync("meeting", record, Ct);
            Assert.Equal(3, receipts.Count);
            Assert.Equal($"user{Array.IndexOf(first, true)}", receipts[0].OpenedBy);
        }
    }

    [Fact]
    public async Task Decision_ChangedByEveryNodeFromOpen_OneWins()
    {
        Meeting meeting = await ((IMeetingStore)_nodes[0]).CreateMeetingAsync(new Meeting(0, "lushui", new DateOnly(2024, 3, 5), "萍乡", "jiangxi", "联席会议",
            [], [], "", [], "jx", "jiangxi", Now), Ct);
        for (int round = 0; round < Rounds; round++)
        {
            MeetingDecision decision = await ((IMeetingStore)_nodes[0]).AddDecisionAsync(
                new MeetingDecision(0, meeting.Id, "排查", "hunan", "王芳", new DateOnly(2024, 4, 30), DecisionState.Open, "", "jx", Now), Ct);

            bool[] changed = await AllAtOnce(i => ((IMeetingStore)_nodes[i]).ChangeDecisionAsync(
                decision with { State = i % 2 == 0 ? DecisionState.Done : DecisionState.Dropped, ChangedBy = $"user{i}" }, DecisionState.Open, Ct));

            Assert.Single(changed, c => c);
            Assert.Equal($"user{Array.IndexOf(changed, true)}", (await ((IMeetingStore)_nodes[0]).FindDecisionAsync(decision.Id, Ct))!.ChangedBy);
        }
    }

    [Fact]
    public async Task RiverChief_ChangedByEveryNodeAtOnce_KeepsEveryChange()
    {
        RiverChief chief = (await ((IPatrolStore)_nodes[0]).AddRiverChiefsAsync(
            [new RiverChief(0, "jinyushi", Bank.Left, "jiangxi", RiverChiefLevel.County, "张三", "湘东区", "", new DateOnly(2023, 1, 1), null)], Ct))[0];

        for (int round = 0; round < Rounds; round++)
        {
            await AllAtOnce(i => ((IPatrolStore)_nodes[i]).ChangeRiverChiefAsync(chief.Id, c => c with { Contact = c.Contact + i }, Ct));
        }

        string contact = (await ((IPatrolStore)_nodes[0]).FindRiverChiefAsync(chief.Id, Ct))!.Contact;
        Assert.Equal(NodeCount * Rounds, contact.Length);
    }

    // Every node starts its write at the same moment (released together, without blocking a pool thread each).
    private static async Task<T[]> AllAtOnce<T>(Func<int, Task<T>> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<T>[] writes = [.. Enumerable.Range(0, NodeCount).Select(async i =>
        {
            await start.Task;
            return await write(i);
        })];
        start.SetResult();
        return await Task.WhenAll(writes);
    }

    private static Task<bool[]> AllAtOnce(Func<int, Task> write) => AllAtOnce(async i =>
    {
        await write(i);
        return true;
    });

    private async Task<long> CountAsync(string sql, string key)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
