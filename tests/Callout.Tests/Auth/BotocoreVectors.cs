using System.Text;
using Callout.Protocol.Auth;

namespace Callout.Tests.Auth;

/// Requests signed by botocore 1.43.11 itself, so the verifier is checked against a real client rather
/// than against our own reading of the spec. Produced with:
///
///     fixed = datetime.datetime(2024, 3, 25, 14, 34, 53)
///     req = AWSRequest(method="POST", url=URL, data=BODY, headers={...})
///     with mock.patch.object(botocore.auth.datetime, "datetime", wraps=datetime.datetime) as dt:
///         dt.now.return_value = fixed; dt.utcnow.return_value = fixed
///         botocore.auth.SigV4Auth(Credentials(KEY, SECRET[, TOKEN]), "ssm-contacts", REGION).add_auth(req)
///     print(req.headers)
///
/// botocore adds Host from the URL when signing, so each request here carries it as the server would see it.
internal static class BotocoreVectors
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public static readonly DateTimeOffset SignedAt = new(2024, 3, 25, 14, 34, 53, TimeSpan.Zero);

    /// URL http://localhost:5000/, region us-east-1. The double space in the body checks that it is hashed raw.
    public static SignedRequest CreateContact() => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.CreateContact"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=b1dbd361edaab2344282da643041fa9383f72ff89d91862fb7b801081765db7f"),
        ],
        CreateContactBody);

    public static readonly byte[] CreateContactBody =
        Encoding.UTF8.GetBytes("""{"Alias":"akuam","DisplayName":"Akua  Mansa","Type":"PERSONAL","Plan":{"Stages":[]}}""");

    /// CreateContact again, sent with "X-Amz-Content-SHA256: <hex SHA-256 of the body>", which botocore
    /// then signs and uses as the payload hash.
    public static SignedRequest CreateContactWithContentSha256() => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.CreateContact"),
            new("X-Amz-Content-SHA256", "d826aa2e72e017abded5b61b4f5aee69a34127b053509cb5b37246120b5b6da1"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=ea1f4664e7a8111a8c2c0d80b7951a95d4c47f749ab8fb155215c48c40677e48"),
        ],
        CreateContactBody);

    /// URL http://localhost:5000/contacts/a%20b?z=1&a=x%20y, region eu-west-1, session token
    /// "session-token-example", extra header X-Callout-Note "  two   words  ": exercises the path,
    /// query and whitespace rules. botocore's canonical request had "/contacts/a%2520b" and "a=x%20y&z=1".
    public static SignedRequest ListContactsWithToken() => new(
        "POST",
        "/contacts/a%20b",
        "?z=1&a=x%20y",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.ListContacts"),
            new("X-Callout-Note", "  two   words  "),
            new("X-Amz-Date", "20240325T143453Z"),
            new("X-Amz-Security-Token", "session-token-example"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/eu-west-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target;x-callout-note, Signature=0860adeb1054f7708f0d43be0a6f798c839a2615e6d218d7006d25f996305ab6"),
        ],
        "{}"u8.ToArray());

    /// URL http://localhost:5000/tags/arn%3Aaws%3Assm-incidents%3A%3A111122223333%3Aresponse-plan%2Fdb-plan?tagKeys=team&tagKeys=tier,
    /// DELETE, service ssm-incidents, region us-east-1: UntagResource as botocore sends it, the ARN
    /// label percent-encoded into one segment. botocore's canonical URI was
    /// "/tags/arn%253Aaws%253Assm-incidents%253A%253A111122223333%253Aresponse-plan%252Fdb-plan".
    public static SignedRequest UntagResponsePlan() => new(
        "DELETE",
        "/tags/arn%3Aaws%3Assm-incidents%3A%3A111122223333%3Aresponse-plan%2Fdb-plan",
        "?tagKeys=team&tagKeys=tier",
        [
            new("Host", "localhost:5000"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-incidents/aws4_request, SignedHeaders=host;x-amz-date, Signature=516af55f1ee7d0397e00dbb9de3ffa911b8bcdfbed17ad905f051d92d74020f6"),
        ],
        ReadOnlyMemory<byte>.Empty);

    /// As ListContactsWithToken but key 111122223333, secret "wrong-secret", region ap-southeast-2, no token.
    public static SignedRequest SignedWithWrongSecret() => new(
        "POST",
        "/contacts/a%20b",
        "?z=1&a=x%20y",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.ListContacts"),
            new("X-Callout-Note", "  two   words  "),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=111122223333/20240325/ap-southeast-2/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-callout-note, Signature=cda43e26cb89a36114f8c69759595123abd5a438e7d0323596233680db0aa568"),
        ],
        "{}"u8.ToArray());

    /// STS GetCallerIdentity as botocore's query serializer sends it, signed for "sts" (not
    /// "ssm-contacts"); URL http://localhost:5000/, region us-east-1.
    public static SignedRequest GetCallerIdentity() => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=514761b40c9dba6ad68e0900104b14e0409cb01dda11a814fa356ac70d71973f"),
        ],
        "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray());

    public static readonly byte[] GetContactBody =
        Encoding.UTF8.GetBytes("""{"ContactId":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/akuam"}""");

    /// A GetContact body signed by botocore without X-Amz-Target (it was added after signing), so
    /// SignedHeaders is content-type;host;x-amz-date: whoever holds it can name any operation.
    public static SignedRequest WithUnsignedTarget(string target) => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=d3a7a4994efbfb38d5edbc66722ee5c4dceb64c13b8280c86d6b1afcdb2a44b6"),
            new("X-Amz-Target", target),
        ],
        GetContactBody);

    /// GetContact signed by botocore with its headers_to_sign cut to content-type;x-amz-date;x-amz-target:
    /// the Host it was sent to is not signed.
    public static SignedRequest GetContactWithoutSignedHost() => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.GetContact"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;x-amz-date;x-amz-target, Signature=9c8b6ac8f10810f2cb6c9164060aed3f0b425ed374dd77ceb33aff8519addb66"),
        ],
        GetContactBody);

    /// A 300-character region: "us-east-1" and 291 x's.
    public static readonly string LongRegion = "us-east-1" + new string('x', 291);

    /// GetContact signed by botocore for a region no AWS partition has: "zz-evil-9", or LongRegion.
    public static SignedRequest GetContactInRegion(string region) => new(
        "POST",
        "/",
        "",
        [
            new("Host", "localhost:5000"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "SSMContacts.GetContact"),
            new("X-Amz-Date", "20240325T143453Z"),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/{region}/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
                + (region == "zz-evil-9"
                    ? "b1733411bbbef53e75d31b5bf6c3206f52f885aa904945f4802115e4b148d0a8"
                    : "65ef2189a270a3e798954611ae6b6ff32691e5f3eec3df59860d5a97e3dc2a00")),
        ],
        GetContactBody);

    public static SignedRequest WithHeader(this SignedRequest request, string name, string value) => request with
    {
        Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), new(name, value)],
    };

    public static SignedRequest WithoutHeader(this SignedRequest request, string name) => request with
    {
        Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))],
    };
}
