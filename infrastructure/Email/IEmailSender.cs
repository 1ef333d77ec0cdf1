namespace OrderActors.Email;

/// <summary>Sends email: SMTP in production, the development sink elsewhere.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
