using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices.Receivers;

/// <summary>
/// Somewhere notices are delivered, as configured: a name (what the API shows), and which notices it takes. Classes,
/// not records: a record's generated <c>ToString</c> would print the secret into any log that formats one.
/// </summary>
internal abstract class NoticeReceiver
{
    protected NoticeReceiver(string name, IReadOnlyList<string>? organisations, IReadOnlyList<string>? kinds)
    {
        Name = name;
        Organisations = organisations;
        Kinds = kinds;
    }

    /// <summary>Its name, unique in the file; deliveries are stored under it.</summary>
    public string Name { get; }

    /// <summary>Only notices for these organisations (a notice for every member always); <c>null</c>: all.</summary>
    public IReadOnlyList<string>? Organisations { get; }

    /// <summary>Only these kinds (<c>alert.raised</c>, or a family <c>incident.*</c>); <c>null</c>: all.</summary>
    public IReadOnlyList<string>? Kinds { get; }

    /// <summary>Whether the notice is owed to this receiver.</summary>
    public virtual bool Takes(NoticeRecord notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        bool kind = Kinds is null || Kinds.Any(k => k.EndsWith(".*", StringComparison.Ordinal)
            ? notice.Kind.StartsWith(k[..^1], StringComparison.Ordinal)
            : string.Equals(k, notice.Kind, StringComparison.Ordinal));
        bool organisation = Organisations is null || notice.Organisations.Count == 0 || notice.Organisations.Intersect(Organisations, StringComparer.Ordinal).Any();
        return kind && organisation;
    }

    /// <summary>The name only: never the address or the secret.</summary>
    public override string ToString() => Name;
}
