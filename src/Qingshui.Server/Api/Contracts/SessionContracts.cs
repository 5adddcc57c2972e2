namespace Qingshui.Server.Api.Contracts;

/// <summary>The body of <c>POST /api/v1/session</c>.</summary>
internal sealed record SignInRequest(string? Name, string? Password);

/// <summary>Who is signed in; <c>Jurisdiction</c> is the one the organisation acts for (null for a joint office or an observer).</summary>
internal sealed record SessionDto(string Name, string DisplayName, string Organisation, string? Jurisdiction, string[] Roles);

/// <summary>The token a write with the session cookie carries, and the header it goes in.</summary>
internal sealed record AntiforgeryDto(string HeaderName, string Token);

/// <summary>The answer to a sign-in: who, and the antiforgery token for the session's writes.</summary>
internal sealed record SignedInDto(SessionDto Session, AntiforgeryDto Antiforgery);
