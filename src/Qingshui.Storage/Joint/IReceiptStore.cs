namespace Qingshui.Storage.Joint;

/// <summary>Receipts of shared records: delivered to which organisations when, opened first when and by whom. First times are kept.</summary>
public interface IReceiptStore
{
    /// <summary>Records that a record was delivered to each of <paramref name="organisations"/> at <paramref name="at"/> (an earlier delivery stays).</summary>
    Task DeliverAsync(string kind, string id, IReadOnlyList<string> organisations, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="user"/> of <paramref name="organisation"/> opened it; true when this was the organisation's first opening.</summary>
    Task<bool> OpenedAsync(string kind, string id, string organisation, string user, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The receipts of one record, by organisation.</summary>
    Task<IReadOnlyList<Receipt>> ReceiptsAsync(string kind, string id, CancellationToken cancellationToken);
}
