using System.Buffers;
using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class FrameReaderTests
{
    internal const string AppendixA = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
    internal const string Upload2005 = "ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&";

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    [Fact]
    public void TryRead_StandardAppendixAFrame_ReadsDataSegment()
    {
        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes("##0101" + AppendixA + "1C80\r\n"));

        ReadOutcome frame = Assert.Single(outcomes);
        Assert.Equal(FrameReadStatus.Frame, frame.Kind);
        Assert.Equal(AppendixA, frame.Bytes);
        Assert.Equal(FrameTerminator.CrLf, frame.Terminator);
        Assert.Equal(CrcVerdict.Hj212, frame.Verdict);
    }

    [Fact]
    public void TryRead_SeveralFramesInOneRead_ReadsEachInOrder()
    {
        string stream = "##0101" + AppendixA + "1C80\r\n" + "##0139" + Upload2005 + "4980\r\n" + "##0101" + AppendixA + "1C80\r\n";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal([AppendixA, Upload2005, AppendixA], outcomes.Select(o => o.Bytes));
        Assert.All(outcomes, o => Assert.Equal(FrameReadStatus.Frame, o.Kind));
        Assert.Equal([0L, 113L, 264L], outcomes.Select(o => o.Offset));
    }

    [Fact]
    public void TryRead_ModemChatterBeforeFrame_IsSkippedAndReported()
    {
        string stream = "AT+CSQ\r\n+CSQ: 18,99\r\nOK\r\n##0101" + AppendixA + "1C80\r\n";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(FrameErrorReason.UnexpectedBytes, outcomes[0].Reason);
        Assert.Equal("AT+CSQ\r\n+CSQ: 18,99\r\nOK\r\n", outcomes[0].Bytes);
        Assert.Equal(0, outcomes[0].Offset);
        Assert.Equal(AppendixA, outcomes[1].Bytes);
    }

    [Fact]
    public void TryRead_HashesWithoutLength_AreNotAFrameStart()
    {
        string stream = "##01a1###0101" + AppendixA + "1C80";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal("##01a1#", outcomes[0].Bytes);
        Assert.Equal(AppendixA, outcomes[1].Bytes);
        Assert.Equal(FrameTerminator.None, outcomes[1].Terminator);
    }

    [Fact]
    public void TryRead_LfOnlyAndMissingTerminators_AreToleratedAndRecorded()
    {
        string stream = "##0101" + AppendixA + "1C80\n" + "##0101" + AppendixA + "1C80" + "##0101" + AppendixA + "1C80\r\n";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal([FrameTerminator.Lf, FrameTerminator.None, FrameTerminator.CrLf], outcomes.Select(o => o.Terminator));
    }

    [Fact]
    public void TryRead_LowerCaseCrc_IsAccepted()
    {
        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes("##0101" + AppendixA + "1c80\r\n"));

        Assert.Equal(FrameReadStatus.Frame, Assert.Single(outcomes).Kind);
    }

    [Fact]
    public void TryRead_CrcMismatch_RejectsAndResynchronisesOnNextFrame()
    {
        string stream = "##0101" + AppendixA + "1C81\r\n##0101" + AppendixA + "1C80\r\n";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(FrameErrorReason.CrcMismatch, outcomes[0].Reason);
        Assert.Equal(FrameReadStatus.Frame, outcomes[1].Kind);
        Assert.Equal(113, outcomes[1].Offset);
    }

    [Fact]
    public void TryRead_DamagedFrameWhoseLengthSwallowsTheNext_StillFindsTheGoodFrame()
    {
        // Bytes were lost from the first frame, so its declared length reaches into the next one.
        string damaged = "##0200QN=20160801085857223;ST=32;CN=2011;";
        string good = "##0101" + AppendixA + "1C80\r\n";
        string stream = damaged + good + new string('x', 80) + "\r\n";

        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes(stream));

        Assert.Equal(FrameErrorReason.BadCrcField, outcomes[0].Reason);
        Assert.Equal(damaged, outcomes[0].Bytes);
        Assert.Equal(AppendixA, outcomes[1].Bytes);
        Assert.Equal(FrameErrorReason.UnexpectedBytes, outcomes[2].Reason);
    }

    [Fact]
    public void TryRead_DeclaredLengthOverLimit_RejectsWithoutWaitingForTheBody()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("##1025ST=32;CN=2011"));

        FrameReadStatus status = FrameReader.TryRead(buffer, isCompleted: false, FramingOptions.Default, out _, out FrameError error, out SequencePosition consumed);

        Assert.Equal(FrameReadStatus.Rejected, status);
        Assert.Equal(FrameErrorReason.LengthExceedsLimit, error.Reason);
        Assert.Equal("declared 1025, limit 1024", error.Detail);
        Assert.Equal(6, buffer.Slice(0, consumed).Length);
    }

    [Fact]
    public void TryRead_LongerLimitConfigured_AcceptsLongerFrame()
    {
        string data = "ST=32;CN=2011;MN=X;CP=&&" + new string('a', 1100) + "&&";
        byte[] frame = FrameEncoder.Encode(data);

        Assert.Equal(FrameErrorReason.LengthExceedsLimit, FrameDriver.ReadSplitInvariant(frame)[0].Reason);
        Assert.Equal(FrameReadStatus.Frame, Assert.Single(FrameDriver.ReadSplitInvariant(frame, new FramingOptions(maxDataLength: 2048))).Kind);
    }

    [Fact]
    public void TryRead_IncompleteFrame_NeedsMoreDataAndConsumesNothing()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("\r\n##0101" + AppendixA[..50]));

        FrameReadStatus status = FrameReader.TryRead(buffer, isCompleted: false, FramingOptions.Default, out _, out _, out SequencePosition consumed);

        Assert.Equal(FrameReadStatus.NeedMoreData, status);
        Assert.Equal(2, buffer.Slice(0, consumed).Length);
    }

    [Fact]
    public void TryRead_StreamEndsInsideFrame_RejectsAsTruncated()
    {
        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(Bytes("##0101" + AppendixA[..50]));

        Assert.Equal(FrameErrorReason.Truncated, Assert.Single(outcomes).Reason);
    }

    [Fact]
    public void TryRead_EndlessGarbage_IsReportedInBoundedRuns()
    {
        byte[] noise = new byte[10_000];
        Array.Fill(noise, (byte)'x');
        var buffer = new ReadOnlySequence<byte>(noise);

        FrameReadStatus status = FrameReader.TryRead(buffer, isCompleted: false, FramingOptions.Default, out _, out FrameError error, out _);

        Assert.Equal(FrameReadStatus.Rejected, status);
        Assert.Equal(FramingOptions.Default.MaxUnexpectedRun, error.Bytes.Length);
        List<ReadOutcome> outcomes = FrameDriver.ReadSplitInvariant(noise);
        Assert.Equal(10_000, outcomes.Sum(o => o.Bytes.Length));
        Assert.All(outcomes, o => Assert.Equal(FrameErrorReason.UnexpectedBytes, o.Reason));
    }

    [Fact]
    public void TryRead_ModbusCrcByDefault_IsRejected()
    {
        byte[] frame = FrameEncoder.Encode(AppendixA, CrcAlgorithm.Modbus);

        Assert.Equal(FrameErrorReason.CrcMismatch, Assert.Single(FrameDriver.ReadSplitInvariant(frame)).Reason);
    }

    [Theory]
    [InlineData(CrcAlgorithm.Modbus, CrcVerdict.Modbus)]
    [InlineData(CrcAlgorithm.ModbusByteSwapped, CrcVerdict.ModbusByteSwapped)]
    public void TryRead_ModbusCrcWithTolerance_IsAcceptedAndMarked(CrcAlgorithm algorithm, CrcVerdict verdict)
    {
        byte[] frame = FrameEncoder.Encode(AppendixA, algorithm);
        var options = new FramingOptions(crcTolerance: _ => CrcTolerance.AcceptModbus);

        ReadOutcome outcome = Assert.Single(FrameDriver.ReadSplitInvariant(frame, options));

        Assert.Equal(verdict, outcome.Verdict);
    }

    [Fact]
    public void TryRead_NoCheckTolerance_AcceptsAnyHexButNotGarbage()
    {
        var options = new FramingOptions(crcTolerance: _ => CrcTolerance.NoCheck);

        Assert.Equal(CrcVerdict.Unchecked, Assert.Single(FrameDriver.ReadSplitInvariant(Bytes("##0101" + AppendixA + "FFFF\r\n"), options)).Verdict);
        Assert.Equal(FrameErrorReason.BadCrcField, FrameDriver.ReadSplitInvariant(Bytes("##0101" + AppendixA + "FFFG\r\n"), options)[0].Reason);
    }

    [Fact]
    public void TryRead_ToleranceIsAskedPerFrame_ByItsDataSegment()
    {
        byte[] frame = FrameEncoder.Encode(AppendixA, CrcAlgorithm.Modbus);
        var options = new FramingOptions(crcTolerance: data =>
            MessageParser.TryPeekDeviceId(data, out ReadOnlySpan<byte> mn) && mn.SequenceEqual("010000A8900016F000169DC0"u8)
                ? CrcTolerance.AcceptModbus : CrcTolerance.Strict);
        byte[] other = FrameEncoder.Encode(AppendixA.Replace("MN=010000A8900016F000169DC0", "MN=010000A8900016F000169DC1", StringComparison.Ordinal), CrcAlgorithm.Modbus);

        Assert.Equal(CrcVerdict.Modbus, Assert.Single(FrameDriver.ReadSplitInvariant(frame, options)).Verdict);
        Assert.Equal(FrameErrorReason.CrcMismatch, Assert.Single(FrameDriver.ReadSplitInvariant(other, options)).Reason);
    }

    [Fact]
    public void DecodePacket_ValidLine_ReturnsDataSegmentRange()
    {
        byte[] packet = Bytes("##0101" + AppendixA + "1C80\r\n");

        FrameReadStatus status = FrameReader.DecodePacket(packet, FramingOptions.Default, out _, out Range data, out FrameTerminator terminator);

        Assert.Equal(FrameReadStatus.Frame, status);
        Assert.Equal(AppendixA, Encoding.ASCII.GetString(packet[data]));
        Assert.Equal(FrameTerminator.CrLf, terminator);
    }

    [Theory]
    [InlineData("##0100" + AppendixA + "1C80\r\n", FrameErrorReason.LengthMismatch, "declared 100, actual 101; CRC given 1C80, computed 1C80")]
    [InlineData("##0101" + AppendixA + "1C81\r\n", FrameErrorReason.CrcMismatch, "given 1C81, computed 1C80")]
    [InlineData("##0101" + AppendixA + "\r\n", FrameErrorReason.BadCrcField, "found '30&&'; length declared 101, actual 97")]
    [InlineData("#0101" + AppendixA + "1C80\r\n", FrameErrorReason.BadHeader, "expected ## and four digits")]
    [InlineData("", FrameErrorReason.BadHeader, "expected ## and four digits")]
    public void DecodePacket_BadPacket_GivesReasonAndDetail(string packet, FrameErrorReason reason, string detail)
    {
        FrameReadStatus status = FrameReader.DecodePacket(Bytes(packet), FramingOptions.Default, out PacketError error, out _, out _);

        Assert.Equal(FrameReadStatus.Rejected, status);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(detail, error.Detail);
    }
}
