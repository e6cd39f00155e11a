using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// CPU ticks used so far by the machine and by every Callout node together (CpuSample per node).
readonly record struct StormCpu(long MachineBusy, long MachineAll, long Callout)
{
    public static StormCpu Take(IReadOnlyList<int> calloutPids)
    {
        var machine = CpuSample.Take(null, null);
        var callout = calloutPids.Sum(pid => CpuSample.Take(pid, null).Callout);
        return new StormCpu(machine.MachineBusy, machine.MachineAll, callout);
    }
}
