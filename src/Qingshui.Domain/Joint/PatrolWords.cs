using System.Collections.Frozen;

namespace Qingshui.Domain.Joint;

/// <summary>The words the API, the CSV files and the report use for the closed sets of patrols and cases.</summary>
public static class PatrolWords
{
    /// <summary>Levels by word (<c>province</c>, <c>city</c>, <c>county</c>, <c>township</c>, <c>village</c>).</summary>
    public static FrozenDictionary<string, RiverChiefLevel> LevelByWord { get; } =
        Enum.GetValues<RiverChiefLevel>().ToFrozenDictionary(Word, StringComparer.Ordinal);

    /// <summary>Banks by word (<c>left</c>, <c>right</c>).</summary>
    public static FrozenDictionary<string, Bank> BankByWord { get; } = Enum.GetValues<Bank>().ToFrozenDictionary(Word, StringComparer.Ordinal);

    /// <summary>Case statuses by word (<c>open</c>, <c>investigating</c>, <c>closed</c>).</summary>
    public static FrozenDictionary<string, CaseStatus> StatusByWord { get; } =
        Enum.GetValues<CaseStatus>().ToFrozenDictionary(Word, StringComparer.Ordinal);

    /// <summary>The word of a level.</summary>
    public static string Word(RiverChiefLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The word of a bank.</summary>
    public static string Word(Bank bank) => bank.ToString().ToLowerInvariant();

    /// <summary>The word of a case status.</summary>
    public static string Word(CaseStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The word of a referral's answer (<c>pending</c>, <c>accepted</c>, <c>declined</c>).</summary>
    public static string Word(ReferralAnswer answer) => answer.ToString().ToLowerInvariant();
}
