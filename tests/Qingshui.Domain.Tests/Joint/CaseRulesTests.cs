using Qingshui.Domain.Joint;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Joint;

public sealed class CaseRulesTests
{
    private static readonly PatrolActor Jiangxi = new("jx-operator", "jiangxi", "jiangxi");
    private static readonly PatrolActor Hunan = new("hn-operator", "hunan", "hunan");
    private static readonly DateTimeOffset At = new(2024, 5, 3, 9, 0, 0, TimeSpan.FromHours(8));

    private static EnforcementCase Opened() =>
        CaseRules.Open(new CaseFields("非法采砂", "金鱼石下游 500 m 右岸", 113.7, 27.6, null, [], null), BasinPresets.Load("pingshui-lushui"), Jiangxi, At).Case! with { Id = 7 };

    [Fact]
    public void Referral_AcceptedByHunan_MovesJurisdiction_AndJiangxiCanNoLongerChangeStatus()
    {
        EnforcementCase referred = CaseRules.Refer(Opened(), Jiangxi, "hunan", "右岸属醴陵", At).Case!;
        EnforcementCase accepted = CaseRules.Answer(referred, Hunan, accept: true, null, At.AddHours(2)).Case!;

        (EnforcementCase? changed, CaseRefusal? refusal) = CaseRules.Act(accepted, Jiangxi, CaseStatus.Investigating, "查看现场", null, At.AddHours(3));

        Assert.Equal(("jiangxi", "hunan", ReferralAnswer.Accepted), (accepted.FoundBy, accepted.Jurisdiction, accepted.Referrals[0].Answer));
        Assert.Equal(["hunan", "jiangxi"], accepted.Parties);
        Assert.Null(changed);
        Assert.Equal(CaseRefusalKind.NotYours, refusal!.Kind);
        Assert.Equal(CaseStatus.Investigating, CaseRules.Act(accepted, Hunan, CaseStatus.Investigating, "查看现场", null, At.AddHours(3)).Case!.Status);
    }

    [Fact]
    public void Answer_ByTheReferringSide_IsNotYours_AndDeclineKeepsJurisdiction()
    {
        EnforcementCase referred = CaseRules.Refer(Opened(), Jiangxi, "hunan", "右岸属醴陵", At).Case!;

        Assert.Equal(CaseRefusalKind.NotYours, CaseRules.Answer(referred, Jiangxi, accept: true, null, At).Refusal!.Kind);
        EnforcementCase declined = CaseRules.Answer(referred, Hunan, accept: false, "位于江西一侧", At).Case!;
        Assert.Equal(("jiangxi", ReferralAnswer.Declined, "位于江西一侧"), (declined.Jurisdiction, declined.Referrals[0].Answer, declined.Referrals[0].Reason));
        Assert.Equal(CaseRefusalKind.NotNow, CaseRules.Answer(declined, Hunan, accept: true, null, At).Refusal!.Kind);
    }

    [Fact]
    public void Refer_WhilePendingOrBySideWithoutJurisdiction_IsRefused()
    {
        EnforcementCase referred = CaseRules.Refer(Opened(), Jiangxi, "hunan", "note", At).Case!;

        Assert.Equal(CaseRefusalKind.NotNow, CaseRules.Refer(referred, Jiangxi, "hunan", "again", At).Refusal!.Kind);
        Assert.Equal(CaseRefusalKind.NotYours, CaseRules.Refer(Opened(), Hunan, "jiangxi", "mine?", At).Refusal!.Kind);
    }

    [Fact]
    public void Act_ClosedCase_ChangesNoMore_AndKeepsTheOutcome()
    {
        EnforcementCase closed = CaseRules.Act(Opened(), Jiangxi, CaseStatus.Closed, "结案", "罚款 5 万元", At).Case!;

        Assert.Equal(("罚款 5 万元", CaseStatus.Closed), (closed.Outcome, closed.Status));
        Assert.Equal(CaseRefusalKind.NotNow, CaseRules.Act(closed, Jiangxi, null, "more", null, At).Refusal!.Kind);
    }
}
