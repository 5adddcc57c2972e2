using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Simulation;

namespace Qingshui.Server.Tests.Api;

/// <summary>HTTP helpers against a <see cref="TestHost"/>: JSON GETs and a burst of simulated hourly history.</summary>
internal static class ApiClient
{
    public static HttpClient For(TestHost host) => new() { BaseAddress = new Uri($"http://{host.Server.HttpEndPoint}") };

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<(int Status, string? ContentType, JsonElement Body)> GetProblemAsync(this HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The last <paramref name="hours"/> closed hours from every preset station, as hourly uploads over HJ 212.</summary>
    public static async Task<DateTimeOffset> SendRecentHoursAsync(TestHost host, int hours)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset).AddHours(-hours);
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = SyntheticBasin.StationsOf(TestHost.Preset), Start = start, PacketsPerStation = hours, Window = 8,
        }, null, TestContext.Current.CancellationToken);
        Assert.True(report.PacketsAcknowledged == 5L * hours, report.Describe());
        return start;
    }
}
