using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

/// <summary>Reads the <c>amount</c> object of an agreement file into one of the amount rules, checking every party and section it names.</summary>
internal static class AmountRuleReader
{
    private const string Path = "$.amount";

    /// <summary>The file's words for the key-pollutant index's form.</summary>
    internal static readonly Dictionary<string, KeyIndexForm> IndexForms = new(StringComparer.Ordinal)
    {
        ["mean-of-ratios"] = KeyIndexForm.MeanOfRatios, ["mean-of-changes"] = KeyIndexForm.MeanOfChanges,
    };

    /// <summary>The file's words for rounding the change.</summary>
    internal static readonly Dictionary<string, ChangeRounding> Roundings = new(StringComparer.Ordinal)
    {
        ["whole-points-down"] = ChangeRounding.WholePointsDown, ["whole-points-nearest"] = ChangeRounding.WholePointsNearest, ["exact"] = ChangeRounding.Exact,
    };

    // The table's row names, Ⅰ to 劣Ⅴ in ASCII.
    private static readonly string[] TableClasses = Enum.GetValues<WaterClass>().Select(WaterClassText.ToAscii).ToArray();

    public static AmountRule? Read(JsonElement root, JsonReader reader, List<Party> parties, List<AgreementSection> sections)
    {
        if (!root.TryGetProperty("amount", out JsonElement amount) || amount.ValueKind != JsonValueKind.Object)
        {
            reader.Error(Path, "required: an object with \"kind\" (class-based, class-table, compliance-rate, weighted-sections, class-steps, index, pooled-fund)");
            return null;
        }

        var context = new Context(reader, parties, sections);
        string? kind = reader.RequiredString(amount, Path, "kind");
        return kind switch
        {
            null => null,
            "class-based" => ClassBased(amount, context),
            "class-table" => ClassTable(amount, context),
            "compliance-rate" => ComplianceRate(amount, context),
            "weighted-sections" => WeightedSections(amount, context),
            "class-steps" => ClassSteps(amount, context),
            "index" => Index(amount, context),
            "pooled-fund" => Pooled(amount, context),
            _ => context.Fail($"{Path}.kind", $"'{kind}' is not one of class-based, class-table, compliance-rate, weighted-sections, class-steps, index, pooled-fund"),
        };
    }

    private static ClassBasedRule? ClassBased(JsonElement amount, Context c)
    {
        string? section = c.Section(amount, Path, "section");
        Payment? met = c.Payment(amount, "met");
        Payment? notMet = c.Payment(amount, "notMet");
        return section is null || met is null || notMet is null ? null : new ClassBasedRule(section, met, notMet);
    }

    // Every class has its row: a class the table forgot would otherwise pay nothing without anyone having said so.
    private static ClassTableRule? ClassTable(JsonElement amount, Context c)
    {
        string? section = c.Section(amount, Path, "section");
        string path = $"{Path}.table";
        if (!amount.TryGetProperty("table", out JsonElement table) || table.ValueKind != JsonValueKind.Object)
        {
            c.Reader.Error(path, $"required: an object with one {{payer, payee, amount}} per class ({string.Join(", ", TableClasses)})");
            return null;
        }

        foreach (JsonProperty row in table.EnumerateObject().Where(r => !TableClasses.Contains(r.Name)))
        {
            c.Reader.Error($"{path}.{row.Name}", $"'{row.Name}' is not a class ({string.Join(", ", TableClasses)})");
        }

        var rows = new Dictionary<WaterClass, Payment>();
        foreach (WaterClass waterClass in Enum.GetValues<WaterClass>())
        {
            string name = WaterClassText.ToAscii(waterClass);
            if (!table.TryGetProperty(name, out _))
            {
                c.Reader.Error($"{path}.{name}", "required: every class has its row ({\"payer\", \"payee\", \"amount\"}; an amount of 0 pays nothing)");
            }
            else if (c.Payment(table, path, name) is Payment payment)
            {
                rows[waterClass] = payment;
            }
        }

        return section is null || rows.Count != TableClasses.Length ? null : new ClassTableRule(section, rows);
    }

