namespace Qingshui.Domain.Joint;

/// <summary>河长 level (河长制): the tier of government a river chief serves at, from the province down.</summary>
public enum RiverChiefLevel
{
    /// <summary>省级河长.</summary>
    Province,

    /// <summary>市级河长.</summary>
    City,

    /// <summary>县级河长.</summary>
    County,

    /// <summary>乡级河长.</summary>
    Township,

    /// <summary>村级河长.</summary>
    Village,
}
