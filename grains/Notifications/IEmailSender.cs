namespace OrderActors.Notifications;

/// <summary>
/// Sends one email. A minimal seam for notifications; the identity work provides the real sender, which replaces
/// the logging default registered when no other is.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default);
}
