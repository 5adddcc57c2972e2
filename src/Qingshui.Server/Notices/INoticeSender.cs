using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>Makes one attempt to hand a notice to one receiver and says how it went (never throws for the receiver's failures).</summary>
internal interface INoticeSender
{
    /// <summary>One attempt. Cancelled only when the host stops (then nothing is recorded).</summary>
    Task<DeliveryAttempt> SendAsync(NoticeRecord notice, CancellationToken cancellationToken);
}
