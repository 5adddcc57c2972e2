using Qingshui.Domain.Access;
using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Network;

/// <summary>
/// The rules of the station register: what a new or changed station must be, and which jurisdiction may place a station
/// at which section. Used by the HTTP API (and any other writer), so that a station is checked the same way everywhere.
/// </summary>
/// <remarks>
/// <para>MN (HJ 212-2017 §6.3.2, Table 4): for a 2017 logger, 24 characters <c>0-9A-F</c>; for a 2005 logger
/// (HJ/T 212-2005), 14 letters or digits. The MN is the station's identity: it is checked when the station is added and
/// never changes afterwards (a change of edition keeps it).</para>
/// <para>PW: the standard gives 6 characters; loggers in the field use up to 32. Any printable ASCII character but the
/// packet's separators (<c>; , &amp; =</c>), which would cut the field short.</para>
/// <para>A jurisdiction may place a station at a section that lies in it, or at a boundary section it shares (as upstream
/// or downstream): at the Jinyushi boundary section both provinces run a station.</para>
/// </remarks>
public static class StationRules
{
    /// <summary>Shortest access password.</summary>
    public const int MinPasswordLength = 6;

    /// <summary>Longest access password.</summary>
    public const int MaxPasswordLength = 32;

    /// <summary>Most parameters (and unit overrides) a station may list.</summary>
    public const int MaxParameters = 64;

    private const int Mn2017Length = 24;
    private const int Mn2005Length = 14;

    private const string EditionWrong = "is not 2025, 2017 or 2005";

    private static readonly Dictionary<string, ProtocolEdition> EditionWords = new(BasinFile.Editions, StringComparer.Ordinal)
    {
        ["2017"] = ProtocolEdition.Hj212V2017, ["2005"] = ProtocolEdition.Hj212V2005, ["2025"] = ProtocolEdition.Hj212V2025,
    };

    /// <summary>A new station from <paramref name="draft"/>: MN, password, names, section, operator and edition are required.</summary>
    public static StationCheck Add(StationDraft draft, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(basin);
        var errors = new List<StationError>();
        ProtocolEdition? edition = Required(errors, "edition", draft.Edition, EditionOf, EditionWrong);
        string? mn = CheckNewDeviceId(errors, draft.DeviceId, edition, basin);
        string? password = CheckPassword(errors, "password", draft.Password);
        string? operatorId = Required(errors, "operator", draft.Operator, text => basin.Jurisdictions.Any(j => j.Id == text) ? text : null,
            $"is not a jurisdiction of the basin ({string.Join(", ", basin.Jurisdictions.Select(j => j.Id))})");
        Fields fields = CheckFields(errors, draft, basin, required: true);
        return errors.Count > 0
            ? new StationCheck(null, errors)
            : new StationCheck(
                new Station(mn!, password!, new LocalizedText(fields.NameZh!, fields.NameEn!), fields.Section!, operatorId!, edition!.Value,
                    fields.Crc ?? CrcPolicy.Strict, fields.Offset ?? TimeSpan.FromHours(8), fields.Parameters ?? [], fields.Units ?? new Dictionary<string, Unit>()),
                errors);
    }

    /// <summary>
    /// <paramref name="current"/> with the fields <paramref name="draft"/> gives changed; MN, password and operator may not
    /// be given (the MN is the identity, the password has its own rotation, and a station does not change hands).
    /// </summary>
    public static StationCheck Change(Station current, StationDraft draft, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(basin);
        var errors = new List<StationError>();
        if (draft.DeviceId is not null && draft.DeviceId != current.DeviceId)
        {
            errors.Add(new StationError("mn", "the MN is the station's identity and cannot change; add a new station instead"));
        }

        if (draft.Password is not null)
        {
            errors.Add(new StationError("password", "is changed only by a rotation (POST /api/v1/stations/{mn}/password)"));
        }

        if (draft.Operator is not null && draft.Operator != current.Operator)
        {
            errors.Add(new StationError("operator", "a station does not change hands; the other jurisdiction adds its own"));
        }

        ProtocolEdition? edition = draft.Edition is null ? current.Edition : Required(errors, "edition", draft.Edition, EditionOf, EditionWrong);
        Fields fields = CheckFields(errors, draft, basin, required: false);
        return errors.Count > 0
            ? new StationCheck(null, errors)
            : new StationCheck(current with
            {
                Name = new LocalizedText(fields.NameZh ?? current.Name.Chinese, fields.NameEn ?? current.Name.English),
                Section = fields.Section ?? current.Section,
                Edition = edition!.Value,
                Crc = fields.Crc ?? current.Crc,
                UtcOffset = fields.Offset ?? current.UtcOffset,
                Parameters = fields.Parameters ?? current.Parameters,
                Units = fields.Units ?? current.Units,
            }, errors);
    }

