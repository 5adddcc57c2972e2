using System.Text;
using Qingshui.Hj212;
using Qingshui.Server.StationFiles;

namespace Qingshui.Server.Tests.StationFiles;

/// <summary>Reassembly of files sent in several packets: which parts make one file, and how many transfers a station may hold.</summary>
public sealed class StationFileAssemblerTests
{
    private const string Mn = "430281A00000000000000888";
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(8));

    private static Hj212Message Part(string qn, int count, int number, DateTimeOffset? dataTime, string station = Mn) =>
        new(qn, "21", "2013", "hn0777", station, 11, count, number, DataArea.Create(dataTime, []));

    private static TransferStep Add(StationFileAssembler assembler, string qn, int count, int number, DateTimeOffset? dataTime, string station = Mn) =>
        assembler.Add(new TransferKey(station, "21", "2013", count), number, Encoding.UTF8.GetBytes(qn), Part(qn, count, number, dataTime, station), Now);

    [Fact]
    public void Add_PartsOfOneTransfer_EachWithItsOwnQn_CompleteInPnoOrder()
    {
        var assembler = new StationFileAssembler(new StationFileSettings());

        TransferStep second = Add(assembler, "20260105080000101", 2, 2, Now.AddHours(-1));
        TransferStep first = Add(assembler, "20260105080000100", 2, 1, Now.AddHours(-1));

        Assert.Equal((TransferStatus.Held, TransferStatus.Completed), (second.Status, first.Status));
        Assert.Equal(["20260105080000100", "20260105080000101"], first.Chunks.Select(Encoding.UTF8.GetString));
        Assert.Equal("20260105080000100", first.First?.RequestId);
    }

    [Fact]
    public void Add_ALaterPartOfANewTransfer_WithAnotherDataTime_DoesNotFillTheOldOnesGap_ItReplacesIt()
    {
        var assembler = new StationFileAssembler(new StationFileSettings());
        Add(assembler, "20260105070000100", 3, 1, Now.AddHours(-2));
        Add(assembler, "20260105070000101", 3, 2, Now.AddHours(-2));

        // The old transfer's part 3 never comes; the next hour's file arrives part 3 first.
        TransferStep third = Add(assembler, "20260105080000102", 3, 3, Now.AddHours(-1));

        Assert.Equal(TransferStatus.Held, third.Status);
        DroppedTransfer dropped = Assert.Single(third.Dropped);
        Assert.Equal([1, 2], dropped.Received);
        Assert.Contains("replaced by a new transfer (part 3 (QN 20260105080000102) with DataTime", dropped.Reason, StringComparison.Ordinal);
        Assert.Equal(1, assembler.OpenTransfers);
    }

    [Fact]
    public void Add_APartHeldAlready_UnderAnotherQn_StartsANewTransfer_TheSameQnIsARetransmission()
    {
        var assembler = new StationFileAssembler(new StationFileSettings());
        Add(assembler, "20260105080000100", 3, 1, null);
        Add(assembler, "20260105080000101", 3, 2, null);

        TransferStep again = Add(assembler, "20260105080000101", 3, 2, null);
        TransferStep other = Add(assembler, "20260105080000201", 3, 2, null);
        TransferStep third = Add(assembler, "20260105080000102", 3, 3, null);

        Assert.Equal((TransferStatus.Duplicate, TransferStatus.Held, TransferStatus.Held), (again.Status, other.Status, third.Status));
        DroppedTransfer dropped = Assert.Single(other.Dropped);
        Assert.Contains("part 2 again, with QN 20260105080000201 instead of 20260105080000101", dropped.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 2], dropped.Received);
    }

    [Fact]
    public void Add_AStationHoldingItsLimitOfTransfers_IsRefusedANewOne_WithTheReason_OtherStationsAreNot()
    {
        var assembler = new StationFileAssembler(new StationFileSettings { MaxOpenTransfersPerStation = 2 });
        Add(assembler, "20260105080000100", 2, 1, null);
        Add(assembler, "20260105080000200", 3, 1, null);

        TransferStep third = Add(assembler, "20260105080000300", 4, 1, null);
        TransferStep elsewhere = Add(assembler, "20260105080000400", 4, 1, null, station: "430281A00000000000000999");

        Assert.Equal((TransferStatus.Refused, TransferStatus.Held), (third.Status, elsewhere.Status));
        Assert.Equal("the station has 2 file transfers being received already", third.Reason);
        Assert.Equal(3, assembler.OpenTransfers);
    }

    [Fact]
    public void ExpireNow_PastTheTimeout_DropsTheTransferWithThePartsReceived_WithoutAnotherPacket()
    {
        var assembler = new StationFileAssembler(new StationFileSettings { TransferTimeout = TimeSpan.FromMinutes(2) });
        Add(assembler, "20260105080000100", 3, 2, null);

        IReadOnlyList<DroppedTransfer> early = assembler.ExpireNow(Now.AddMinutes(1));
        DroppedTransfer dropped = Assert.Single(assembler.ExpireNow(Now.AddMinutes(2).AddSeconds(1)));

        Assert.Empty(early);
        Assert.Equal([2], dropped.Received);
        Assert.Equal(0, assembler.OpenTransfers);
    }
}
