using System.Text.Json;
using Callout.Protocol.Dispatch;

namespace Callout.Server.Management;

/// One of Callout's own signed operations (audit log, calendar feeds, …), called on the API's port
/// as `X-Amz-Target: Callout.{Name}` with a JSON object body, signed and framed like the API's
/// (docs/management.md).
interface IManagementOperation
{
    string Name { get; }

    Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct);
}
