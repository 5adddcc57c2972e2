using System.CommandLine;
using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui orgs seed|add|list</c>: the organisations users belong to. <c>seed</c> creates one per jurisdiction of
/// the basin and its joint office; <c>add</c> creates any other (a city or county, an observer). A jurisdiction
/// organisation always names a jurisdiction of the basin, checked against the basin file.
/// </summary>
internal static class OrgsCommand
{
    internal sealed record AddSettings(string Database, string Id, string NameZh, string NameEn, string Kind, string? Jurisdiction);

    public const string JointOfficeId = "joint-office";

    private static Option<string> DatabaseOption() => new("--db") { Description = AccountStoreFile.Description, Required = true };

    public static Command Create() => new("orgs", "Organisations users belong to: seed from the basin, add, list.") { SeedCommand(), AddCommand(), ListCommand() };

    /// <summary>The basin's organisations: one per jurisdiction (same id and names) and the joint office.</summary>
    internal static IReadOnlyList<Organisation> Of(Basin basin) =>
    [
        .. basin.Jurisdictions.Select(j => new Organisation(j.Id, j.Name, OrganisationKind.Jurisdiction, j.Id)),
        new Organisation(JointOfficeId, new LocalizedText($"{basin.Name.Chinese}联合办公室", $"{basin.Name.English} joint office"), OrganisationKind.JointOffice, null),
    ];

    private static Command SeedCommand()
    {
        Option<string> database = DatabaseOption();
        Option<FileInfo?> basinFile = BasinSource.FileOption();
        Option<string> preset = BasinSource.PresetOption();
        var command = new Command("seed", $"Add one organisation per jurisdiction of the basin and the joint office ('{JointOfficeId}'); existing ones are kept.")
        {
            database, basinFile, preset,
        };
        command.SetAction(async (parse, ct) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            if (await BasinSource.LoadAsync(parse.GetValue(basinFile), parse.GetValue(preset)!, io.Error, ct) is not Basin basin)
            {
                return ExitCodes.InvalidInput;
            }

            (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(parse.GetValue(database)!, io.Error, ct);
            if (store is null)
            {
                return failure;
            }

            await using (store)
            {
                foreach (Organisation organisation in Of(basin))
                {
                    AccountWrite written = await store.AddOrganisationAsync(organisation, ct);
                    await io.Output.WriteLineAsync($"{(written == AccountWrite.Added ? "added" : "kept")} {organisation.Id}\t{organisation.Name.Chinese}\t{OrganisationKindNames.Text(organisation.Kind)}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command AddCommand()
    {
        Option<string> database = DatabaseOption();
        Option<string> id = new("--id") { Description = "Identifier: 2–64 of a-z 0-9 . _ -.", Required = true };
        Option<string> nameZh = new("--name-zh") { Description = "Chinese name.", Required = true };
        Option<string> nameEn = new("--name-en") { Description = "English name.", Required = true };
        Option<string> kind = new("--kind") { Description = "jurisdiction, joint-office or observer.", Required = true };
        Option<string?> jurisdiction = new("--jurisdiction") { Description = "For --kind jurisdiction: the basin's jurisdiction it acts for." };
        Option<FileInfo?> basinFile = BasinSource.FileOption();
        Option<string> preset = BasinSource.PresetOption();
        var command = new Command("add", "Add an organisation.") { database, id, nameZh, nameEn, kind, jurisdiction, basinFile, preset };
        command.SetAction(async (parse, ct) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            var settings = new AddSettings(parse.GetValue(database)!, parse.GetValue(id)!, parse.GetValue(nameZh)!, parse.GetValue(nameEn)!, parse.GetValue(kind)!,
                parse.GetValue(jurisdiction));
            if (!OrganisationKindNames.TryParse(settings.Kind, out _))
            {
                await io.Error.WriteLineAsync($"--kind: '{settings.Kind}' is not jurisdiction, joint-office or observer");
                return ExitCodes.Usage;
            }

            Basin? basin = await BasinSource.LoadAsync(parse.GetValue(basinFile), parse.GetValue(preset)!, io.Error, ct);
            return basin is null ? ExitCodes.InvalidInput : await ExecuteAddAsync(settings, basin, io.Output, io.Error, ct);
        });
        return command;
    }

    internal static async Task<int> ExecuteAddAsync(AddSettings settings, Basin basin, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        _ = OrganisationKindNames.TryParse(settings.Kind, out OrganisationKind kind);
        (Organisation? organisation, IReadOnlyList<AccessError> errors) = Organisation.Create(settings.Id, settings.NameZh, settings.NameEn, kind, settings.Jurisdiction, basin.Jurisdictions);
        if (organisation is null)
        {
            foreach (AccessError e in errors)
            {
                await error.WriteLineAsync($"--{e.Field}: {e.Message}");
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
            if (await store.AddOrganisationAsync(organisation, cancellationToken) == AccountWrite.Taken)
            {
                await error.WriteLineAsync($"--id: an organisation '{organisation.Id}' exists already");
                return ExitCodes.InvalidInput;
            }
        }

        await output.WriteLineAsync($"added {organisation.Id}");
        return ExitCodes.Ok;
    }

    private static Command ListCommand()
    {
        Option<string> database = DatabaseOption();
        var command = new Command("list", "Every organisation: id, names, kind, jurisdiction.") { database };
        command.SetAction(async (parse, ct) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            (IPlatformStore? store, int failure) = await AccountStoreFile.OpenAsync(parse.GetValue(database)!, io.Error, ct);
            if (store is null)
            {
                return failure;
            }

            await using (store)
            {
                await io.Output.WriteLineAsync("id\tname (zh)\tname (en)\tkind\tjurisdiction");
                foreach (Organisation o in await store.OrganisationsAsync(ct))
                {
                    await io.Output.WriteLineAsync($"{o.Id}\t{o.Name.Chinese}\t{o.Name.English}\t{OrganisationKindNames.Text(o.Kind)}\t{o.JurisdictionId ?? "-"}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
