using Callout.Domain.Arns;

namespace Callout.Server.Admin;

/// The account, region and access key of a request to one of Callout's own endpoints that
/// SignedAdminRequests verified, as a request feature: only present under --auth strict.
sealed record SignedCaller(AccountScope Scope, string AccessKeyId);
