namespace Callout.Domain.Contacts;

public enum ContactKind
{
    Personal,
    Escalation,
    OncallSchedule,
}
