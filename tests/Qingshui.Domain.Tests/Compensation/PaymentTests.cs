using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>Payments against a year's net: recorded as ledger events, shown as paid, outstanding and overdue, never editing what was signed.</summary>
public sealed class PaymentTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset January = new(2021, 1, 15, 10, 0, 0, Beijing);

    // 2020 with every month at Class Ⅱ: Hunan owes Jiangxi 12,000,000, due 2021-04-30.
    private static Ledger Books(Agreement agreement)
    {
        Ledger ledger = Ledger.Replay(agreement, []);
        return Then(ledger, ledger.Record(CompensationEngine.Compute(agreement, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II))), January));
    }

    private static Ledger Then(Ledger ledger, LedgerResult result)
    {
        Assert.Null(result.Error);
        return Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. LedgerRoundTrip(result.Events)]);
    }

    // Every event goes through its stored text, as the store keeps it.
    private static IEnumerable<LedgerEvent> LedgerRoundTrip(IEnumerable<LedgerEvent> events) => events.Select(e => LedgerJson.Read(LedgerJson.Write(e), Lushui.Id));

    private static Instalment Pay(decimal amount, string reference, int month = 3) => new(2020, "hunan", "jiangxi", amount, new DateOnly(2021, month, 1), reference);

    [Fact]
    public void Instalments_AddUp_AndTheStatementShowsPaidAndOutstanding_WithoutChangingItsHash()
    {
        Ledger ledger = Books(Lushui);
        string hash = Statement.FromLedger(ledger, 2020, January).ContentHash;
        DateTimeOffset april = new(2021, 4, 10, 9, 0, 0, Beijing);

        ledger = Then(ledger, ledger.Pay(Pay(5_000_000m, "湘财预〔2021〕12号"), "王芳", april));
        ledger = Then(ledger, ledger.Pay(Pay(4_000_000m, "湘财预〔2021〕31号", month: 4), "王芳", april));
        Statement statement = Statement.FromLedger(ledger, 2020, april);

        PaymentStanding pair = Assert.Single(statement.Payments);
        Assert.Equal((12_000_000m, 9_000_000m, 3_000_000m, PaymentState.Outstanding), (pair.Owed, pair.Paid, pair.Outstanding, pair.State));
        Assert.Equal(["湘财预〔2021〕12号", "湘财预〔2021〕31号"], pair.Instalments.Select(i => i.Reference));
        Assert.Equal(hash, statement.ContentHash);
        Assert.Contains("\"payments\":{\"dueDate\":\"2021-04-30\",\"dueDateConfirmed\":true,\"pairs\":[{\"payer\":\"hunan\",\"payee\":\"jiangxi\",\"owed\":12000000,"
            + "\"paid\":9000000,\"outstanding\":3000000,\"state\":\"outstanding\"", statement.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Outstanding_AfterTheDueDate_IsOverdue_AndPaidInFullIsPaid()
    {
        Ledger ledger = Books(Lushui);
        ledger = Then(ledger, ledger.Pay(Pay(5_000_000m, "A-1"), "王芳", January.AddMonths(2)));

        Assert.Equal(PaymentState.Outstanding, Statement.FromLedger(ledger, 2020, new DateTimeOffset(2021, 4, 30, 23, 0, 0, Beijing)).Payments[0].State);
        Assert.Equal(PaymentState.Overdue, Statement.FromLedger(ledger, 2020, new DateTimeOffset(2021, 5, 1, 0, 30, 0, Beijing)).Payments[0].State);

        ledger = Then(ledger, ledger.Pay(Pay(7_000_000m, "A-2", month: 5), "王芳", new DateTimeOffset(2021, 5, 20, 9, 0, 0, Beijing)));
        Assert.Equal(PaymentState.Paid, Statement.FromLedger(ledger, 2020, new DateTimeOffset(2021, 6, 1, 0, 0, 0, Beijing)).Payments[0].State);
    }

    [Fact]
    public void Outstanding_AfterAnUnconfirmedDueDate_IsShownAsSuch_NotAsOverdue()
    {
        Agreement unconfirmed = AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!
            .Replace("\"unconfirmed\": [\"dataSource\"", "\"unconfirmed\": [\"paymentDue\", \"dataSource\"", StringComparison.Ordinal)).Agreement!;
        Ledger ledger = Books(unconfirmed);

        Statement statement = Statement.FromLedger(ledger, 2020, new DateTimeOffset(2021, 7, 1, 0, 0, 0, Beijing));

        Assert.Equal(PaymentState.PastUnconfirmedDueDate, Assert.Single(statement.Payments).State);
        Assert.Contains("\"dueDateConfirmed\":false", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"past-unconfirmed-due-date\"", statement.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jiangxi", "hunan", 1_000_000, "2021-01-10", "R", "asks nothing of jiangxi for hunan")]
    [InlineData("hunan", "jiangxi", 12_000_000.01, "2021-01-10", "R", "exceeds what is outstanding for 2020: 12000000.00 of 12000000.00")]
    [InlineData("hunan", "jiangxi", 0.001, "2021-03-01", "R", "not a positive sum in yuan to the fen")]
    [InlineData("hunan", "jiangxi", 1_000_000, "2021-02-01", "R", "not after today")]
    [InlineData("hunan", "jiangxi", 1_000_000, "2019-12-31", "R", "made in 2020 or later")]
    [InlineData("hunan", "guangdong", 1_000_000, "2021-01-10", "R", "is not a pair of lushui-2019's parties")]
    [InlineData("hunan", "jiangxi", 1_000_000, "2021-01-10", " ", "reference must be 1 to 120 characters")]
    public void Pay_Refused_SaysWhy(string payer, string payee, double amount, string paidOn, string reference, string message)
    {
        Ledger ledger = Books(Lushui);

        LedgerResult result = ledger.Pay(new Instalment(2020, payer, payee, (decimal)amount, DateOnly.Parse(paidOn, System.Globalization.CultureInfo.InvariantCulture), reference), "王芳", January);

        Assert.Empty(result.Events);
        Assert.Contains(message, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pay_SameReferenceTwice_IsRefused()
    {
        Ledger ledger = Books(Lushui);
        ledger = Then(ledger, ledger.Pay(Pay(1_000_000m, "湘财预〔2021〕12号", month: 1), "王芳", January));

        Assert.Contains("already recorded", ledger.Pay(Pay(1_000_000m, "湘财预〔2021〕12号", month: 1), "王芳", January).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementOfBooksWithoutTerms_AndWithoutPayments_KeepsItsBytes()
    {
        Agreement old = AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!
            .Replace("\"timeZone\": \"+08:00\",", "", StringComparison.Ordinal).Replace("\"belowDetectionLimit\": \"half\",", "", StringComparison.Ordinal)
            .Replace("\"unconfirmed\": [\"dataSource\", \"completeness\", \"belowDetectionLimit\", \"amount.notMet\"]", "\"unconfirmed\": []", StringComparison.Ordinal)).Agreement!;
        Assert.False(old.StatesTerms);

        Assert.DoesNotContain("\"payments\"", Statement.FromLedger(Books(old), 2020, January).Json, StringComparison.Ordinal);
    }
}
