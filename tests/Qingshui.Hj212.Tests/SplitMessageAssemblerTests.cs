using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class SplitMessageAssemblerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static Hj212Message Part(int number, int count, string qnSuffix, string cp) =>
        MessageParser.Parse(Encoding.ASCII.GetBytes(
            $"QN=20240601090000{qnSuffix};ST=21;CN=2061;PW=1;MN=M;Flag=7;PNUM={count};PNO={number};CP=&&{cp}&&"), MessageParseOptions.Default).Message!;

    private static readonly Hj212Message[] ThreeParts =
    [
        Part(1, 3, "534", "DataTime=20240601080000;w01001-Avg=7.5,w01001-Flag=N"),
        Part(2, 3, "535", "w01009-Avg=6.8,w01009-Flag=N;w21003-Avg=0.4"),
        Part(3, 3, "536", "w21003-Flag=N;w21011-Avg=0.08,w21011-Flag=N"),
    ];

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(2, 0, 1)]
    [InlineData(1, 2, 0)]
    [InlineData(2, 1, 0)]
    public void Add_PartsInAnyOrder_CompleteOnTheLast(int first, int second, int third)
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));

        Assert.Equal(SplitAddStatus.Buffered, assembler.Add(ThreeParts[first], T0).Status);
        Assert.Equal(SplitAddStatus.Buffered, assembler.Add(ThreeParts[second], T0).Status);
        SplitAddResult result = assembler.Add(ThreeParts[third], T0);

        Assert.Equal(SplitAddStatus.Completed, result.Status);
        Hj212Message whole = result.Message!;
        Assert.Equal("20240601090000534", whole.RequestId);
        Assert.Equal(5, whole.Flag);
        Assert.Null(whole.PacketCount);
        Assert.Equal(T0.AddHours(-1), whole.Data.DataTime);
        Assert.Equal(["w01001", "w01009", "w21003", "w21011"], whole.Data.Pollutants.Select(p => p.Code));
        Assert.Equal("N", whole.Data.Pollutants[2].Flag);
        Assert.Equal(0.4m, whole.Data.Pollutants[2][ValueSuffix.Avg]);
        Assert.Equal(0, assembler.OpenSeries);
    }

    [Fact]
    public void Add_RetransmittedPart_IsADuplicate()
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));
        assembler.Add(ThreeParts[0], T0);

        Assert.Equal(SplitAddStatus.Duplicate, assembler.Add(ThreeParts[0], T0).Status);
        Assert.Equal(1, assembler.OpenSeries);
    }

    [Fact]
    public void Remove_ASeriesEndedElsewhere_DoesNotExpireHere()
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));
        assembler.Add(ThreeParts[0], T0);

        Assert.False(assembler.Remove("M", "21", "2061", 4));
        Assert.True(assembler.Remove("M", "21", "2061", 3));

        Assert.Empty(assembler.Expire(T0.AddMinutes(2)));
        Assert.Equal(0, assembler.OpenSeries);
    }

    [Fact]
    public void Expire_AfterTimeout_YieldsPartialWithReceivedParts()
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));
        assembler.Add(ThreeParts[2], T0);
        assembler.Add(ThreeParts[0], T0.AddSeconds(10));

        Assert.Empty(assembler.Expire(T0.AddSeconds(59)));
        PartialMessage partial = Assert.Single(assembler.Expire(T0.AddSeconds(60)));

        Assert.Equal(PartialReason.TimedOut, partial.Reason);
        Assert.Equal([1, 3], partial.ReceivedParts);
        Assert.Equal(3, partial.PacketCount);
        Assert.Equal(["w01001", "w21003", "w21011"], partial.Message.Data.Pollutants.Select(p => p.Code));
        Assert.Equal(0, assembler.OpenSeries);
    }

    [Fact]
    public void Add_NewSeriesBeforeOldCompletes_EndsOldAsPartial()
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));
        assembler.Add(ThreeParts[0], T0);
        Hj212Message nextHour = Part(1, 3, "900", "DataTime=20240601090000;w01001-Avg=7.6");

        SplitAddResult result = assembler.Add(nextHour, T0);

        Assert.Equal(SplitAddStatus.Buffered, result.Status);
        Assert.Equal(PartialReason.Superseded, result.Superseded!.Reason);
        Assert.Equal([1], result.Superseded.ReceivedParts);
    }

    [Fact]
    public void Add_ContinuationWithDifferentDataTime_StartsNewSeries()
    {
        var assembler = new SplitMessageAssembler(TimeSpan.FromMinutes(1));
        assembler.Add(ThreeParts[0], T0);

        SplitAddResult result = assembler.Add(Part(2, 3, "901", "DataTime=20240601090000;w01009-Avg=6"), T0);

        Assert.NotNull(result.Superseded);
    }

    [Fact]
    public void Add_MessageThatIsNotSplit_PassesThrough()
    {
        Hj212Message whole = MessageParser.Parse("ST=21;CN=2061;MN=M;CP=&&&&"u8, MessageParseOptions.Default).Message!;

        SplitAddResult result = new SplitMessageAssembler(TimeSpan.FromMinutes(1)).Add(whole, T0);

        Assert.Equal(SplitAddStatus.NotSplit, result.Status);
        Assert.Same(whole, result.Message);
    }
}
