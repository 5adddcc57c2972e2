using Qingshui.Domain.Audit;

namespace Qingshui.Domain.Tests.Audit;

public sealed class AuditRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, 123, TimeSpan.FromHours(8));

    [Fact]
    public void Create_SecretNamedFields_AreMaskedAtEveryDepth()
    {
        AuditRecord record = AuditRecord.Create(At, AuditActor.CommandLine("admin"), "station.update", "360300A00000000000000201", AuditOutcome.Done, null,
            """{"mn":"360300A00000000000000201","PW":"123456","access":{"Password":"hunter2","apiToken":"qs_abc","none":null}}""",
            """[{"client_secret":"s3cr3t","credentials":["a","b"],"edition":"2017"}]""");

        Assert.Equal("""{"mn":"360300A00000000000000201","PW":"***","access":{"Password":"***","apiToken":"***","none":null}}""", record.Before);
        Assert.Equal("""[{"client_secret":"***","credentials":"***","edition":"2017"}]""", record.After);
        Assert.DoesNotContain("123456", AuditChain.CanonicalText(1, record, AuditChain.Genesis), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", AuditChain.CanonicalText(1, record, AuditChain.Genesis), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NotJson_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AuditRecord.Create(At, AuditActor.Engine, "ledger.recompute", "x", AuditOutcome.Done, null, null, "password=hunter2"));
    }

    [Fact]
    public void Create_RefusedWithoutReason_OrDoneWithOne_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AuditRecord.Create(At, AuditActor.Engine, "ledger.close", "x", AuditOutcome.Refused, null, null, null));
        Assert.Throws<ArgumentException>(() => AuditRecord.Create(At, AuditActor.Engine, "ledger.close", "x", AuditOutcome.Done, "why", null, null));
    }

    [Fact]
    public void Create_KeepsTheTimeToTheMillisecondInUtc_SoItHashesTheSameAfterStorage()
    {
        AuditRecord record = AuditRecord.Create(At.AddTicks(4567), AuditActor.Engine, "ledger.recompute", "lushui-2019/2026", AuditOutcome.Done, null, null, null);

        Assert.Equal(TimeSpan.Zero, record.At.Offset);
        Assert.Equal(At, record.At);
        Assert.Equal("2026-03-01T01:00:00.123Z", AuditChain.TimeText(record.At));
        Assert.Equal(AuditActor.EngineName, record.Actor);
    }

    [Fact]
    public void HashOf_IsSha256OfTheCanonicalText()
    {
        AuditRecord record = AuditRecord.Create(At, AuditActor.CommandLine("王芳"), "ledger.confirm", "lushui-2019/2020-03", AuditOutcome.Refused,
            "hunan has already confirmed 2020-03", null, null);
        string text = AuditChain.CanonicalText(7, record, AuditChain.Genesis);

        Assert.Equal(
            """{"sequence":7,"at":1772326800123,"actor":"王芳","organisation":"","action":"ledger.confirm","target":"lushui-2019/2020-03","outcome":"refused","reason":"hunan has already confirmed 2020-03","before":null,"after":null,"remote":null,"previous":"0000000000000000000000000000000000000000000000000000000000000000"}""",
            text);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            AuditChain.HashOf(7, record, AuditChain.Genesis));
    }
}
