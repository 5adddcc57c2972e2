using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Qingshui.Server.Accounts;

namespace Qingshui.Benchmarks;

/// <summary>
/// The step of a bearer request that checks the presented text against the kept token: as every request did it before
/// (the text copied into its id and secret, the secret encoded and hashed with SHA-256, the hash compared), as a request
/// does it now the first time within the recheck interval (parsed in place, hashed on the stack), and as every further
/// request does it (the secret compared in fixed time with the one that matched).
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/Qingshui.Benchmarks -- --filter '*TokenCheck*'</c>.</remarks>
[MemoryDiagnoser]
public class TokenCheckBenchmarks
{
    private string _header = "";
    private string _matched = "";
    private byte[] _hash = [];

    [GlobalSetup]
    public void Setup()
    {
        (_, string secret, string text) = TokenSecrets.Issue();
        _header = "Bearer " + text;
        _hash = TokenSecrets.Hash(secret);
        _matched = new string(secret.AsSpan());
    }

    [Benchmark(Baseline = true)]
    public bool CopiedAndHashed() =>
        TokenSecrets.Parse(_header["Bearer ".Length..].Trim()) is (_, string secret)
        && CryptographicOperations.FixedTimeEquals(TokenSecrets.Hash(secret), _hash);

    [Benchmark]
    public bool ParsedInPlaceAndHashedOnTheStack() =>
        TokenSecrets.TryParse(_header.AsSpan("Bearer ".Length).Trim(), out _, out ReadOnlySpan<char> secret) && TokenSecrets.Matches(secret, _hash);

    [Benchmark]
    public bool ComparedWithTheMatchedSecret() =>
        TokenSecrets.TryParse(_header.AsSpan("Bearer ".Length).Trim(), out _, out ReadOnlySpan<char> secret) && TokenSecrets.Same(secret, _matched);
}
