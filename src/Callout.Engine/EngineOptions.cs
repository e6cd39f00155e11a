namespace Callout.Engine;

/// How the engine claims and runs its work.
public sealed record EngineOptions
{
    /// The node's name, the same across its restarts (`--node-name`). Each claim is owned by
    /// `{NodeName}#{Incarnation}/{n}`, so a node starting up knows which leases its own dead
    /// incarnation left behind.
    public string NodeName { get; init; } = Environment.MachineName;

    /// This run of the node: a restart is a new incarnation.
    public string Incarnation { get; init; } = Guid.NewGuid().ToString("N")[..12];

    /// No other node shares the store (SQLite, held by one process through its lock file): every
    /// lease found at start-up was left by a dead process, whatever its name.
    public bool SingleNode { get; init; }

    /// Identifies this process's leases.
    public string NodeId => NodeName + "#" + Incarnation;

    /// A claimed step is this node's until then; longer than a send with all its retries.
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// How long a stopping node lets the steps it is running finish (`--shutdown-timeout`); the
    /// ones still running then are cancelled and, like the ones not started, handed back.
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; init; } = 64;

    /// How many runners work at once; a runner runs one step, or one group of sends.
    public int Concurrency { get; init; } = 16;

    /// The most sends of one claim run together, with one session for their pending records and
    /// one for their outcomes (StepProcessor.SendPagesAsync). Under load a claim finds many sends
    /// due at once, and a session per group rather than per send saves a commit and two round
    /// trips to the store for each.
    public int SendGroupSize { get; init; } = 16;

    /// The longest the engine sleeps with nothing due, so steps another node added or whose lease
    /// expired are picked up without polling every second.
    public TimeSpan MaxSleep { get; init; } = TimeSpan.FromSeconds(30);

    /// The shortest sleep when the next step is not due yet. Under load a step falls due every
    /// millisecond or two; waiting a little longer lets one claim take several of them instead of
    /// waking and claiming for each, at the cost of at most this much lateness.
    public TimeSpan MinSleep { get; init; } = TimeSpan.FromMilliseconds(10);

    /// Where people reach Callout's acknowledgement pages, e.g. https://callout.example.com. The
    /// server works it out from its bound address when none is configured, before the engine starts.
    public Uri PublicUrl { get; init; } = new("http://127.0.0.1:4580/");
}
