using Qingshui.Domain.Audit;

namespace Qingshui.Domain.Tests.Audit;

public sealed class AuditVerifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A log of <paramref name="count"/> entries, chained as the store chains them.</summary>
    private static List<AuditEntry> Log(int count)
    {
        var entries = new List<AuditEntry>();
        for (int i = 0; i < count; i++)
        {
            AuditRecord record = AuditRecord.Create(Start.AddMinutes(i), AuditActor.CommandLine(i % 2 == 0 ? "王芳" : "李华"), "ledger.confirm",
                $"lushui-2019/2020-{i % 12 + 1:D2}", AuditOutcome.Done, null, null, $$"""{"events":[{"kind":"PeriodConfirmed","n":{{i}}}]}""");
            entries.Add(AuditChain.Next(entries.Count == 0 ? null : entries[^1], record));
        }

        return entries;
    }

    [Fact]
    public void Verify_IntactLog_CountsEveryEntry_AndEndsAtTheLastHash()
    {
        List<AuditEntry> log = Log(5);

        AuditVerifier verifier = AuditVerifier.Verify(log);

        Assert.Null(verifier.Break);
        Assert.Equal(5, verifier.Intact);
        Assert.Equal(log[^1].Hash, verifier.Head);
        Assert.Equal(AuditChain.Genesis, log[0].PreviousHash);
        Assert.Equal(64, log[0].Hash.Length);
    }

    [Fact]
    public void Verify_EmptyLog_IsIntactWithTheGenesisHead()
    {
        AuditVerifier verifier = AuditVerifier.Verify([]);

        Assert.Null(verifier.Break);
        Assert.Equal(0, verifier.Intact);
        Assert.Equal(AuditChain.Genesis, verifier.Head);
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("organisation")]
    [InlineData("target")]
    [InlineData("outcome")]
    [InlineData("after")]
    [InlineData("at")]
    [InlineData("remote")]
    public void Verify_ChangedField_IsContentChangedAtThatEntry(string field)
    {
        List<AuditEntry> log = Log(5);
        AuditRecord r = log[2].Record;
        AuditRecord changed = field switch
        {
            "actor" => r with { Actor = "张三" },
            "organisation" => r with { Organisation = "hunan" },
            "target" => r with { Target = "lushui-2019/2020-04" },
            "outcome" => r with { Outcome = AuditOutcome.Refused },
            "after" => r with { After = null },
            "at" => r with { At = r.At.AddMilliseconds(1) },
            _ => r with { RemoteAddress = "10.0.0.1" },
        };
        log[2] = log[2] with { Record = changed };

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((3L, AuditBreakReason.ContentChanged), (broken.Sequence, broken.Reason));
        Assert.Equal(changed.At, broken.At);
    }

    [Fact]
    public void Verify_ChangedEntryWithItsHashRecomputed_IsABrokenLinkAtTheNextEntry()
    {
        List<AuditEntry> log = Log(5);
        AuditRecord forged = log[2].Record with { Actor = "张三" };
        log[2] = log[2] with { Record = forged, Hash = AuditChain.HashOf(3, forged, log[2].PreviousHash) };

        AuditVerifier verifier = AuditVerifier.Verify(log);

        Assert.Equal((4L, AuditBreakReason.BrokenLink), (verifier.Break!.Sequence, verifier.Break.Reason));
        Assert.Equal(3, verifier.Intact);
    }

    [Fact]
    public void Verify_RemovedEntry_IsASequenceGapAtTheOneAfter()
    {
        List<AuditEntry> log = Log(5);
        log.RemoveAt(1);

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((3L, AuditBreakReason.SequenceGap), (broken.Sequence, broken.Reason));
        Assert.Contains("expected entry 2, found 3", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RemovedEntryWithTheRestRenumbered_IsABrokenLink()
    {
        List<AuditEntry> log = Log(5);
        log.RemoveAt(1);
        for (int i = 1; i < log.Count; i++)
        {
            log[i] = log[i] with { Sequence = i + 1 };
        }

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((2L, AuditBreakReason.BrokenLink), (broken.Sequence, broken.Reason));
    }

    [Fact]
    public void Verify_ReorderedEntries_IsASequenceGapAtTheFirstOutOfPlace()
    {
        List<AuditEntry> log = Log(5);
        (log[1], log[3]) = (log[3], log[1]);

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((4L, AuditBreakReason.SequenceGap), (broken.Sequence, broken.Reason));
    }

    [Fact]
    public void Verify_InsertedEntry_IsFound()
    {
        List<AuditEntry> log = Log(5);
        AuditRecord extra = AuditRecord.Create(Start, AuditActor.CommandLine("张三"), "ledger.close", "lushui-2019/2020", AuditOutcome.Done, null, null, null);
        // Chained properly onto entry 2 and numbered 3: the old entry 3 now comes where 4 is due.
        log.Insert(2, AuditChain.Next(log[1], extra));

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((3L, AuditBreakReason.SequenceGap), (broken.Sequence, broken.Reason));
        Assert.Equal(log[3].Record.At, broken.At);
        Assert.Contains("expected entry 4, found 3", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FirstEntryNotLinkedToGenesis_IsABrokenLink()
    {
        List<AuditEntry> log = Log(2);
        log[0] = log[0] with { PreviousHash = new string('f', 64) };

        AuditBreak broken = AuditVerifier.Verify(log).Break!;

        Assert.Equal((1L, AuditBreakReason.BrokenLink), (broken.Sequence, broken.Reason));
        Assert.Contains("the start of the log", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AfterABreak_ChecksNothingMore()
    {
        List<AuditEntry> log = Log(4);
        log[1] = log[1] with { Record = log[1].Record with { Action = "ledger.close" } };
        var verifier = new AuditVerifier();

        bool[] results = [.. log.Select(verifier.Check)];

        Assert.Equal([true, false, false, false], results);
        Assert.Equal(2L, verifier.Break!.Sequence);
        Assert.Equal(1, verifier.Intact);
    }
}
