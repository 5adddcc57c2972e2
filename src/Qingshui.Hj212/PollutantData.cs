namespace Qingshui.Hj212;

/// <summary>Everything one data area says about one pollutant code (<c>w21003-Avg=0.42,w21003-Flag=N</c>).</summary>
/// <remarks>
/// Values keep the exact decimal written in the packet (never rounded). Suffixes the standard does not list are kept
/// in <see cref="OtherFields"/>. The code is kept as sent: 6 characters under HJ 212-2017 (<c>w01009</c>), 3 under
/// HJ/T 212-2005 (<c>011</c>); mapping it to a parameter is the caller's business.
/// Records are filled once while a message is read or built and are not changed afterwards.
/// </remarks>
public sealed class PollutantData
{
    // Most pollutants carry one value (Avg or Rtd), so values are kept as a small list of what is present.
    private (ValueSuffix Suffix, decimal Value)[] _values = new (ValueSuffix, decimal)[1];
    private int _count;
    private List<KeyValuePair<string, string>>? _otherFields;

    /// <summary>Creates an empty record for a pollutant code.</summary>
    public PollutantData(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Code = code;
    }

    /// <summary>The pollutant code as sent (the part before the last <c>-</c>).</summary>
    public string Code { get; }

    /// <summary>The data flag (<c>-Flag</c>, HJ 212-2017 Table 5: N, F, M, S, D, C, T, B or an extension); <c>null</c> when absent.</summary>
    public string? Flag { get; set; }

    /// <summary>The device-defined extended flag (<c>-EFlag</c>).</summary>
    public string? ExtendedFlag { get; set; }

    /// <summary>The sampling time (<c>-SampleTime</c>), as sent.</summary>
    public string? SampleTime { get; set; }

    /// <summary>Fields with other suffixes (<c>-SN</c>, <c>-Info</c>, <c>-RS</c>, …), as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherFields => (IReadOnlyList<KeyValuePair<string, string>>?)_otherFields ?? [];

    /// <summary>The value with the given suffix, or <c>null</c>.</summary>
    public decimal? this[ValueSuffix suffix]
    {
        get
        {
            int at = IndexOf(suffix);
            return at < 0 ? null : _values[at].Value;
        }
    }

    /// <summary>Every value present, in suffix order.</summary>
    public IEnumerable<(ValueSuffix Suffix, decimal Value)> Values =>
        _values.Take(_count).OrderBy(v => v.Suffix);

    internal bool HasValue(ValueSuffix suffix) => IndexOf(suffix) >= 0;

    /// <summary>Sets the value with the given suffix (used while a record is built).</summary>
    public PollutantData SetValue(ValueSuffix suffix, decimal value)
    {
        int at = IndexOf(suffix);
        if (at < 0)
        {
            if (_count == _values.Length)
            {
                Array.Resize(ref _values, _count * 2);
            }

            at = _count++;
        }

        _values[at] = (suffix, value);
        return this;
    }

    private int IndexOf(ValueSuffix suffix)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_values[i].Suffix == suffix)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds a field with a suffix the standard does not list as a value.</summary>
    public void AddOther(string suffix, string value) => (_otherFields ??= []).Add(new(suffix, value));
}
