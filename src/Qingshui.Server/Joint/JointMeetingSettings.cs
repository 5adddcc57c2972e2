namespace Qingshui.Server.Joint;

/// <summary>Limits and the yearly rule for joint meetings, decisions and attachments.</summary>
internal sealed record JointMeetingSettings
{
    /// <summary>The largest attachment accepted, in bytes (20 MB: a scanned set of minutes or a few photos).</summary>
    public long MaxAttachmentBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>How many joint meetings a year are required (the 2023 joint regulation: at least one).</summary>
    public int MinimumMeetingsPerYear { get; init; } = 1;

    /// <summary>The day of the year (month, day) by which that many should be scheduled; from then on a reminder goes out once.</summary>
    public (int Month, int Day) RemindBy { get; init; } = (6, 30);

    /// <summary>How often the reminder job looks.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; init; } = 256;
}