    // "targets": { "2018": 0.75, "2019": 0.83, "2020": 1 }: the share of months required, by year.
    private static ComplianceRateRule? ComplianceRate(JsonElement amount, Context c)
    {
        string? section = c.Section(amount, Path, "section");
        Payment? met = c.Payment(amount, "met");
        Payment? notMet = c.Payment(amount, "notMet");
        string path = $"{Path}.targets";
        var targets = new Dictionary<int, decimal>();
        if (!amount.TryGetProperty("targets", out JsonElement element) || element.ValueKind != JsonValueKind.Object)
        {
            c.Reader.Error(path, "required: an object of year → share of months that must meet the target class (0 to 1), like {\"2018\": 0.75}");
            return null;
        }

        int errors = c.Reader.Errors.Count;
        foreach (JsonProperty target in element.EnumerateObject())
        {
            if (!int.TryParse(target.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year is < 1900 or > 2999)
            {
                c.Reader.Error($"{path}.{target.Name}", $"'{target.Name}' is not a year");
            }
            else if (target.Value.ValueKind != JsonValueKind.Number || !target.Value.TryGetDecimal(out decimal share) || share is <= 0 or > 1)
            {
                c.Reader.Error($"{path}.{target.Name}", $"'{target.Value}' is not a share of months above 0 and at most 1 (0.83 for 83 %)");
            }
            else
            {
                targets[year] = share;
            }
        }

        bool alsoMean = amount.TryGetProperty("alsoPeriodMean", out JsonElement also) && also.ValueKind == JsonValueKind.True;
        if (amount.TryGetProperty("alsoPeriodMean", out also) && also.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            c.Reader.Error($"{Path}.alsoPeriodMean", "must be true or false");
        }

        return section is null || met is null || notMet is null || targets.Count == 0 || c.Reader.Errors.Count > errors
            ? null
            : new ComplianceRateRule(section, targets, met, notMet) { AlsoPeriodMean = alsoMean };
    }

    // "sections": [{"section": "a", "weight": 0.6}, …]: each section once, each weight positive.
    private static WeightedSectionsRule? WeightedSections(JsonElement amount, Context c)
    {
        Payment? met = c.Payment(amount, "met");
        Payment? notMet = c.Payment(amount, "notMet");
        var weights = new List<SectionWeight>();
        int errors = c.Reader.Errors.Count;
        foreach ((JsonElement item, string path) in c.Reader.Array(amount, Path, "sections"))
        {
            string? section = c.Section(item, path, "section");
            decimal? weight = c.Number(item, path, "weight");
            if (weight <= 0)
            {
                c.Reader.Error($"{path}.weight", "must be positive");
            }
            else if (section is not null && weights.Exists(w => w.Section == section))
            {
                c.Reader.Error($"{path}.section", $"'{section}' is weighted twice");
            }
            else if (section is not null && weight is not null)
            {
                weights.Add(new SectionWeight(section, weight.Value));
            }
        }

        if (weights.Count == 0 && c.Reader.Errors.Count == errors)
        {
            c.Reader.Error($"{Path}.sections", "required: at least one {\"section\", \"weight\"}");
        }

        return met is null || notMet is null || c.Reader.Errors.Count > errors ? null : new WeightedSectionsRule(weights, met, notMet);
    }

    private static ClassStepRule? ClassSteps(JsonElement amount, Context c)
    {
        string? section = c.Section(amount, Path, "section");
        string? upstream = c.Party(amount, Path, "upstream");
        string? downstream = c.Party(amount, Path, "downstream");
        decimal? perStep = c.Money(amount, Path, "perStep");
        decimal perPoint = 0, cap = 0;
        var items = new List<StandardItem>();
        ChangeTerms? terms = null;
        if (amount.TryGetProperty("change", out JsonElement change))
        {
            perPoint = c.Money(change, $"{Path}.change", "perPercentPoint") ?? 0;
            cap = c.Money(change, $"{Path}.change", "cap") ?? 0;
            items.AddRange(c.Items(change, $"{Path}.change", "items"));
            if (change.TryGetProperty("index", out _) || change.TryGetProperty("rounding", out _))
            {
                terms = new ChangeTerms(
                    c.Reader.Enum(change, $"{Path}.change", "index", IndexForms, (KeyIndexForm?)KeyIndexForm.MeanOfRatios) ?? KeyIndexForm.MeanOfRatios,
                    c.Reader.Enum(change, $"{Path}.change", "rounding", Roundings, (ChangeRounding?)ChangeRounding.WholePointsDown) ?? ChangeRounding.WholePointsDown);
            }
        }

        return section is null || upstream is null || downstream is null || perStep is null
            ? null
            : new ClassStepRule(section, upstream, downstream, perStep.Value, items, perPoint, cap) { StatedChange = terms };
    }

    private static IndexRule? Index(JsonElement amount, Context c)
    {
        string? section = c.Section(amount, Path, "section");
        string? upstream = c.Party(amount, Path, "upstream");
        string? downstream = c.Party(amount, Path, "downstream");
        decimal? k0 = c.Number(amount, Path, "k0");
        decimal threshold = c.Number(amount, Path, "threshold") ?? 1m;
        decimal? money = c.Money(amount, Path, "amount");
        var terms = new List<IndexTerm>();
        foreach ((JsonElement term, string path) in c.Reader.Array(amount, Path, "terms"))
        {
            StandardItem? item = c.Item(term, path, "item");
            decimal? weight = c.Number(term, path, "weight");
            decimal? baseline = c.Number(term, path, "baseline");
            if (baseline <= 0)
            {
                c.Reader.Error($"{path}.baseline", "must be positive");
            }
            else if (item is not null && weight is not null && baseline is not null)
            {
                terms.Add(new IndexTerm(item, weight.Value, baseline.Value));
            }
        }

        return section is null || upstream is null || downstream is null || k0 is null || money is null || terms.Count == 0
            ? null
            : new IndexRule(section, upstream, downstream, k0.Value, terms, threshold, money.Value);
    }

    private static PooledFundRule? Pooled(JsonElement amount, Context c)
    {
        decimal? fund = c.Money(amount, Path, "fund");
        Dictionary<string, decimal>? contributions = c.Shares(amount, Path, "contributions");
        Dictionary<string, decimal>? allocations = c.Shares(amount, Path, "allocations");
        var deductions = new List<SectionDeduction>();
        foreach ((JsonElement item, string path) in c.Reader.Array(amount, Path, "deductions", required: false))
        {
            string? section = c.Section(item, path, "section");
            string? party = c.Party(item, path, "party");
            decimal? fraction = c.Number(item, path, "fraction");
            Dictionary<string, decimal>? recipients = c.Shares(item, path, "recipients");
            if (fraction is < 0 or > 1)
            {
                c.Reader.Error($"{path}.fraction", "must be between 0 and 1");
            }
            else if (section is not null && party is not null && fraction is not null && recipients is not null)
            {
                deductions.Add(new SectionDeduction(section, party, fraction.Value, recipients));
            }
        }

        return fund is null || contributions is null || allocations is null ? null : new PooledFundRule(fund.Value, contributions, allocations, deductions);
    }

    private sealed record Context(JsonReader Reader, List<Party> Parties, List<AgreementSection> Sections)
    {
        public AmountRule? Fail(string path, string message)
        {
            Reader.Error(path, message);
            return null;
        }

        public string? Section(JsonElement element, string path, string name)
        {
            string? id = Reader.RequiredString(element, path, name);
            if (id is not null && !Sections.Exists(s => s.Id == id))
            {
                Reader.Error($"{path}.{name}", $"no section '{id}' in this agreement");
                return null;
            }

            return id;
        }

        public string? Party(JsonElement element, string path, string name)
        {
            string? id = Reader.RequiredString(element, path, name);
            if (id is not null && !Parties.Exists(p => p.Id == id))
            {
                Reader.Error($"{path}.{name}", $"no party '{id}' in this agreement");
                return null;
            }

            return id;
        }

        public Payment? Payment(JsonElement element, string name) => Payment(element, Path, name);

        public Payment? Payment(JsonElement element, string parent, string name)
        {
            string path = $"{parent}.{name}";
            if (!element.TryGetProperty(name, out JsonElement payment))
            {
                Reader.Error(path, "required: {\"payer\", \"payee\", \"amount\"}");
                return null;
            }

            string? payer = Party(payment, path, "payer");
            string? payee = Party(payment, path, "payee");
            decimal? money = Money(payment, path, "amount");
            if (payer is not null && payer == payee)
            {
                Reader.Error(path, "payer and payee must differ");
                return null;
            }

            return payer is null || payee is null || money is null ? null : new Payment(payer, payee, money.Value);
        }

        public decimal? Number(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                Reader.Error($"{path}.{name}", "required");
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number))
            {
                return number;
            }

            Reader.Error($"{path}.{name}", $"'{value}' is not a number");
            return null;
        }

