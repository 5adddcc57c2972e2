using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Qingshui.Hj212;

namespace Qingshui.Simulation.Tests;

public sealed class SimulatorPortsTests
{
    // Takes connections on a free port and notes the MN of each connection's first upload; answers nothing.
    private sealed class Node : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public Node()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public ConcurrentBag<string> Stations { get; } = [];

        private async Task AcceptAsync()
        {
            var clients = new List<Task>();
            try
            {
                while (true)
                {
                    TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    clients.Add(ReadMnAsync(client));
                }
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(clients);
            }
        }

        private async Task ReadMnAsync(TcpClient client)
        {
            using (client)
            {
                var text = new StringBuilder();
                byte[] buffer = new byte[1024];
                try
                {
                    while (text.ToString().IndexOf("MN=", StringComparison.Ordinal) is var at && (at < 0 || text.Length < at + 3 + 24))
                    {
                        int read = await client.GetStream().ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    string all = text.ToString();
                    Stations.Add(all.Substring(all.IndexOf("MN=", StringComparison.Ordinal) + 3, 24));
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task RunAsync_WithTwoPorts_SendsStationIToTheIthPortModTwo()
    {
        // Given two nodes and six stations.
        await using Node a = new(), b = new();
        SimulatedStation[] stations = [.. Enumerable.Range(0, 6).Select(i =>
            new SimulatedStation(SyntheticBasin.DeviceId(i), "load00", Hj212Edition.Edition2017, i, StationProfile.Typical))];

        // When each station sends one upload (unanswered, so given up after a short wait).
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = 1, Ports = [a.Port, b.Port], Stations = stations, Start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)),
            PacketsPerStation = 1, AckTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0, ConnectAttempts = 1,
        }, null, TestContext.Current.CancellationToken);

        // Then the even stations went to the first node and the odd ones to the second, none to --port.
        Assert.Equal(0, report.Unreachable);
        Assert.Equal([.. stations.Where(s => s.Index % 2 == 0).Select(s => s.DeviceId)], a.Stations.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([.. stations.Where(s => s.Index % 2 == 1).Select(s => s.DeviceId)], b.Stations.Distinct().Order(StringComparer.Ordinal));
    }
}
