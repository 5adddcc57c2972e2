namespace Qingshui.Server.Notices;

/// <summary>Where notices are posted; the outbox delivers them to the dashboards and to every configured receiver.</summary>
internal interface INoticeOutbox
{
    /// <summary>Takes a notice for delivery. Returns once it is accepted, never waiting on a receiver.</summary>
    ValueTask PostAsync(Notice notice, CancellationToken cancellationToken);
}
