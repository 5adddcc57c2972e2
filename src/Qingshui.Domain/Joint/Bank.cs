namespace Qingshui.Domain.Joint;

/// <summary>岸别, the bank of a reach, looking downstream.</summary>
public enum Bank
{
    /// <summary>左岸.</summary>
    Left,

    /// <summary>右岸.</summary>
    Right,
}
