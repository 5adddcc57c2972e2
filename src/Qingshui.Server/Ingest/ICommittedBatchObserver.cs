using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Told of each batch the ingest queue has made durable, before its packets are acknowledged. Registered in DI; the queue
/// knows its observers only through this interface (the response cache, the live state; alerts and review later).
/// </summary>
/// <remarks>Called on the writer's task: an observer does little (invalidate, post to its own queue) and does not throw.</remarks>
internal interface ICommittedBatchObserver
{
    void Committed(IReadOnlyList<IngestRecord> records);
}

/// <summary>An observer made from a method of a service that does not know the interface.</summary>
internal sealed class CommittedBatchObserver(Action<IReadOnlyList<IngestRecord>> committed) : ICommittedBatchObserver
{
    public void Committed(IReadOnlyList<IngestRecord> records) => committed(records);
}
