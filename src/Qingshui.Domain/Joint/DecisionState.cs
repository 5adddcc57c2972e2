namespace Qingshui.Domain.Joint;

/// <summary>Where a meeting's decision stands: open until its owner reports it done or dropped (with a follow-up note).</summary>
public enum DecisionState
{
    /// <summary>To be carried out (未办结).</summary>
    Open,

    /// <summary>Carried out (已办结).</summary>
    Done,

    /// <summary>Given up, with the reason in the follow-up note (已撤销).</summary>
    Dropped,
}
