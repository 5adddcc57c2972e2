namespace Qingshui.Domain.Joint;

/// <summary>
/// The yearly rule for joint meetings: at least <c>minimum</c> a year (the 2023 joint regulation asks for one). When the
/// year's remind-by date has come and fewer are scheduled, the jurisdictions are reminded once for that year.
/// </summary>
public static class MeetingCalendar
{
    /// <summary>Whether a reminder is due on <paramref name="today"/>.</summary>
    /// <param name="today">The basin's local date.</param>
    /// <param name="remindBy">The day of the year (month and day) by which the year's meetings should be scheduled.</param>
    /// <param name="minimum">How many joint meetings a year are required.</param>
    /// <param name="scheduled">How many meetings are recorded for <paramref name="today"/>'s year (held or planned).</param>
    /// <param name="alreadyReminded">Whether this year's reminder was already sent.</param>
    public static bool ReminderDue(DateOnly today, (int Month, int Day) remindBy, int minimum, int scheduled, bool alreadyReminded)
    {
        int day = Math.Min(remindBy.Day, DateTime.DaysInMonth(today.Year, remindBy.Month));
        return !alreadyReminded && scheduled < minimum && today >= new DateOnly(today.Year, remindBy.Month, day);
    }
}
