using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// A year's settlement statement: every period's account with its evidence, the adjustments booked in the year, the
/// net per pair of parties and the due date. <see cref="Json"/> is its canonical text and <see cref="ContentHash"/>
/// the SHA-256 of its accounting content (accounts with evidence, adjustments, net, due date), which every export
/// prints so both parties can prove they hold the same statement. Sign-off (who confirmed what, settled or not) is
/// printed with it but outside the hash, so confirming and settling do not change it.
/// </summary>
public sealed record Statement(
    Agreement Agreement, int Year, IReadOnlyList<PeriodAccount> Accounts, IReadOnlyList<Adjustment> Adjustments, IReadOnlyList<Transfer> Net,
    DateOnly DueDate, IReadOnlyList<PeriodStatus> States, string Json, string ContentHash)
{
    /// <summary>The statement of a year from computed accounts (all drafts).</summary>
    public static Statement FromAccounts(Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts) =>
        Build(agreement, year, accounts, [], accounts.Select(a => new PeriodStatus(a.Period, PeriodState.Draft, new Dictionary<string, string>())).ToArray());

    /// <summary>The statement of a year as the ledger stands.</summary>
    public static Statement FromLedger(Ledger ledger, int year)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Period[] periods = ledger.Agreement.PeriodsOf(year).ToArray();
        PeriodAccount[] accounts = periods.Select(ledger.AccountOf).OfType<PeriodAccount>().ToArray();
        Adjustment[] adjustments = ledger.Adjustments.Where(a => a.AppliedIn.Start.Year == year).ToArray();
        PeriodStatus[] states = periods.Select(p => new PeriodStatus(p, ledger.StateOf(p), ledger.ConfirmationsOf(p))).ToArray();
        return Build(ledger.Agreement, year, accounts, adjustments, states);
    }

    private static Statement Build(Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, IReadOnlyList<Adjustment> adjustments, IReadOnlyList<PeriodStatus> states)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        IReadOnlyList<Transfer> net = Netting.PerPair([.. accounts.SelectMany(a => a.Transfers), .. adjustments.SelectMany(a => a.Transfers)]);
        DateOnly due = agreement.DueDate(year);
        string body = CanonicalJson.Write(json => Write(json, agreement, year, accounts, adjustments, net, due, states: null, hash: null));
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        string text = CanonicalJson.Write(json => Write(json, agreement, year, accounts, adjustments, net, due, states, hash));
        return new Statement(agreement, year, accounts, adjustments, net, due, states, text, hash);
    }

    private static void Write(
        Utf8JsonWriter json, Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, IReadOnlyList<Adjustment> adjustments,
        IReadOnlyList<Transfer> net, DateOnly due, IReadOnlyList<PeriodStatus>? states, string? hash)
    {
        json.WriteStartObject();
        json.WriteString("agreement", agreement.Id);
        json.WriteString("name", agreement.Name.Chinese);
        json.WriteNumber("year", year);
        json.WriteString("dueDate", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteStartArray("accounts");
        foreach (PeriodAccount account in accounts)
        {
            CanonicalJson.WriteAccount(json, account);
        }

        json.WriteEndArray();
        json.WriteStartArray("adjustments");
        foreach (Adjustment adjustment in adjustments)
        {
            json.WriteStartObject();
            json.WriteString("corrected", adjustment.Corrected.ToString());
            json.WriteString("appliedIn", adjustment.AppliedIn.ToString());
            json.WritePropertyName("before");
            CanonicalJson.WriteAccount(json, adjustment.Before);
            json.WritePropertyName("after");
            CanonicalJson.WriteAccount(json, adjustment.After);
            CanonicalJson.WriteTransfers(json, "transfers", adjustment.Transfers);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // A bilateral agreement has one net payment: an object; several pairs: an array.
        if (net.Count <= 1)
        {
            json.WritePropertyName("net");
            WriteNet(json, net.SingleOrDefault());
        }
        else
        {
            json.WriteStartArray("net");
            foreach (Transfer t in net)
            {
                WriteNet(json, t);
            }

            json.WriteEndArray();
        }

        if (hash is not null)
        {
            json.WriteString("contentHash", hash);
        }

        if (states is null)
        {
            json.WriteEndObject();
            return;
        }

        json.WriteStartArray("states");
        foreach (PeriodStatus state in states)
        {
            json.WriteStartObject();
            json.WriteString("period", state.Period.ToString());
            json.WriteString("state", state.State.ToString());
            json.WriteStartObject("confirmedBy");
            foreach ((string party, string who) in state.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteString(party, who);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNet(Utf8JsonWriter json, Transfer? net)
    {
        if (net is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("payer", net.Payer);
        json.WriteString("payee", net.Payee);
        json.WriteNumber("amount", net.Amount);
        json.WriteEndObject();
    }
}

/// <summary>A period's state in a statement, and who confirmed it for each party.</summary>
/// <param name="Period">The period.</param>
/// <param name="State">Its state.</param>
/// <param name="ConfirmedBy">Party → who confirmed for it.</param>
public sealed record PeriodStatus(Period Period, PeriodState State, IReadOnlyDictionary<string, string> ConfirmedBy);
