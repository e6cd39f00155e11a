namespace Callout.Bench.Soak;

/// One simulated month's figures, gathered day by day.
sealed class MonthTally
{
    public List<double> Starts { get; } = [];
    public List<double> GetContact { get; } = [];
    public List<double> ListEngagements { get; } = [];
    public List<PurgeFigures> PurgeDays { get; } = [];

    public void AddDay(IEnumerable<double> starts, IEnumerable<double> getContact, IEnumerable<double> listEngagements, PurgeFigures purge)
    {
        Starts.AddRange(starts);
        GetContact.AddRange(getContact);
        ListEngagements.AddRange(listEngagements);
        PurgeDays.Add(purge);
    }
}
