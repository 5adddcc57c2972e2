using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui users add|list|disable</c>: people's accounts in the store, from the command line (for the first admin).
/// The password is read from standard input, or generated and printed once; only its hash is kept, and no command
/// ever prints a hash.
/// </summary>
internal static class UsersCommand
{
    internal sealed record AddSettings(string Database, string Name, string Organisation, string[] Roles, string? DisplayName, bool GeneratePassword);

    internal sealed record DisableSettings(string Database, string Name);

    private static Option<string> DatabaseOption() => new("--db") { Description = AccountStoreFile.Description, Required = true };

    private static Option<string> NameOption() => new("--name") { Description = "Sign-in name: 2–64 of a-z 0-9 . _ -.", Required = true };

    public static Command Create(TextReader? input = null)
    {
        var command = new Command("users", "People's accounts: add, list, disable.") { AddCommand(input), ListCommand(), DisableCommand() };
        return command;
    }

    private static Command AddCommand(TextReader? input)
    {
        Option<string> database = DatabaseOption(), name = NameOption();
        Option<string> organisation = new("--organisation") { Description = "The organisation's id (see 'qingshui orgs list').", Required = true };
        Option<string[]> roles = new("--role") { Description = $"A role ({string.Join(", ", RoleNames.All)}); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false };
        Option<string?> displayName = new("--display-name") { Description = "The name shown to others (default: the sign-in name)." };
        Option<bool> generate = new("--generate-password") { Description = "Generate a password and print it once, instead of reading one line from standard input." };
        var command = new Command("add", $"Add a user; the password ({PasswordRules.MinLength}+ characters) is read from standard input unless --generate-password.")
        {
            database, name, organisation, roles, displayName, generate,
        };
        command.SetAction((parse, ct) => ExecuteAddAsync(
            new AddSettings(parse.GetValue(database)!, parse.GetValue(name)!, parse.GetValue(organisation)!, parse.GetValue(roles) ?? [],
                parse.GetValue(displayName), parse.GetValue(generate)),
            input ?? Console.In, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Command ListCommand()
    {
        Option<string> database = DatabaseOption();
        var command = new Command("list", "Every user: name, organisation, roles, standing (never a password or its hash).") { database };
        command.SetAction((parse, ct) => ExecuteListAsync(parse.GetValue(database)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Command DisableCommand()
    {
        Option<string> database = DatabaseOption(), name = NameOption();
        var command = new Command("disable", "Disable a user: no more sign-ins, and an open session ends at its next request.") { database, name };
        command.SetAction((parse, ct) => ExecuteDisableAsync(new DisableSettings(parse.GetValue(database)!, parse.GetValue(name)!),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    /// <summary>The account the settings describe, or the usage errors (before any store is opened).</summary>
    internal static (UserAccount? Account, List<string> Errors) Validate(AddSettings settings)
    {
        var errors = new List<string>();
        List<Role> roles = RoleWords.Parse(settings.Roles, errors);
        (UserAccount? account, IReadOnlyList<AccessError> invalid) = UserAccount.Create(settings.Name, settings.DisplayName, settings.Organisation, roles);
        errors.AddRange(RoleWords.Refusals(invalid, roleMistyped: roles.Count < settings.Roles.Length));
        return (errors.Count > 0 ? null : account, errors);
    }

    internal static async Task<int> ExecuteAddAsync(AddSettings settings, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (UserAccount? account, List<string> usage) = Validate(settings);
        if (account is null)
        {
            await WriteAllAsync(error, usage);
            return ExitCodes.Usage;
        }

        string password = settings.GeneratePassword ? Passwords.Generate() : (await input.ReadLineAsync(cancellationToken) ?? "").TrimEnd('\r');
        if (PasswordRules.Check(password) is AccessError weak)
        {
            await error.WriteLineAsync($"password (standard input): {weak.Message}");
            return ExitCodes.InvalidInput;
        }

        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            switch (await store.AddUserAsync(account, new Passwords().Hash(account, password), cancellationToken))
            {
                case AccountWrite.Taken:
                    await error.WriteLineAsync($"--name: a user '{account.Name}' exists already");
                    return ExitCodes.InvalidInput;
                case AccountWrite.UnknownOrganisation:
                    await error.WriteLineAsync($"--organisation: no organisation '{account.Organisation}' in the store (add it with 'qingshui orgs add' or 'qingshui orgs seed')");
                    return ExitCodes.InvalidInput;
            }
        }

        await output.WriteLineAsync($"added {account.Name} ({account.Organisation}; {string.Join(", ", account.Roles.Order().Select(RoleNames.Text))})");
        if (settings.GeneratePassword)
        {
            await output.WriteLineAsync($"password: {password}");
            await error.WriteLineAsync("the password is shown this once and cannot be read back: pass it on now");
        }

        return ExitCodes.Ok;
    }

    internal static async Task<int> ExecuteListAsync(string database, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            DateTimeOffset now = TimeProvider.System.GetUtcNow();
            await output.WriteLineAsync("name\tdisplay name\torganisation\troles\tstanding");
            foreach (UserAccount user in await store.UsersAsync(cancellationToken))
            {
                string standing = user.Disabled ? "disabled"
                    : user.IsLockedAt(now) ? string.Create(CultureInfo.InvariantCulture, $"locked until {user.LockedUntil!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss zzz}")
                    : "enabled";
                await output.WriteLineAsync($"{user.Name}\t{user.DisplayName}\t{user.Organisation}\t{string.Join(",", user.Roles.Order().Select(RoleNames.Text))}\t{standing}");
            }
        }

        return ExitCodes.Ok;
    }

    internal static async Task<int> ExecuteDisableAsync(DisableSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (AccessNames.CheckId("name", settings.Name) is AccessError bad)
        {
            await error.WriteLineAsync($"--name: {bad.Message}");
            return ExitCodes.Usage;
        }

        (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return failure;
        }

        await using (store)
        {
            if (await store.UpdateUserAsync(settings.Name, a => a with { Disabled = true }, cancellationToken) is null)
            {
                await error.WriteLineAsync($"--name: no user '{settings.Name}'");
                return ExitCodes.InvalidInput;
            }
        }

        await output.WriteLineAsync($"disabled {settings.Name}");
        return ExitCodes.Ok;
    }

    private static async Task WriteAllAsync(TextWriter writer, IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            await writer.WriteLineAsync(line);
        }
    }
}
