namespace Qingshui.Cli;

/// <summary>
/// Exit codes of every command. 1 means the command ran but found invalid input (a bad packet, a broken line),
/// 2 that it was called wrongly, 3 that something outside failed (a port in use, a database that cannot open), 4 that
/// the output was written but is provisional (a settlement statement that is still a draft).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;
    public const int RuntimeFailure = 3;
    public const int Provisional = 4;
}
