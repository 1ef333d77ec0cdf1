namespace OrderActors.ApiHost.Apis.Billing;

public static class BillingApiServices
{
    public static IServiceCollection AddBillingApiServices(this IServiceCollection services)
    {
        services.AddSingleton<InvoiceIssuer>();
        return services;
    }
}
