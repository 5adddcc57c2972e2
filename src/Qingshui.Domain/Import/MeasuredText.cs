using System.Globalization;

namespace Qingshui.Domain.Import;

/// <summary>What a measured-value cell says.</summary>
public enum MeasuredTextKind
{
    /// <summary>A number.</summary>
    Value,

    /// <summary>Below the detection limit, written with the limit (<c>0.02L</c>): the value is the limit.</summary>
    BelowLimit,

    /// <summary>Not detected without a limit (<c>ND</c>, <c>N.D.</c>, <c>未检出</c>): the limit must come from elsewhere.</summary>
    NotDetected,

    /// <summary>Empty, <c>-</c> or <c>--</c>: no value.</summary>
    NoValue,

    /// <summary><c>*</c>: not measured (the national release's mark).</summary>
    NotMeasured,

    /// <summary>None of these.</summary>
    Invalid,
}

/// <summary>
/// The one reading of a value cell as laboratories and the national release write it: a number, a detection limit with
/// <c>L</c> (<c>0.025L</c>), <c>ND</c>, or the marks for no value and not measured. Invariant culture, no thousands separators.
/// </summary>
/// <param name="Kind">What the cell says.</param>
/// <param name="Value">The number, or the detection limit for <see cref="MeasuredTextKind.BelowLimit"/>; 0 otherwise.</param>
public readonly record struct MeasuredText(MeasuredTextKind Kind, decimal Value)
{
    /// <summary>Reads a cell (surrounding spaces ignored).</summary>
    public static MeasuredText Parse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        string text = field.Trim();
        switch (text)
        {
            case "" or "-" or "--":
                return new(MeasuredTextKind.NoValue, 0);
            case "*":
                return new(MeasuredTextKind.NotMeasured, 0);
            case "ND" or "nd" or "N.D." or "未检出":
                return new(MeasuredTextKind.NotDetected, 0);
        }

        bool below = text.Length > 1 && text[^1] is 'L' or 'l';
        return decimal.TryParse(below ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            ? new(below ? MeasuredTextKind.BelowLimit : MeasuredTextKind.Value, value)
            : new(MeasuredTextKind.Invalid, 0);
    }
}
