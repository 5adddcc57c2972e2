using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui settle pay</c>: records a payment (one instalment) against a year's net in the ledger kept in the store,
/// audited as who recorded it. The ledger refuses more than is outstanding, a pair the net does not name, a day not yet
/// come and a reference used before; those refusals exit 1, bad options exit 2 before the store is opened.
/// </summary>
internal static class SettlePayCommand
{
    internal sealed record Settings(string Agreement, string? Database, int Year, string Payer, string Payee, string Amount, string Date, string Reference, string By);

    public static Command Create()
    {
        Option<string> agreement = SettleCommand.AgreementOption();
        Option<string?> database = SettleCommand.DatabaseOption();
        Option<int> year = new("--year") { Description = "The year whose net is paid.", Required = true };
        Option<string> payer = new("--payer") { Description = "The paying party.", Required = true };
        Option<string> payee = new("--payee") { Description = "The receiving party.", Required = true };
        Option<string> amount = new("--amount") { Description = "Yuan paid in this instalment (12000000 or 12000000.50).", Required = true };
        Option<string> date = new("--date") { Description = "The day the money moved (2021-04-20).", Required = true };
        Option<string> reference = new("--reference") { Description = "The payment's document or transfer reference (unique).", Required = true };
        Option<string> by = new("--by") { Description = "Who records it.", Required = true };
        var command = new Command("pay", "Record a payment (an instalment) against a year's net.") { agreement, database, year, payer, payee, amount, date, reference, by };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(agreement)!, parse.GetValue(database), parse.GetValue(year), parse.GetValue(payer)!, parse.GetValue(payee)!,
                parse.GetValue(amount)!, parse.GetValue(date)!, parse.GetValue(reference)!, parse.GetValue(by)!),
            parse.InvocationConfiguration, ct));
        return command;
    }

    /// <summary>Usage problems, each naming its option; the instalment when there are none.</summary>
    internal static (Instalment? Payment, IReadOnlyList<string> Problems) Validate(Settings settings)
    {
        var problems = new List<string>();
        if (settings.Year is < SettleCommand.FirstYear or > SettleCommand.LastYear)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--year: {settings.Year} is not a year ({SettleCommand.FirstYear}–{SettleCommand.LastYear})"));
        }

        if (!decimal.TryParse(settings.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal yuan) || yuan <= 0 || yuan != Math.Round(yuan, 2)
            || yuan > 1_000_000_000_000m)
        {
            problems.Add($"--amount: '{Cut(settings.Amount)}' is not a positive sum in yuan to the fen (like 12000000 or 12000000.50)");
        }

        if (!DateOnly.TryParseExact(settings.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly paidOn))
        {
            problems.Add($"--date: '{Cut(settings.Date)}' is not a day like 2021-04-20");
        }

        if (string.IsNullOrWhiteSpace(settings.Reference) || settings.Reference.Length > Ledger.MaxReferenceLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--reference: 1 to {Ledger.MaxReferenceLength} characters"));
        }

        return problems.Count > 0 ? (null, problems) : (new Instalment(settings.Year, settings.Payer, settings.Payee, yuan, paidOn, settings.Reference), problems);
    }

    private static async Task<int> ExecuteAsync(Settings settings, InvocationConfiguration io, CancellationToken ct)
    {
        (Instalment? payment, IReadOnlyList<string> problems) = Validate(settings);
        if (payment is null)
        {
            foreach (string problem in problems)
            {
                await io.Error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        (Agreement? agreement, IPlatformStore? store, int failure) = await SettleCommand.OpenAsync(settings.Agreement, settings.Database, io.Error, TimeProvider.System, ct);
        if (agreement is null || store is null)
        {
            return failure;
        }

        await using (store)
        {
            var settlements = new SettlementService(store, store, store, TimeProvider.System);
            if (await settlements.PayAsync(agreement, payment, AuditActor.CommandLine(settings.By), ct) is LedgerError refused)
            {
                await io.Error.WriteLineAsync(refused.Message);
                return ExitCodes.InvalidInput;
            }

            PaymentStanding standing = (await settlements.StatementAsync(agreement, payment.Year, ct)).Payments
                .First(p => p.Payer == payment.Payer && p.Payee == payment.Payee);
            await io.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"recorded; {payment.Year}: paid {standing.Paid:0.00} of {standing.Owed:0.00}, outstanding {standing.Outstanding:0.00} ({standing.Code})"));
            return ExitCodes.Ok;
        }
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
