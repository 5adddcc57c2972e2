namespace Qingshui.Domain.Joint;

/// <summary>Where an enforcement case stands, as set by the side with jurisdiction.</summary>
public enum CaseStatus
{
    /// <summary>立案, opened and not yet worked on.</summary>
    Open,

    /// <summary>调查处理中, being investigated or dealt with.</summary>
    Investigating,

    /// <summary>结案, closed with an outcome; final.</summary>
    Closed,
}

/// <summary>The receiving side's answer to a referral.</summary>
public enum ReferralAnswer
{
    /// <summary>Not answered yet.</summary>
    Pending,

    /// <summary>Accepted: jurisdiction moved to the receiving side.</summary>
    Accepted,

    /// <summary>Declined with a reason: jurisdiction stayed.</summary>
    Declined,
}
