namespace Qingshui.Hj212;

/// <summary>The data area of a message (<c>CP=&amp;&amp;…&amp;&amp;</c>, HJ 212-2017 §6.3.3).</summary>
/// <remarks>
/// Pollutant fields (<c>code-Suffix=value</c>) are grouped by code in the order they first appear. Every other
/// field (<c>QnRtn</c>, <c>BeginTime</c>, <c>RtdInterval</c>, …) is kept in <see cref="Fields"/> as sent.
/// </remarks>
public sealed class DataArea
{
    internal DataArea(string? dataTimeText, DateTimeOffset? dataTime, IReadOnlyList<PollutantData> pollutants, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        DataTimeText = dataTimeText;
        DataTime = dataTime;
        Pollutants = pollutants;
        Fields = fields;
    }

    /// <summary>Builds a data area; <paramref name="dataTime"/> is written in its own offset.</summary>
    public static DataArea Create(DateTimeOffset? dataTime, IReadOnlyList<PollutantData> pollutants, IReadOnlyList<KeyValuePair<string, string>>? fields = null) =>
        new(dataTime is DateTimeOffset time ? Hj212Time.Format(time) : null, dataTime, pollutants, fields ?? []);

    /// <summary>Builds a data area of plain fields (<c>QnRtn</c>, <c>SystemTime</c>, …).</summary>
    public static DataArea OfFields(params KeyValuePair<string, string>[] fields) => new(null, null, [], fields);

    /// <summary>An empty data area (<c>CP=&amp;&amp;&amp;&amp;</c>).</summary>
    public static DataArea Empty { get; } = new(null, null, [], []);

    /// <summary><c>DataTime</c> as sent, or <c>null</c>.</summary>
    public string? DataTimeText { get; }

    /// <summary>
    /// <c>DataTime</c> with the station's UTC offset: the start of the period for minute, hour and day data, the
    /// sampling instant for real-time data (HJ 212-2017 §6.3.3). <c>null</c> when absent or not a valid time.
    /// </summary>
    public DateTimeOffset? DataTime { get; }

    /// <summary>The pollutants, in order of first appearance.</summary>
    public IReadOnlyList<PollutantData> Pollutants { get; }

    /// <summary>The non-pollutant fields other than <c>DataTime</c>, as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The value of a non-pollutant field, or <c>null</c>.</summary>
    public string? Field(string name)
    {
        foreach (KeyValuePair<string, string> field in Fields)
        {
            if (string.Equals(field.Key, name, StringComparison.Ordinal))
            {
                return field.Value;
            }
        }

        return null;
    }
}
