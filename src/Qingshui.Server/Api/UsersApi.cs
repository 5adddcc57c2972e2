using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/users</c>: people's accounts, managed by an <c>admin</c> with the same domain checks as <c>qingshui users</c>.
/// The joint office's admins manage every organisation's users, any other admin its own organisation's (see
/// <see cref="Administration"/>). Every write needs the antiforgery header and is audited with the account before and
/// after; no answer and no audit entry holds a password or its hash, and a generated password is answered once.
/// </summary>
internal static class UsersApi
{
    public const string AddAction = "users.add";
    public const string RolesAction = "users.roles";
    public const string DisableAction = "users.disable";
    public const string EnableAction = "users.enable";
    public const string UnlockAction = "users.unlock";
    public const string PasswordAction = "users.password";

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Of(Role.Admin));
        group.MapGet("/", List).WithCsv().WithName("ListUsers")
            .WithSummary("The users an admin manages (its organisation's; the joint office's admins: all): name, organisation, roles, standing.");
        group.MapGet("/{name}", One).WithName("GetUser").WithSummary("One user the admin manages: name, organisation, roles, standing; 404 for anyone else.");
        group.MapPost("/", Add).RequireAntiforgery().WithMetadata(new AuditedAs(AddAction)).WithName("AddUser")
            .WithSummary($"Add a user {{name, displayName?, organisation?, roles, password?}}; without a password one is generated and answered once. "
                + $"Passwords: {PasswordRules.MinLength}–{PasswordRules.MaxLength} characters.");
        group.MapPut("/{name}/roles", SetRoles).RequireAntiforgery().WithMetadata(new AuditedAs(RolesAction)).WithName("SetUserRoles")
            .WithSummary("Replace a user's roles {roles}. The last enabled admin of an organisation cannot give up its own admin role (409).");
        group.MapPost("/{name}/disable", Disable).RequireAntiforgery().WithMetadata(new AuditedAs(DisableAction)).WithName("DisableUser")
            .WithSummary("Disable a user: no more sign-ins, and an open session ends at its next request. The last enabled admin cannot disable itself (409).");
        group.MapPost("/{name}/enable", Enable).RequireAntiforgery().WithMetadata(new AuditedAs(EnableAction)).WithName("EnableUser")
            .WithSummary("Enable a disabled user.");
        group.MapPost("/{name}/unlock", Unlock).RequireAntiforgery().WithMetadata(new AuditedAs(UnlockAction)).WithName("UnlockUser")
            .WithSummary("Lift a lock left by repeated failed sign-ins.");
        group.MapPost("/{name}/password", ResetPassword).RequireAntiforgery().WithMetadata(new AuditedAs(PasswordAction)).WithName("ResetUserPassword")
            .WithSummary("Set a user's password {password?}; without one, one is generated and answered once. Also lifts a sign-in lock.");
        return group;
    }

    internal static readonly PageList Listed = new("users", 1000, 1000);

    private static async Task<Results<Ok<UserDto[]>, ProblemHttpResult, ValidationProblem>> List([AsParameters] AdminDesk desk, [AsParameters] Pager pager)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        (Organisation? admin, ProblemHttpResult? refusal) = await desk.ManagingAsync("users");
        if (admin is null)
        {
            return refusal!;
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        return TypedResults.Ok(pager.Slice(page, Listed, "", (await desk.Accounts.UsersAsync(desk.Aborted)).Where(u => Administration.Manages(admin, u.Organisation)),
            u => u.Name).Select(u => AdminDesk.Dto(u, now)).ToArray());
    }

    // Someone outside the admin's scope is answered as unknown: the answer does not tell whether the name exists.
    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> One(string name, [AsParameters] AdminDesk desk)
    {
        (Organisation? admin, ProblemHttpResult? refusal) = await desk.ManagingAsync("users");
        if (admin is null)
        {
            return refusal!;
        }

        return (await desk.Accounts.UsersAsync(desk.Aborted)).FirstOrDefault(u => u.Name == name && Administration.Manages(admin, u.Organisation)) is UserAccount user
            ? TypedResults.Ok(AdminDesk.Dto(user, desk.Clock.GetUtcNow()))
            : BasinsApi.NotFoundProblem("user", name);
    }

    private static async Task<Results<Created<UserWrittenDto>, ValidationProblem, ProblemHttpResult>> Add(NewUserRequest request, [AsParameters] AdminDesk desk)
    {
        Organisation? admin = await desk.AdminOrganisationAsync();
        string? organisation = request.Organisation ?? admin?.Id;
        var errors = new Dictionary<string, string[]>();
        List<Role> roles = AdminDesk.ParseRoles(request.Roles, errors);
        (UserAccount? account, IReadOnlyList<AccessError> invalid) = UserAccount.Create(request.Name, request.DisplayName, organisation, roles);
        AdminDesk.AddErrors(errors, invalid.Where(e => e.Field != "role" || !errors.ContainsKey("roles")));
        if (request.Password is not null && PasswordRules.Check(request.Password) is AccessError weak)
        {
            AdminDesk.AddErrors(errors, [weak]);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        if (admin is null || !Administration.Manages(admin, account!.Organisation))
        {
            return await desk.OutOfScopeAsync(AddAction, account!.Name, admin, account.Organisation, AdminDesk.Dto(account, now));
        }

        if (Administration.ProxyRefusal(admin, account.Organisation, account.Roles) is string proxy)
        {
            return await desk.RefuseAsync(AddAction, account.Name, StatusCodes.Status403Forbidden, "Not allowed", proxy, AdminDesk.Dto(account, now));
        }

        string password = request.Password ?? Passwords.Generate();
        switch (await desk.Accounts.AddUserAsync(account, desk.Passwords.Hash(account, password), desk.Aborted))
        {
            case AccountWrite.Taken:
                return await desk.RefuseAsync(AddAction, account.Name, StatusCodes.Status409Conflict, "Name taken", $"A user '{account.Name}' exists already.");
            case AccountWrite.UnknownOrganisation:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisation"] = [$"no organisation '{account.Organisation}' in the store"] });
        }

        UserDto dto = AdminDesk.Dto(account, now);
        await desk.DoneAsync(AddAction, account.Name, null, dto);
        return TypedResults.Created("/api/v1/users", new UserWrittenDto(dto, request.Password is null ? password : null));
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> SetRoles(string name, RolesRequest request, [AsParameters] AdminDesk desk)
    {
        var errors = new Dictionary<string, string[]>();
        List<Role> roles = AdminDesk.ParseRoles(request.Roles, errors);
        if (!errors.ContainsKey("roles") && Administration.CheckRoles(roles) is AccessError none)
        {
            AdminDesk.AddErrors(errors, [none]);
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors)
            : await ChangeAsync(desk, name, RolesAction, user => user with { Roles = roles.ToHashSet() });
    }

    private static Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> Disable(string name, [AsParameters] AdminDesk desk) =>
        ChangeAsync(desk, name, DisableAction, user => user with { Disabled = true });

    private static Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> Enable(string name, [AsParameters] AdminDesk desk) =>
        ChangeAsync(desk, name, EnableAction, user => user with { Disabled = false });

    private static Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> Unlock(string name, [AsParameters] AdminDesk desk) =>
        ChangeAsync(desk, name, UnlockAction, user => user.AfterSuccessfulSignIn());

    private static async Task<Results<Ok<UserWrittenDto>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string name, PasswordResetRequest? request, [AsParameters] AdminDesk desk)
    {
        if (request?.Password is not null && PasswordRules.Check(request.Password) is AccessError weak)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [weak.Field] = [weak.Message] });
        }

        Organisation? admin = await desk.AdminOrganisationAsync();
        if (await desk.Accounts.FindUserAsync(name, desk.Aborted) is not StoredUser stored)
        {
            return NoSuchUser(name);
        }

        if (admin is null || !Administration.Manages(admin, stored.Account.Organisation))
        {
            return await desk.OutOfScopeAsync(PasswordAction, name, admin, stored.Account.Organisation);
        }

        // Whoever sets a password can sign in as the account with all its roles, at once or once it is enabled again
        if (Administration.ProxyRefusal(admin, stored.Account.Organisation, stored.Account.Roles) is string proxy)
        {
            return await desk.RefuseAsync(PasswordAction, name, StatusCodes.Status403Forbidden, "Not allowed", proxy);
        }

        string password = request?.Password ?? Passwords.Generate();
        await desk.Accounts.SetPasswordHashAsync(name, desk.Passwords.Hash(stored.Account, password), desk.Aborted);
        UserAccount after = await desk.Accounts.UpdateUserAsync(name, a => a.AfterSuccessfulSignIn(), desk.Aborted) ?? stored.Account;
        // The new hash ends every session signed in with the old password (SessionClaims.Stamp), from the next request.
        desk.Changes.Changed(name);
        DateTimeOffset now = desk.Clock.GetUtcNow();
        UserDto dto = AdminDesk.Dto(after, now);
        await desk.DoneAsync(PasswordAction, name, AdminDesk.Dto(stored.Account, now), dto);
        return TypedResults.Ok(new UserWrittenDto(dto, request?.Password is null ? password : null));
    }

    // One path for every change of an account's standing: scope and the last-admin rule are checked inside the store's
    // transaction, against the organisation's users as they are then.
    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        AdminDesk desk, string name, string action, Func<UserAccount, UserAccount> change)
    {
        Organisation? admin = await desk.AdminOrganisationAsync();
        string actor = SessionClaims.Name(desk.User);
        bool outOfScope = false;
        string? proxy = null;
        UserChange? result = await desk.Accounts.ChangeUserAsync(name, (user, colleagues) =>
        {
            if (admin is null || !Administration.Manages(admin, user.Organisation))
            {
                outOfScope = true;
                return (null, "out of scope");
            }

            UserAccount after = change(user);
            proxy = Administration.ProxyRefusal(admin, user.Organisation, Administration.Granted(user, after));
            return proxy is not null ? (null, proxy)
                : Administration.LastAdminRefusal(actor, user, after, colleagues) is string refusal ? (null, refusal) : (after, null);
        }, desk.Aborted);

        if (result is null)
        {
            return NoSuchUser(name);
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        if (outOfScope)
        {
            return await desk.OutOfScopeAsync(action, name, admin, result.Before.Organisation);
        }

        if (proxy is not null)
        {
            return await desk.RefuseAsync(action, name, StatusCodes.Status403Forbidden, "Not allowed", proxy);
        }

        if (result.After is not UserAccount written)
        {
            return await desk.RefuseAsync(action, name, StatusCodes.Status409Conflict, "The last admin stays", result.Refusal!);
        }

        desk.Changes.Changed(name);
        UserDto dto = AdminDesk.Dto(written, now);
        await desk.DoneAsync(action, name, AdminDesk.Dto(result.Before, now), dto);
        return TypedResults.Ok(dto);
    }

    private static ProblemHttpResult NoSuchUser(string name) =>
        TypedResults.Problem($"There is no user '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "No such user");
}
