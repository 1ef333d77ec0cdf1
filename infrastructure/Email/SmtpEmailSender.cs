using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace OrderActors.Email;

/// <summary>Sends through an SMTP relay (System.Net.Mail; adequate for a relay that speaks STARTTLS).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.SmtpHost, o.SmtpPort) { EnableSsl = o.EnableSsl };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        using var mail = new MailMessage(o.From, message.To, message.Subject, message.Body);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
