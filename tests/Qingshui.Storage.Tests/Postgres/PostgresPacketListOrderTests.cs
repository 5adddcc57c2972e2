using System.Text;
using Npgsql;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Postgres;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// Raw packets and rejects, numbered by several nodes' ingest batches at once and read newest first by id: a reader that
/// pages down and later comes back for what is newer than the newest it saw gets every packet exactly once, even when a
/// batch holding a lower number commits after one holding a higher (migration 0013).
/// </summary>
public sealed class PostgresPacketListOrderTests : TwoStoresOnOneDatabase
{
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    // How a writer in flight may hold a number: by an insert that leaves the id to its default, or as the ingest batch
    // does, numbers taken in its first round and rows written in its second.
    public static TheoryData<bool> HeldWays => [false, true];

    [Theory]
    [MemberData(nameof(HeldWays))]
    public async Task Packets_AWriterHoldingALowerNumber_WhileAnotherCommits_APagerStillSeesEveryPacketOnce(bool numbersFirst)
    {
        await A.WriteAsync([Record("early-0"), Record("early-1"), Record("early-2", PacketVerdict.Rejected)], Ct);

        // Given a transaction in flight holding the next packet number, its row not yet committed
        await using var held = new NpgsqlConnection(Database);
        await held.OpenAsync(Ct);
        await using NpgsqlTransaction transaction = await held.BeginTransactionAsync(Ct);
        long? heldId = numbersFirst ? await ScalarAsync(held, transaction, "SELECT packet_ids_take(1)") : null;
        long insertedId = await ScalarAsync(held, transaction, numbersFirst
            ? $"INSERT INTO rejected_packets (id, received_at, remote, station, command, verdict, reason, bytes) VALUES ({heldId}, 0, 'r', 'A', '2011', 4, 'CrcMismatch', '\\x00') RETURNING id"
            : "INSERT INTO rejected_packets (received_at, remote, station, command, verdict, reason, bytes) VALUES (0, 'r', 'A', '2011', 4, 'CrcMismatch', '\\x00') RETURNING id");

        // and node B committing packets numbered above it meanwhile, and a pager reading down from the newest
        await B.WriteAsync([Record("late-0"), Record("late-1", PacketVerdict.Rejected)], Ct);
        var seen = new List<long>();
        await WalkAsync(seen, stopAtOrBelow: 0);
        long head = seen.Max();

        // When the held transaction commits, and the pager comes back for what is newer than the newest it saw
        await transaction.CommitAsync(Ct);
        await WalkAsync(seen, stopAtOrBelow: head);

        // Then it has seen every packet, each once, the held one among them
        long[] all = [.. (await A.RawPacketsAsync(new RawPacketQuery(null, 100), Ct)).Select(p => p.Id)];
        Assert.Equal(6, all.Length);
        Assert.Contains(insertedId, seen);
        Assert.Equal(all.Order(), seen.Order());
    }

    [Fact]
    public async Task PacketById_WhileALowerNumberIsInFlight_IsFoundAsSoonAsItIsCommitted()
    {
        // Given a transaction in flight holding a packet number, and node B's packet committed above it
        await using var held = new NpgsqlConnection(Database);
        await held.OpenAsync(Ct);
        await using NpgsqlTransaction transaction = await held.BeginTransactionAsync(Ct);
        await ScalarAsync(held, transaction, "SELECT packet_ids_take(1)");
        await B.WriteAsync([Record("late")], Ct);
        long late = (await B.RawPacketsAsync(new RawPacketQuery(null, 1) { Settled = false }, Ct))[0].Id;

        // When it is looked up by its id, and listed
        IReadOnlyList<StoredRawPacket> found = await A.RawPacketsAsync(new RawPacketQuery(null, 1) { Before = late + 1, Settled = false }, Ct);
        IReadOnlyList<StoredRawPacket> listed = await A.RawPacketsAsync(new RawPacketQuery(null, 10), Ct);

        // Then the lookup finds it, and the list stops short of it until the lower number is settled
        Assert.Equal(late, Assert.Single(found).Id);
        Assert.Empty(listed);
        await transaction.RollbackAsync(Ct);
        Assert.Equal(late, Assert.Single(await A.RawPacketsAsync(new RawPacketQuery(null, 10), Ct)).Id);
    }

    [Fact]
    public async Task Packets_TwoNodesWritingInterleaved_APagerComingBackAgainAndAgain_SeesEveryPacketOnce()
    {
        // Given two nodes writing batches of one station each at once, accepted and rejected packets mixed
        using var done = new CancellationTokenSource();
        Task WriterAsync(PostgresStore store, string station) => Task.Run(async () =>
        {
            for (int i = 0; i < 60; i++)
            {
                await store.WriteAsync([Record($"{station}-{i}", station: station), Record($"{station}-{i}-bad", PacketVerdict.Rejected, station)], Ct);
            }
        }, Ct);
        Task writers = Task.WhenAll(WriterAsync(A, "A"), WriterAsync(B, "B"));

        // When a pager keeps coming back for what is newer than the newest it saw, in pages of three, until they are done
        var seen = new List<long>();
        long head = 0;
        while (!writers.IsCompleted)
        {
            int before = seen.Count;
            await WalkAsync(seen, head, pageSize: 3);
            head = seen.Count > before ? seen.Skip(before).Max() : head;
        }

        await writers;
        await WalkAsync(seen, head, pageSize: 3);

        // Then it has seen all 240 packets, each once
        long[] all = [.. (await A.RawPacketsAsync(new RawPacketQuery(null, 1000), Ct)).Select(p => p.Id)];
        Assert.Equal(240, all.Length);
        Assert.Equal(all.Order(), seen.Order());
    }

    // Pages newest first, down to the packet at or below the given id.
    private async Task WalkAsync(List<long> seen, long stopAtOrBelow, int pageSize = 2)
    {
        long? before = null;
        while (true)
        {
            IReadOnlyList<StoredRawPacket> page = await A.RawPacketsAsync(new RawPacketQuery(null, pageSize) { Before = before }, Ct);
            foreach (StoredRawPacket packet in page)
            {
                if (packet.Id <= stopAtOrBelow)
                {
                    return;
                }

                seen.Add(packet.Id);
            }

            if (page.Count < pageSize)
            {
                return;
            }

            before = page[^1].Id;
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static IngestRecord Record(string text, PacketVerdict verdict = PacketVerdict.Accepted, string station = "M1") => new(
        new RawPacket(Hour, "127.0.0.1:50000", station, "2061", verdict, verdict is PacketVerdict.Accepted ? null : "CrcMismatch", Encoding.ASCII.GetBytes(text)),
        []);
}
