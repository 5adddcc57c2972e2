namespace Qingshui.Domain.Assessment;

/// <summary>Every GB 3838-2002 item Qingshui knows, looked up by id or by HJ 212 parameter code.</summary>
public static class StandardItems
{
    /// <summary>Tables 1, 2 and 3, in that order.</summary>
    public static IReadOnlyList<StandardItem> All { get; } = [.. Gb3838Table1.Items, .. Gb3838Table2And3.Table2, .. Gb3838Table2And3.Table3];

    private static readonly Dictionary<string, StandardItem> ById = All.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, StandardItem> ByCode = All.Where(i => i.ParameterCode is not null).ToDictionary(i => i.ParameterCode!, StringComparer.Ordinal);

    /// <summary>The item with this id (case-insensitive), or <c>null</c>.</summary>
    public static StandardItem? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>The item measured as this HJ 212-2017 parameter code, or <c>null</c>.</summary>
    public static StandardItem? ForParameter(string parameterCode) => ByCode.GetValueOrDefault(parameterCode);
}