        public decimal? Money(JsonElement element, string path, string name)
        {
            decimal? value = Number(element, path, name);
            if (value < 0)
            {
                Reader.Error($"{path}.{name}", "an amount in yuan cannot be negative (the direction is given by payer and payee)");
                return null;
            }

            return value;
        }

        public StandardItem? Item(JsonElement element, string path, string name)
        {
            string? id = Reader.RequiredString(element, path, name);
            StandardItem? item = id is null ? null : StandardItems.Find(id);
            if (id is not null && item is null)
            {
                Reader.Error($"{path}.{name}", $"'{id}' is not a GB 3838 item id");
            }

            return item;
        }

        public IEnumerable<StandardItem> Items(JsonElement element, string path, string name)
        {
            foreach ((JsonElement value, string itemPath) in Reader.Array(element, path, name))
            {
                if (value.ValueKind == JsonValueKind.String && StandardItems.Find(value.GetString()!) is StandardItem item)
                {
                    yield return item;
                }
                else
                {
                    Reader.Error(itemPath, $"'{value}' is not a GB 3838 item id");
                }
            }
        }

        public Dictionary<string, decimal>? Shares(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement shares) || shares.ValueKind != JsonValueKind.Object)
            {
                Reader.Error($"{path}.{name}", "required: an object of party → share");
                return null;
            }

            var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (JsonProperty share in shares.EnumerateObject())
            {
                if (!Parties.Exists(p => p.Id == share.Name))
                {
                    Reader.Error($"{path}.{name}.{share.Name}", $"no party '{share.Name}' in this agreement");
                }
                else if (share.Value.ValueKind != JsonValueKind.Number || !share.Value.TryGetDecimal(out decimal value) || value < 0)
                {
                    Reader.Error($"{path}.{name}.{share.Name}", $"'{share.Value}' is not a share (a number, 0 or more)");
                }
                else
                {
                    result[share.Name] = value;
                }
            }

            if (result.Count > 0 && result.Values.Sum() == 0)
            {
                Reader.Error($"{path}.{name}", "the shares add up to nothing");
            }

            return result;
        }
    }
}
