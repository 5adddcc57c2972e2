using System.CommandLine;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui review</c>: reviewers' work on stored readings (<c>import</c>).</summary>
internal static class ReviewCommand
{
    public static Command Create() => new("review", "Review of stations' data: decisions that confirm, invalidate or correct readings.")
    {
        ReviewImportCommand.Create(),
    };
}
