namespace Callout.Protocol.Auth;

/// docs/spec/protocol.md §9 step 5: Off reads identity from the credential scope without verifying it,
/// the way LocalStack and moto do; Strict verifies every request against the configured keys.
public enum AuthMode
{
    Off,
    Strict,
}
