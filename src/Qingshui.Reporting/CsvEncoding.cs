namespace Qingshui.Reporting;

/// <summary>How a CSV file is encoded.</summary>
public enum CsvEncoding
{
    /// <summary>UTF-8 with a byte order mark: what Excel needs to read UTF-8 (the default).</summary>
    Utf8WithBom,

    /// <summary>GBK (written as GB18030, its superset): what Excel on Chinese Windows reads without a byte order mark.</summary>
    Gbk,
}
