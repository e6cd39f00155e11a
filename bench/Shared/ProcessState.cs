namespace Callout.Bench;

static class ProcessState
{
    /// Neither gone nor a zombie waiting for the shell to collect its exit status.
    public static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..] is not ['Z', ..];
        }
        catch (IOException)
        {
            return false;
        }
    }
}
