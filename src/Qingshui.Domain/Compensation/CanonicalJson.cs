using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// The one written form of accounts, adjustments and statements: fixed property order, invariant numbers, no
/// whitespace. Hashes are taken over it, so the same data always gives the same bytes.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes with a fresh writer and returns the UTF-8 text.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An account: period, status, class, its net payment, every transfer, the evidence and any decision.</summary>
    public static void WriteAccount(Utf8JsonWriter json, PeriodAccount account)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(account);
        json.WriteStartObject();
        json.WriteString("period", account.Period.ToString());
        json.WriteString("status", account.Status.ToString());
        WriteClass(json, "class", account.Class);
        IReadOnlyList<Transfer> pairs = Netting.PerPair(account.Transfers);
        Transfer? net = pairs.Count == 1 ? pairs[0] : null;
        json.WriteString("payer", net?.Payer);
        json.WriteString("payee", net?.Payee);
        if (net is null)
        {
            json.WriteNull("amount");
        }
        else
        {
            json.WriteNumber("amount", net.Amount);
        }

        WriteTransfers(json, "transfers", account.Transfers);
        json.WriteStartArray("evidence");
        foreach (SectionEvidence evidence in account.Evidence)
        {
            WriteEvidence(json, evidence);
        }

        json.WriteEndArray();

        // Absent from accounts recorded before components could be undetermined: written only when there are any.
        if (account.Gaps.Count > 0)
        {
            json.WriteStartArray("gaps");
            foreach (string gap in account.Gaps)
            {
                json.WriteStringValue(gap);
            }

            json.WriteEndArray();
        }

        if (account.Decision is Decision decision)
        {
            json.WriteStartObject("decision");
            json.WriteString("outcome", decision.Outcome.ToString());
            json.WriteString("by", decision.DecidedBy);
            json.WriteString("at", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("reason", decision.Reason);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>An adjustment's fields (corrected, appliedIn, before, after, transfers), inside an object the caller opened.</summary>
    public static void WriteAdjustmentFields(Utf8JsonWriter json, Adjustment adjustment)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(adjustment);
        json.WriteString("corrected", adjustment.Corrected.ToString());
        json.WriteString("appliedIn", adjustment.AppliedIn.ToString());
        json.WritePropertyName("before");
        WriteAccount(json, adjustment.Before);
        json.WritePropertyName("after");
        WriteAccount(json, adjustment.After);
        WriteTransfers(json, "transfers", adjustment.Transfers);
    }

    /// <summary>Transfers as an array of {payer, payee, amount, basis, detail}.</summary>
    public static void WriteTransfers(Utf8JsonWriter json, string name, IEnumerable<Transfer> transfers)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(transfers);
        json.WriteStartArray(name);
        foreach (Transfer t in transfers)
        {
            json.WriteStartObject();
            json.WriteString("payer", t.Payer);
            json.WriteString("payee", t.Payee);
            json.WriteNumber("amount", t.Amount);
            json.WriteString("basis", t.Basis.ToString());
            json.WriteString("detail", t.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEvidence(Utf8JsonWriter json, SectionEvidence evidence)
    {
        json.WriteStartObject();
        json.WriteString("section", evidence.Section);
        json.WriteString("period", evidence.Period.ToString());
        WriteClass(json, "class", evidence.Assessment.Class);
        json.WriteStartArray("deciding");
        foreach (StandardItem item in evidence.Assessment.Deciding)
        {
            json.WriteStringValue(item.Id);
        }

        json.WriteEndArray();
        json.WriteStartArray("missing");
        foreach (StandardItem item in evidence.Assessment.Missing)
        {
            json.WriteStringValue(item.Id);
        }

        json.WriteEndArray();
        json.WriteStartArray("means");
        foreach (PeriodMean mean in evidence.Means)
        {
            json.WriteStartObject();
            json.WriteString("item", mean.Item.Id);
            if (mean.Mean is decimal m)
            {
                json.WriteNumber("mean", m);
            }
            else
            {
                json.WriteNull("mean");
            }

            json.WriteNumber("valid", mean.ValidUnits);
            json.WriteNumber("required", mean.RequiredUnits);
            json.WriteNumber("invalidValues", mean.InvalidValues);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("dataFingerprint", evidence.DataFingerprint);
        WriteCoverage(json, evidence);
        json.WriteEndObject();
    }

    // Absent from evidence recorded before it was kept: written only when there is any, so recorded accounts read back byte for byte.
    private static void WriteCoverage(Utf8JsonWriter json, SectionEvidence evidence)
    {
        if (evidence.NotMonitored.Count > 0)
        {
            json.WriteStartArray("notMonitored");
            foreach (StandardItem item in evidence.NotMonitored)
            {
                json.WriteStringValue(item.Id);
            }

            json.WriteEndArray();
        }

        if (evidence.Source is SourceEvidence source)
        {
            WriteSource(json, source);
        }

        if (evidence.Coverage is not IReadOnlyList<ItemCoverage> coverage)
        {
            return;
        }

        json.WriteStartArray("coverage");
        foreach (ItemCoverage c in coverage)
        {
            json.WriteStartObject();
            json.WriteString("item", c.Item.Id);
            json.WriteNumber("validValues", c.ValidValues);
            json.WriteNumber("values", c.Values);
            json.WriteNumber("validDays", c.ValidDays);
            json.WriteNumber("days", c.Days);
            if (c.BelowLimitValues > 0)
            {
                json.WriteNumber("belowLimitValues", c.BelowLimitValues);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // The data-source term at work: which stations decided, and each station's own class and means side by side.
    private static void WriteSource(Utf8JsonWriter json, SourceEvidence source)
    {
        json.WriteStartObject("source");
        json.WriteString("kind", DataSourceKinds.Text(source.Kind));
        json.WriteStartArray("used");
        foreach (string station in source.Used)
        {
            json.WriteStringValue(station);
        }

        json.WriteEndArray();
        json.WriteStartArray("stations");
        foreach (StationEvidence station in source.Stations)
        {
            json.WriteStartObject();
            json.WriteString("station", station.Station);
            WriteClass(json, "class", station.Class);
            json.WriteStartArray("means");
            foreach ((StandardItem item, decimal? mean) in station.Means)
            {
                json.WriteStartObject();
                json.WriteString("item", item.Id);
                if (mean is decimal m)
                {
                    json.WriteNumber("mean", m);
                }
                else
                {
                    json.WriteNull("mean");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("dataFingerprint", station.DataFingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteClass(Utf8JsonWriter json, string name, WaterClass? value)
    {
        if (value is WaterClass c)
        {
            json.WriteString(name, WaterClassText.ToRoman(c));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>The hash that identifies an account's content (what a party confirms).</summary>
public static class AccountHash
{
    /// <summary>SHA-256 of the canonical account, first 16 hex digits.</summary>
    public static string Of(PeriodAccount account) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Write(json => CanonicalJson.WriteAccount(json, account)))))[..16];
}
