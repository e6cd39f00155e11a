using System.Globalization;

namespace Callout.Bench.Engine;

/// CPU ticks (CLK_TCK per second) used so far by the whole machine (busy and all, from /proc/stat)
/// and by Callout, the sink and this process (utime + stime, /proc/PID/stat). Two samples give each
/// one's share over the interval, and the neighbours' share as the busy time none of ours used.
readonly record struct CpuSample(DateTime At, long MachineBusy, long MachineAll, long Callout, long Sink, long Driver)
{
    public static CpuSample Take(int? calloutPid, int? sinkPid)
    {
        // "cpu  user nice system idle iowait irq softirq steal ...", as bench/lib.sh reads it.
        var cpu = File.ReadLines("/proc/stat").First(line => line.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
        return new CpuSample(DateTime.UtcNow, busy, busy + cpu[3] + cpu[4],
            Process(calloutPid), Process(sinkPid), Process(Environment.ProcessId));
    }

    static long Process(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }
        try
        {
            // Fields after the ")" closing the command name: state is 1st, utime 12th, stime 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
