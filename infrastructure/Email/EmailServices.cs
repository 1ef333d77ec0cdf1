using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrderActors.Email;

public static class EmailServices
{
    /// <summary>SMTP when <c>OrderActors:Email:SmtpHost</c> is set, otherwise the development sink that logs each message.</summary>
    public static IServiceCollection AddOrderActorsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        if (string.IsNullOrWhiteSpace(configuration.GetSection(EmailOptions.Section)[nameof(EmailOptions.SmtpHost)]))
        {
            services.AddSingleton<DevelopmentEmailSink>();
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<DevelopmentEmailSink>());
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return services;
    }
}