    /// <summary><paramref name="current"/> with a new access password.</summary>
    public static StationCheck Rotate(Station current, string? password)
    {
        ArgumentNullException.ThrowIfNull(current);
        var errors = new List<StationError>();
        string? checkedPassword = CheckPassword(errors, "password", password);
        if (checkedPassword is not null && string.Equals(checkedPassword, current.Password, StringComparison.Ordinal))
        {
            errors.Add(new StationError("password", "is the station's current password; a rotation needs a new one"));
        }

        return errors.Count > 0 ? new StationCheck(null, errors) : new StationCheck(current with { Password = checkedPassword! }, errors);
    }

    /// <summary>Whether <paramref name="jurisdiction"/> may place a station at <paramref name="section"/>: it lies there, or shares the boundary.</summary>
    public static bool MayPlaceAt(string jurisdiction, Section section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Jurisdiction == jurisdiction || section.Upstream == jurisdiction || section.Downstream == jurisdiction;
    }

    /// <summary>
    /// The fields in which two records of the same station differ (<c>password</c> is named, its values never shown), in
    /// a fixed order; empty when they are the same. Lists and units are compared by content.
    /// </summary>
    public static IReadOnlyList<string> Differences(Station a, Station b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var fields = new List<string>();
        Add(fields, "mn", a.DeviceId == b.DeviceId);
        Add(fields, "password", string.Equals(a.Password, b.Password, StringComparison.Ordinal));
        Add(fields, "name", a.Name == b.Name);
        Add(fields, "section", a.Section == b.Section);
        Add(fields, "operator", a.Operator == b.Operator);
        Add(fields, "edition", a.Edition == b.Edition);
        Add(fields, "crc", a.Crc == b.Crc);
        Add(fields, "utcOffset", a.UtcOffset == b.UtcOffset);
        Add(fields, "parameters", a.Parameters.SequenceEqual(b.Parameters, StringComparer.Ordinal));
        Add(fields, "units", a.Units.Count == b.Units.Count && a.Units.All(u => b.Units.TryGetValue(u.Key, out Unit other) && other == u.Value));
        return fields;

        static void Add(List<string> list, string field, bool same)
        {
            if (!same)
            {
                list.Add(field);
            }
        }
    }

    /// <summary>The written form of an edition in the register (<c>2017</c>, <c>2005</c>).</summary>
    public static string EditionText(ProtocolEdition edition) => edition switch
    {
        ProtocolEdition.Hj212V2005 => "2005",
        ProtocolEdition.Hj212V2025 => "2025",
        _ => "2017",
    };

    /// <summary>The edition a written form names (<c>2025</c>, <c>2017</c>, <c>2005</c> or <c>HJ212-…</c>), or <c>null</c>.</summary>
    public static ProtocolEdition? ParseEdition(string text) => EditionOf(text);

    /// <summary>The edition's title for people (<c>HJ 212-2025</c>, <c>HJ 212-2017</c>, <c>HJ/T 212-2005</c>).</summary>
    public static string EditionTitle(ProtocolEdition edition) => edition switch
    {
        ProtocolEdition.Hj212V2005 => "HJ/T 212-2005",
        ProtocolEdition.Hj212V2025 => "HJ 212-2025",
        _ => "HJ 212-2017",
    };

    /// <summary>The written form of a CRC policy (<c>strict</c>, <c>accept-modbus</c>, <c>no-check</c>).</summary>
    public static string CrcText(CrcPolicy crc) => BasinFile.CrcPolicies.First(p => p.Value == crc).Key;

    /// <summary>The written form of a clock offset (<c>+08:00</c>).</summary>
    public static string OffsetText(TimeSpan offset) => BasinFile.OffsetText(offset);

    private sealed record Fields(
        string? NameZh, string? NameEn, string? Section, CrcPolicy? Crc, TimeSpan? Offset, IReadOnlyList<string>? Parameters,
        IReadOnlyDictionary<string, Unit>? Units);

    private static Fields CheckFields(List<StationError> errors, StationDraft draft, Basin basin, bool required)
    {
        string? nameZh = CheckName(errors, "name.zh", draft.NameZh, required);
        string? nameEn = CheckName(errors, "name.en", draft.NameEn, required);
        string? section = required || draft.Section is not null
            ? Required(errors, "section", draft.Section, text => basin.FindSection(text)?.Id,
                $"is not a section of the basin ({string.Join(", ", basin.Sections.Select(s => s.Id))})")
            : null;
        CrcPolicy? crc = draft.Crc is null ? null
            : Required(errors, "crc", draft.Crc, text => BasinFile.CrcPolicies.TryGetValue(text, out CrcPolicy p) ? p : (CrcPolicy?)null,
                "is not strict, accept-modbus or no-check");
        TimeSpan? offset = draft.UtcOffset is null ? null
            : Required(errors, "utcOffset", draft.UtcOffset, text => BasinFile.TryParseOffset(text, out TimeSpan o) ? o : (TimeSpan?)null,
                "is not an offset like +08:00 (at most ±14:00)");
        return new Fields(nameZh, nameEn, section, crc, offset, CheckParameters(errors, draft.Parameters), CheckUnits(errors, draft.Units));
    }

