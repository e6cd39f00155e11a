using System.Globalization;

namespace Callout.Bench.Cluster;

/// CPU ticks (CLK_TCK per second) used so far by the whole machine (busy and all, /proc/stat), by
/// each node, the sink and this process (utime + stime, /proc/PID/stat), and by every process named
/// "postgres" (the server's backends and helpers, and what its exited backends used, which the
/// postmaster collects as cutime + cstime; another user of the same server counts too).
sealed record ClusterCpu(DateTime At, long MachineBusy, long MachineAll, long[] Nodes, long Sink, long Driver, long Postgres)
{
    public static ClusterCpu Take(IReadOnlyList<int> nodePids, int? sinkPid)
    {
        // "cpu  user nice system idle iowait irq softirq steal ...", as bench/lib.sh reads it.
        var cpu = File.ReadLines("/proc/stat").First(line => line.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
        return new ClusterCpu(DateTime.UtcNow, busy, busy + cpu[3] + cpu[4],
            [.. nodePids.Select(Ticks)], sinkPid is { } s ? Ticks(s) : 0, Ticks(Environment.ProcessId), PostgresTicks());
    }

    static long Ticks(int pid) => Stat(pid) is { } s ? s.Ticks : 0;

    static long PostgresTicks()
    {
        long sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { Name: "postgres" } s)
            {
                sum += s.Ticks + s.Children;
            }
        }
        return sum;
    }

    /// The command name, utime + stime and cutime + cstime (its children that have exited and been
    /// waited for) of a process, or null once it is gone.
    static (string Name, long Ticks, long Children)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            // Fields after the ")" closing the command name: state is 1st, utime 12th, stime 13th,
            // cutime 14th, cstime 15th.
            var fields = stat[(close + 2)..].Split(' ');
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return (stat[(open + 1)..close], Field(11) + Field(12), Field(13) + Field(14));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
