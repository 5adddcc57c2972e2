namespace Qingshui.Domain.Access;

/// <summary>What an organisation is to the basin.</summary>
public enum OrganisationKind
{
    /// <summary>A jurisdiction of the basin (a province, or a city or county under it); it is a party to the agreements.</summary>
    Jurisdiction,

    /// <summary>The basin's joint office (联合办公室), shared by the parties.</summary>
    JointOffice,

    /// <summary>An observer (a ministry, a river basin commission, a research institute): reads, never signs.</summary>
    Observer,
}

/// <summary>The wire and command-line words for <see cref="OrganisationKind"/>.</summary>
public static class OrganisationKindNames
{
    /// <summary>The kind's word: <c>jurisdiction</c>, <c>joint-office</c> or <c>observer</c>.</summary>
    public static string Text(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Jurisdiction => "jurisdiction",
        OrganisationKind.JointOffice => "joint-office",
        _ => "observer",
    };

    /// <summary>The kind a word names.</summary>
    public static bool TryParse(string? text, out OrganisationKind kind)
    {
        (bool known, kind) = text switch
        {
            "jurisdiction" => (true, OrganisationKind.Jurisdiction),
            "joint-office" => (true, OrganisationKind.JointOffice),
            "observer" => (true, OrganisationKind.Observer),
            _ => (false, OrganisationKind.Observer),
        };
        return known;
    }
}