    private static ProtocolEdition? EditionOf(string text) => EditionWords.TryGetValue(text, out ProtocolEdition edition) ? edition : null;

    private static string? CheckNewDeviceId(List<StationError> errors, string? mn, ProtocolEdition? edition, Basin basin)
    {
        if (string.IsNullOrEmpty(mn))
        {
            errors.Add(new StationError("mn", "is required"));
            return null;
        }

        string? wrong = edition switch
        {
            ProtocolEdition.Hj212V2017 when mn.Length != Mn2017Length || !mn.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F') =>
                $"must be {Mn2017Length} characters 0-9 and A-F for an HJ 212-2017 logger",
            ProtocolEdition.Hj212V2005 when mn.Length != Mn2005Length || !mn.All(char.IsAsciiLetterOrDigit) =>
                $"must be {Mn2005Length} letters or digits for an HJ/T 212-2005 logger",
            // HJ 212-2025 makes the MN a network code the platform assigns; its exact form was not read, so only the 2017 bound holds.
            ProtocolEdition.Hj212V2025 when mn.Length > Mn2017Length || !mn.All(char.IsAsciiLetterOrDigit) =>
                $"must be at most {Mn2017Length} letters or digits for an HJ 212-2025 logger",
            null when mn.Length > Mn2017Length || !mn.All(char.IsAsciiLetterOrDigit) => $"must be at most {Mn2017Length} letters or digits",
            _ => basin.FindStation(mn) is not null ? $"'{mn}' is registered already" : null,
        };
        if (wrong is not null)
        {
            errors.Add(new StationError("mn", wrong));
            return null;
        }

        return mn;
    }

    private static string? CheckPassword(List<StationError> errors, string field, string? password)
    {
        string? wrong = password switch
        {
            null or "" => "is required",
            { Length: < MinPasswordLength or > MaxPasswordLength } => $"must be {MinPasswordLength}–{MaxPasswordLength} characters",
            _ when !password.All(c => c is > ' ' and <= '~' and not (';' or ',' or '&' or '=')) =>
                "may hold only printable ASCII characters other than space, ';', ',', '&' and '=' (the packet's separators)",
            _ => null,
        };
        if (wrong is not null)
        {
            errors.Add(new StationError(field, wrong));
            return null;
        }

        return password;
    }

    private static string? CheckName(List<StationError> errors, string field, string? text, bool required)
    {
        if (text is null && !required)
        {
            return null;
        }

        if (AccessNames.CheckDisplayName(field, text) is AccessError error)
        {
            errors.Add(new StationError(error.Field, error.Message));
            return null;
        }

        return text;
    }

    private static List<string>? CheckParameters(List<StationError> errors, IReadOnlyList<string?>? codes)
    {
        if (codes is null)
        {
            return null;
        }

        if (codes.Count > MaxParameters)
        {
            errors.Add(new StationError("parameters", $"at most {MaxParameters} codes"));
            return null;
        }

        var list = new List<string>(codes.Count);
        for (int i = 0; i < codes.Count; i++)
        {
            string field = $"parameters[{i}]";
            if (codes[i] is not string code || ParameterCatalogue.Find(code) is null)
            {
                errors.Add(new StationError(field, $"'{Shown(codes[i])}' is not a known parameter code (HJ 212-2017, e.g. w01009)"));
            }
            else if (list.Contains(code))
            {
                errors.Add(new StationError(field, $"'{code}' is listed twice"));
            }
            else
            {
                list.Add(code);
            }
        }

        return list;
    }

    private static Dictionary<string, Unit>? CheckUnits(List<StationError> errors, IReadOnlyDictionary<string, string?>? units)
    {
        if (units is null)
        {
            return null;
        }

        if (units.Count > MaxParameters)
        {
            errors.Add(new StationError("units", $"at most {MaxParameters} entries"));
            return null;
        }

        var checkedUnits = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach ((string code, string? text) in units)
        {
            string field = $"units.{Shown(code)}";
            if (ParameterCatalogue.Find(code) is null)
            {
                errors.Add(new StationError(field, "not a known parameter code"));
            }
            else if (text is null || !UnitText.TryParse(text, out Unit unit) || unit == Unit.Unspecified)
            {
                errors.Add(new StationError(field, $"'{Shown(text)}' is not a known unit (mg/L, µg/L, °C, µS/cm, NTU, …)"));
            }
            else
            {
                checkedUnits[code] = unit;
            }
        }

        return checkedUnits;
    }

    private static T? Required<T>(List<StationError> errors, string field, string? text, Func<string, T?> parse, string wrongMessage)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new StationError(field, "is required"));
            return default;
        }

        T? value = parse(text);
        if (value is null)
        {
            errors.Add(new StationError(field, $"'{Shown(text)}' {wrongMessage}"));
        }

        return value;
    }

    // What a refused value reads as in a message: bounded, so a huge or odd value does not fill the answer.
    private static string Shown(string? text) => text is null ? "null" : text.Length <= 40 ? text : text[..40] + "…";
}
