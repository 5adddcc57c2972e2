namespace Qingshui.Hj212;

/// <summary>ST system codes used by Qingshui (HJ 212-2017 Table 4; the full range is 10–99 plus A0–Z9).</summary>
public static class SystemCode
{
    /// <summary>21: 地表水质量监测, surface-water quality.</summary>
    public const string SurfaceWater = "21";

    /// <summary>32: 地表水体环境污染源, surface-water pollution source (used in the standard's examples).</summary>
    public const string WaterPollutionSource = "32";

    /// <summary>44: power-use monitoring (HJ 212-2025).</summary>
    public const string PowerUse = "44";

    /// <summary>45: key production conditions (HJ 212-2025).</summary>
    public const string KeyProductionConditions = "45";

    /// <summary>91: 系统交互, system interaction (replies 9011–9014).</summary>
    public const string SystemInteraction = "91";
}
