// Abuse of a running `qingshui serve` on loopback, bounded in count, bytes and time (see connection-flood.sh and
// garbage-flood.sh, which start the server and call this):
//
//   connections HJ212_PORT HTTP_PORT SERVER_PID [ATTEMPTS] [ADDRESSES]
//       ATTEMPTS connection attempts (default 25,000) from ADDRESSES source addresses 127.0.1.x (default 100), each
//       held open when admitted; meanwhile a station connected beforehand uploads once a second and times its 9014.
//   hold HJ212_PORT ATTEMPTS ADDRESSES SECONDS
//       only the attempts, from 127.0.3.x, starting after 3 s and held for SECONDS: a second flooding process, since one process may hold no
//       more sockets than its file-handle limit (20,000 here).
//   garbage HJ212_PORT SERVER_PID [SECONDS] [MEGABYTES] [ADDRESSES]
//       connections from ADDRESSES addresses send rejected bytes (noise, frames with a bad CRC, frames from invented
//       MNs and wrong passwords) until SECONDS (default 30) or MEGABYTES (default 200) sent.
using Qingshui.FloodLoad;

return args.FirstOrDefault() switch
{
    "connections" => await ConnectionFlood.RunAsync(args[1..]),
    "hold" => await ConnectionFlood.HoldAsync(args[1..]),
    "garbage" => await GarbageFlood.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Qingshui.FloodLoad connections HJ212_PORT HTTP_PORT SERVER_PID [ATTEMPTS] [ADDRESSES]");
    Console.Error.WriteLine("       Qingshui.FloodLoad garbage HJ212_PORT SERVER_PID [SECONDS] [MEGABYTES] [ADDRESSES]");
    return 1;
}
