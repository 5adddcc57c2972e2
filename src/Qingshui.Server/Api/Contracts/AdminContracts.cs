namespace Qingshui.Server.Api.Contracts;

/// <summary>A user as an admin sees it: never a password or its hash.</summary>
/// <param name="LockedUntil">Until when sign-in is refused after repeated failures; <c>null</c> when not locked now.</param>
internal sealed record UserDto(string Name, string DisplayName, string Organisation, string[] Roles, bool Disabled, DateTimeOffset? LockedUntil);

/// <summary>
/// The body of <c>POST /api/v1/users</c>. Organisation defaults to the admin's own. Without a password, one is
/// generated and answered once.
/// </summary>
internal sealed record NewUserRequest(string? Name, string? DisplayName, string? Organisation, string[]? Roles, string? Password);

/// <summary>The body of <c>PUT /api/v1/users/{name}/roles</c>: the roles the user holds afterwards.</summary>
internal sealed record RolesRequest(string[]? Roles);

/// <summary>The body of <c>POST /api/v1/users/{name}/password</c>: the new password, or none to have one generated and answered once.</summary>
internal sealed record PasswordResetRequest(string? Password);

/// <summary>A user after a write; <see cref="GeneratedPassword"/> only when the server made one (shown this once).</summary>
internal sealed record UserWrittenDto(UserDto User, string? GeneratedPassword);

/// <summary>A token as an admin sees it: never its text or hash. Standing is <c>valid</c>, <c>expired</c> or <c>revoked</c>.</summary>
internal sealed record TokenDto(
    string Id, string Organisation, string[] Roles, string Name, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Revoked, string Standing);

/// <summary>The body of <c>POST /api/v1/tokens</c>. Organisation defaults to the admin's own; expiry is required.</summary>
internal sealed record NewTokenRequest(string? Name, string? Organisation, string[]? Roles, int? ExpiresDays);

/// <summary>A token just issued, and its text: shown this once, never stored and never listed.</summary>
internal sealed record TokenIssuedDto(TokenDto Token, string Secret);
