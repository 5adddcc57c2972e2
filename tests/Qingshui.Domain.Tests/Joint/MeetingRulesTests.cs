using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class MeetingRulesTests
{
    private static readonly HashSet<string> Organisations = ["jiangxi", "hunan", "joint-office"];

    [Theory]
    [InlineData(null, "jiangxi")]
    [InlineData("jiangxi", "hunan")]
    [InlineData("hunan", "jiangxi")]
    [InlineData("joint-office", "jiangxi")]
    public void ConvenorRotation_Next_IsTheJurisdictionAfterTheLastConvenor(string? last, string next)
    {
        Assert.Equal(next, ConvenorRotation.Next(["jiangxi", "hunan"], last));
    }

    [Theory]
    [InlineData("2025-06-29", 0, false, false)]
    [InlineData("2025-06-30", 0, false, true)]
    [InlineData("2025-12-31", 0, true, false)]
    [InlineData("2025-07-01", 1, false, false)]
    public void MeetingCalendar_ReminderDue_FromTheRemindByDate_WhileFewerThanTheMinimum_Once(string today, int scheduled, bool reminded, bool due)
    {
        Assert.Equal(due, MeetingCalendar.ReminderDue(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), (6, 30), 1, scheduled, reminded));
    }

    [Fact]
    public void MeetingCalendar_RemindByTheTwentyNinthOfFebruary_FallsOnTheLastDayInAShortYear()
    {
        Assert.True(MeetingCalendar.ReminderDue(new DateOnly(2025, 2, 28), (2, 29), 1, 0, false));
    }

    [Fact]
    public void Decision_OpenPastItsDeadline_IsOverdue_DoneIsNot()
    {
        var decision = new MeetingDecision(1, 1, "排查", "hunan", "", new DateOnly(2025, 4, 30), DecisionState.Open, "", "a", DateTimeOffset.UnixEpoch);

        Assert.Equal((false, true, false), (decision.IsOverdue(new DateOnly(2025, 4, 30)), decision.IsOverdue(new DateOnly(2025, 5, 1)),
            (decision with { State = DecisionState.Done }).IsOverdue(new DateOnly(2025, 5, 1))));
    }

    [Fact]
    public void ChangeRefusal_OfADecisionNotOpen_OrWithoutANote_SaysWhich()
    {
        var open = new MeetingDecision(1, 1, "排查", "hunan", "", new DateOnly(2025, 4, 30), DecisionState.Open, "", "a", DateTimeOffset.UnixEpoch);

        Assert.Null(MeetingRules.ChangeRefusal(open, DecisionState.Done, "完成"));
        Assert.Equal("note", MeetingRules.ChangeRefusal(open, DecisionState.Dropped, " ")?.Field);
        Assert.Equal("the decision is already done; only an open decision changes",
            MeetingRules.ChangeRefusal(open with { State = DecisionState.Done }, DecisionState.Dropped, "x")?.Message);
    }

    [Fact]
    public void CheckMeeting_NamesEveryBadField()
    {
        IReadOnlyList<JointError> errors = MeetingRules.CheckMeeting(null, "萍乡\n", "guangdong", new string('x', 201),
            [("hunan", "王芳", "河长"), ("mars", "", null)], ["ok", ""], "纪要\n第二行", ["ABC"], Organisations);

        Assert.Equal(["date", "place", "title", "convenor", "attendees[1].organisation", "attendees[1].name", "agenda[1]", "attachments[0]"],
            errors.Select(e => e.Field));
    }
}
