using System.CommandLine;
using Qingshui.Domain.Network;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui stations list</c>: the station register as the store keeps it (never a password). Stations are added and
/// changed over the web (<c>/api/v1/stations</c>), where the running server applies a change at once.
/// </summary>
internal static class StationsCommand
{
    public static Command Create() => new("stations", "The station register kept in the store: list.") { ListCommand() };

    private static Command ListCommand()
    {
        Option<string> database = new("--db") { Description = AccountStoreFile.Description, Required = true };
        var command = new Command("list", "Every registered station: MN, section, operator, edition, CRC tolerance, clock offset, parameters (never its password).") { database };
        command.SetAction((parse, ct) => ExecuteListAsync(parse.GetValue(database)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
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
            IReadOnlyList<Station> stations = await store.StationsAsync(cancellationToken);
            if (stations.Count == 0)
            {
                await error.WriteLineAsync("no stations registered yet: 'qingshui serve' or 'demo' registers the basin file's stations when it starts");
            }

            await output.WriteLineAsync("mn\tsection\toperator\tedition\tcrc\tutcOffset\tparameters\tname");
            foreach (Station s in stations)
            {
                await output.WriteLineAsync($"{s.DeviceId}\t{s.Section}\t{s.Operator}\t{StationRules.EditionText(s.Edition)}\t{StationRules.CrcText(s.Crc)}\t"
                    + $"{StationRules.OffsetText(s.UtcOffset)}\t{string.Join(",", s.Parameters)}\t{s.Name.Chinese} ({s.Name.English})");
            }
        }

        return ExitCodes.Ok;
    }
}
