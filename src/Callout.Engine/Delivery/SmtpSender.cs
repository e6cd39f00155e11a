using System.Net.Sockets;
using Callout.Domain;
using Callout.Domain.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Callout.Engine.Delivery;

/// Email over SMTP, one connection per message. The send key is the Message-Id (and the
/// X-Callout-Idempotency-Key header), so a receiving system can drop a duplicate. A 5xx reply is a
/// permanent refusal; a 4xx reply or a failure before the server accepted a recipient may pass; a
/// broken connection once the message data may have gone out leaves the outcome unknown.
public sealed class SmtpSender(SmtpSettings settings) : IMessageSender
{
    /// A whole try: connect, authenticate, send. Three tries stay well inside the 60 s lease.
    static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(10);

    public string Name => "smtp";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (message.Channel != ChannelKind.Email)
        {
            return SendResult.Failed("smtp sends email, not " + ExternalNames.ChannelKinds.Of(message.Channel), permanent: true);
        }
        if (!MailboxAddress.TryParse(message.Address, out var to))
        {
            return SendResult.Failed("smtp: the address is not a valid mailbox", permanent: true);
        }
        var mail = Mail(message, to);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TryTimeout);
        using var client = new TrackingSmtpClient { Timeout = (int)TryTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Options(settings.Tls), timeout.Token);
            if (settings.User is not null)
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", timeout.Token);
            }
            await client.SendAsync(mail, timeout.Token);
        }
        catch (SmtpCommandException e)
        {
            // A reply code is a decision: 5xx will not change, 4xx may (RFC 5321 §4.2.1).
            var code = (int)e.StatusCode;
            return SendResult.Failed($"smtp {code}: {e.Message}", permanent: code >= 500);
        }
        catch (AuthenticationException)
        {
            return SendResult.Failed("smtp: authentication failed", permanent: true);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SslHandshakeException
            or ServiceNotConnectedException or TimeoutException or OperationCanceledException)
        {
            if (client.RecipientAccepted)
            {
                throw new DeliveryOutcomeUnknownException("smtp: the connection failed while the message was being sent", e);
            }
            // The socket's error code says which failure it was (ConnectionRefused, TimedOut) and
            // holds no address; the message of other exceptions may quote the recipient.
            var why = e is SocketException socket ? $"{e.GetType().Name} {socket.SocketErrorCode}" : e.GetType().Name;
            return SendResult.Failed("smtp: could not hand the message over (" + why + ")", permanent: false);
        }

        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or OperationCanceledException)
        {
            // The server already accepted the message; a failed QUIT changes nothing.
        }
        return SendResult.Ok(mail.MessageId);
    }

    MimeMessage Mail(OutgoingMessage message, MailboxAddress to)
    {
        var from = MailboxAddress.Parse(settings.From);
        var domain = from.Domain is { Length: > 0 } d ? d : "callout.invalid";
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            // A Message-Id's left part may not hold ':' (RFC 5322 dot-atom).
            MessageId = message.IdempotencyKey.Replace(':', '.') + "@" + domain,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(from);
        mail.To.Add(to);
        mail.Headers.Add("X-Callout-Idempotency-Key", message.IdempotencyKey);
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        return mail;
    }

    static SecureSocketOptions Options(SmtpTls tls) => tls switch
    {
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    /// Notes when the server accepted a recipient: from then on the message data may be on its way.
    sealed class TrackingSmtpClient : SmtpClient
    {
        public bool RecipientAccepted { get; private set; }

        protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            base.OnRecipientAccepted(message, mailbox, response);
            RecipientAccepted = true;
        }
    }
}
