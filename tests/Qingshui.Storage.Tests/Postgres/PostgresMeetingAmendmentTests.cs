using Npgsql;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// <see cref="PostgresStore.AmendMeetingAsync"/>: applied only while the meeting still holds what the amending reader saw,
/// so of two nodes amending from the same view one wins, as SQLite's single writer answers.
/// </summary>
public sealed class PostgresMeetingAmendmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Meeting Held = new(0, "pingshui-lushui", new DateOnly(2025, 3, 12), "萍乡", "jiangxi", "联席会议",
        [new MeetingAttendee("jiangxi", "李明", "联络员")], ["通报水质"], "草稿", [], "jx-coordinator", "jiangxi", new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task TwoNodes_AmendingFromTheSameView_OneWins_TheOtherIsRefused()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore first = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);
        await using PostgresStore second = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);
        Meeting seen = await first.CreateMeetingAsync(Held, Ct);

        bool[] applied = await Task.WhenAll(
            first.AmendMeetingAsync(seen with { Minutes = "第一节点纪要", Attendees = [.. seen.Attendees, new MeetingAttendee("hunan", "王芳", "河长")] }, seen, Ct),
            second.AmendMeetingAsync(seen with { Minutes = "第二节点纪要" }, seen, Ct));
        bool stale = await first.AmendMeetingAsync(seen with { Agenda = ["另议"] }, seen, Ct);

        Assert.Single(applied, a => a);
        Assert.False(stale);
        string minutes = await MinutesAsync(database, seen.Id);
        Assert.Equal(applied[0] ? "第一节点纪要" : "第二节点纪要", minutes);
    }

    private static async Task<string> MinutesAsync(string database, long id)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var select = new NpgsqlCommand("SELECT minutes FROM meetings WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", id);
        return (string)(await select.ExecuteScalarAsync(Ct))!;
    }
}
