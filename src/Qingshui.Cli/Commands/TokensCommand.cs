using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui tokens issue|list|revoke</c>: bearer API tokens for machines and integrations. A token's text is
/// printed once, at issue; the store keeps only the hash of its secret, and no command prints either again.
/// </summary>
internal static class TokensCommand
{
    internal sealed record IssueSettings(string Database, string Organisation, string[] Roles, string Name, int ExpiresDays);

    private static Option<string> DatabaseOption() => new("--db") { Description = AccountStoreFile.Description, Required = true };

    public static Command Create() => new("tokens", "Bearer API tokens for machines: issue, list, revoke.") { IssueCommand(), ListCommand(), RevokeCommand() };

    private static Command IssueCommand()
    {
        Option<string> database = DatabaseOption();
        Option<string> organisation = new("--organisation") { Description = "The organisation the token acts for (see 'qingshui orgs list').", Required = true };
        Option<string[]> roles = new("--role") { Description = $"A role ({string.Join(", ", RoleNames.All)}); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false };
        Option<string> name = new("--name") { Description = "What the token is for (shown in 'tokens list' and as the session's display name).", Required = true };
        Option<int> expires = new("--expires-days") { Description = "Days until the token is refused.", DefaultValueFactory = _ => 90 };
        var command = new Command("issue", "Issue a token and print it once.") { database, organisation, roles, name, expires };
        command.SetAction((parse, ct) => ExecuteIssueAsync(
            new IssueSettings(parse.GetValue(database)!, parse.GetValue(organisation)!, parse.GetValue(roles) ?? [], parse.GetValue(name)!, parse.GetValue(expires)),
            TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Command ListCommand()
    {
        Option<string> database = DatabaseOption();
        var command = new Command("list", "Every token: id, organisation, roles, name, dates, standing (never the token or its hash).") { database };
        command.SetAction((parse, ct) => ExecuteListAsync(parse.GetValue(database)!, TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Command RevokeCommand()
    {
        Option<string> database = DatabaseOption();
        Option<string> id = new("--id") { Description = "The token's id (from 'tokens list').", Required = true };
        var command = new Command("revoke", "Revoke a token: refused from its next request on.") { database, id };
        command.SetAction((parse, ct) => ExecuteRevokeAsync(parse.GetValue(database)!, parse.GetValue(id)!, TimeProvider.System,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static async Task<int> ExecuteIssueAsync(IssueSettings settings, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var usage = new List<string>();
        List<Role> roles = RoleWords.Parse(settings.Roles, usage);
        (string id, string secret, string text) = TokenSecrets.Issue();
        (ApiToken? token, IReadOnlyList<AccessError> invalid) = ApiToken.Create(id, settings.Organisation, roles, settings.Name, clock.GetUtcNow(), TimeSpan.FromDays(settings.ExpiresDays));
        usage.AddRange(RoleWords.Refusals(invalid, roleMistyped: roles.Count < settings.Roles.Length));
        if (token is null || usage.Count > 0)
        {
            foreach (string line in usage)
            {
                await error.WriteLineAsync(line);
            }

            return ExitCodes.Usage;
        }

        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            switch (await store.AddTokenAsync(token, TokenSecrets.Hash(secret), cancellationToken))
            {
                case AccountWrite.UnknownOrganisation:
                    await error.WriteLineAsync($"--organisation: no organisation '{token.Organisation}' in the store (add it with 'qingshui orgs add' or 'qingshui orgs seed')");
                    return ExitCodes.InvalidInput;
                case AccountWrite.Taken:
                    await error.WriteLineAsync("a token with the same id exists already; issue again");
                    return ExitCodes.RuntimeFailure;
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"issued {token.Id} ({token.Organisation}; {string.Join(", ", token.Roles.Order().Select(RoleNames.Text))}; expires {Local(token.Expires)})"));
        await output.WriteLineAsync($"token: {text}");
        await error.WriteLineAsync("the token is shown this once and cannot be read back: send it as 'Authorization: Bearer <token>'");
        return ExitCodes.Ok;
    }

    internal static async Task<int> ExecuteListAsync(string database, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            DateTimeOffset now = clock.GetUtcNow();
            await output.WriteLineAsync("id\torganisation\troles\tname\tcreated\texpires\tstanding");
            foreach (ApiToken token in await store.TokensAsync(cancellationToken))
            {
                string standing = token.StandingAt(now) switch
                {
                    TokenStanding.Revoked => $"revoked {Local(token.Revoked!.Value)}",
                    TokenStanding.Expired => "expired",
                    _ => "valid",
                };
                await output.WriteLineAsync($"{token.Id}\t{token.Organisation}\t{string.Join(",", token.Roles.Order().Select(RoleNames.Text))}\t{token.Name}\t"
                    + $"{Local(token.Created)}\t{Local(token.Expires)}\t{standing}");
            }
        }

        return ExitCodes.Ok;
    }

    internal static async Task<int> ExecuteRevokeAsync(string database, string id, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (AccessNames.CheckId("id", id) is AccessError bad)
        {
            await error.WriteLineAsync($"--id: {bad.Message}");
            return ExitCodes.Usage;
        }

        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            if (await store.RevokeTokenAsync(id, clock.GetUtcNow(), cancellationToken) is not ApiToken revoked)
            {
                await error.WriteLineAsync($"--id: no token '{id}'");
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync($"revoked {revoked.Id} ({revoked.Name}) at {Local(revoked.Revoked!.Value)}");
        }

        return ExitCodes.Ok;
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
