using System.Globalization;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// The account's incidents, open or resolved, filtered as ListIncidentRecords can (impact and
/// creation time; the model has no title filter) and paged with its nextToken. The first page
/// updates live, so an incident an alert opens appears without a reload.
sealed class IndexModel(ConsoleApi api, ServerOptions options, TimeProvider time) : ConsolePage(api, options)
{
    const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Impact { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public bool Resolved => Status == "resolved";

    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];

    public string? NextToken { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// This listing's own address (filters kept), for the live region and the tabs.
    public string Query(string? status = null, string? next = null, string? handler = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("status", status ?? (Resolved ? "resolved" : "open"));
        Add("impact", Impact?.ToString(CultureInfo.InvariantCulture));
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("next", next);
        Add("handler", handler);
        return ConsoleRoutes.Prefix + "/incidents?" + string.Join('&', parts);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetLiveAsync()
    {
        await LoadAsync();
        return Partial("_IncidentTable", this);
    }

    async Task LoadAsync()
    {
        var filters = new JsonArray
        {
            Filter("status", new JsonObject { ["stringValues"] = new JsonArray(Resolved ? "RESOLVED" : "OPEN") }),
        };
        if (Impact is { } impact)
        {
            filters.Add(Filter("impact", new JsonObject { ["integerValues"] = new JsonArray(impact) }));
        }
        if (From is { } from)
        {
            filters.Add(new JsonObject { ["key"] = "creationTime", ["condition"] = new JsonObject { ["after"] = Seconds(from) } });
        }
        if (To is { } to)
        {
            filters.Add(new JsonObject { ["key"] = "creationTime", ["condition"] = new JsonObject { ["before"] = Seconds(to.AddDays(1)) } });
        }
        var body = new JsonObject { ["filters"] = filters, ["maxResults"] = PageSize };
        if (Next is { Length: > 0 })
        {
            body["nextToken"] = Next;
        }
        await TryAsync(async () =>
        {
            using var answer = await Api.IncidentsAsync(HttpContext, Person, "POST", "/listIncidentRecords", body);
            Incidents = WireValues.Items(answer!.RootElement, "incidentRecordSummaries").Select(IncidentView.From).ToList();
            NextToken = WireValues.Text(answer.RootElement, "nextToken");
        });
    }

    static JsonObject Filter(string key, JsonObject equals) =>
        new() { ["key"] = key, ["condition"] = new JsonObject { ["equals"] = equals } };

    // Days are the viewer's calendar as UTC days: the filter form has no time zone to go by.
    static long Seconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
