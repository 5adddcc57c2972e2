namespace Qingshui.Domain.Assessment;

/// <summary>How water quality changed between two periods (地表水环境质量评价办法 §2.7).</summary>
public enum ChangeLevel
{
    /// <summary>无明显变化.</summary>
    NoObviousChange,

    /// <summary>有所好转.</summary>
    SomewhatBetter,

    /// <summary>有所变差.</summary>
    SomewhatWorse,

    /// <summary>明显好转.</summary>
    ObviouslyBetter,

    /// <summary>明显变差.</summary>
    ObviouslyWorse,
}

/// <summary>Change between two periods, by grade steps or by class shares.</summary>
public static class PeriodChange
{
    /// <summary>By grade: same grade → no obvious change; one step → some change; two or more → obvious change.</summary>
    public static ChangeLevel ByGrade(QualityGrade before, QualityGrade after)
    {
        int steps = (int)before - (int)after;
        return Math.Abs(steps) switch
        {
            0 => ChangeLevel.NoObviousChange,
            1 => steps > 0 ? ChangeLevel.SomewhatBetter : ChangeLevel.SomewhatWorse,
            _ => steps > 0 ? ChangeLevel.ObviouslyBetter : ChangeLevel.ObviouslyWorse,
        };
    }

    /// <summary>
    /// By class shares: ΔG − ΔD in percentage points (ΔG: change of the Ⅰ–Ⅲ share, ΔD: of the 劣Ⅴ share). Above 20 is
    /// obvious [1 SRC]; at most <paramref name="noChangeLimit"/> (10 by default, unconfirmed) is no obvious change.
    /// </summary>
    public static ChangeLevel ByShares(decimal shareIToIIIBefore, decimal shareWorseThanVBefore, decimal shareIToIIIAfter, decimal shareWorseThanVAfter, decimal noChangeLimit = 10m)
    {
        decimal delta = ((shareIToIIIAfter - shareIToIIIBefore) - (shareWorseThanVAfter - shareWorseThanVBefore)) * 100;
        decimal size = Math.Abs(delta);
        if (size <= noChangeLimit)
        {
            return ChangeLevel.NoObviousChange;
        }

        if (size <= 20)
        {
            return delta > 0 ? ChangeLevel.SomewhatBetter : ChangeLevel.SomewhatWorse;
        }

        return delta > 0 ? ChangeLevel.ObviouslyBetter : ChangeLevel.ObviouslyWorse;
    }
}
