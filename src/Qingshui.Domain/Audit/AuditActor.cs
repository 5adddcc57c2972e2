namespace Qingshui.Domain.Audit;

/// <summary>Who acts: a person or machine, the organisation it acts for, and where the request came from.</summary>
/// <param name="Name">The user name, or <see cref="EngineName"/> for the platform's own computations.</param>
/// <param name="Organisation">The organisation acted for; empty where none is known (the command line has no accounts).</param>
/// <param name="RemoteAddress">The client's address for requests over the network; <c>null</c> for the command line and the engine.</param>
public sealed record AuditActor(string Name, string Organisation, string? RemoteAddress)
{
    /// <summary>The name recorded for the platform's own computations (the ledger job).</summary>
    public const string EngineName = "engine";

    /// <summary>The platform itself, recomputing accounts from stored readings.</summary>
    public static AuditActor Engine { get; } = new(EngineName, "", null);

    /// <summary>A person at the command line, named by the command's <c>--by</c>.</summary>
    public static AuditActor CommandLine(string name) => new(name, "", null);
}
