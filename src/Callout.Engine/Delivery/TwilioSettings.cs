namespace Callout.Engine.Delivery;

/// The Twilio account that sends SMS and places calls, and the number they come from. BaseUrl is
/// https://api.twilio.com unless a test or a compatible service says otherwise.
public sealed record TwilioSettings(Uri BaseUrl, string AccountSid, string AuthToken, string From);
