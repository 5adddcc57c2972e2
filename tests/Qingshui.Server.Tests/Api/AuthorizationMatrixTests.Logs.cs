using System.Net;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

// One entry of a station's command log: the list's rights, a members' read.
public sealed partial class AuthorizationMatrixTests
{
    [Fact]
    public async Task StationCommandRead_Anonymous401_ViewerOfEitherProvince200()
    {
        await using TestHost host = await StationCommandsApiTests.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        Assert.Equal(HttpStatusCode.Conflict, (await StationCommandsApiTests.SetIntervalAsync(coordinator, new { action = "tighten", seconds = 60 })).StatusCode);
        long id = (await coordinator.GetJsonAsync($"/api/v1/stations/{StationCommandsApiTests.Mn}/commands")).GetProperty("commands")[0].GetProperty("id").GetInt64();
        string path = $"/api/v1/stations/{StationCommandsApiTests.Mn}/commands/{id}";
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");

        HttpStatusCode[] codes = [(await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode,
            (await viewer.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode, (await other.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK], codes);
    }
}
