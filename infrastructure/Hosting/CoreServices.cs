using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Database;
using OrderActors.Email;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Marketplaces;
using OrderActors.Events;
using OrderActors.ReadModel;

namespace OrderActors.Hosting;

/// <summary>Services every process of the system needs: options, the read-model database, projections and queries.</summary>
public static class CoreServices
{
    public static IServiceCollection AddOrderActorsCore(this IServiceCollection services, IConfiguration configuration, OrderActorsOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateDatabase(configuration, options));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<SqlOrderProjection>();
        services.AddSingleton<IOrderProjection, OrderProjectionBatcher>();
        services.AddSingleton<IPendingHandOverIndex, SqlPendingHandOverIndex>();
        services.AddSingleton<IDuplicateFinder, SqlDuplicateFinder>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<OrderStatisticsQueries>();
        services.AddSingleton<DuplicateCandidateQueries>();
        services.AddKeyedSingleton<TimeProvider>(OrdersOptions.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.Section));
        services.AddOrderActorsBilling(configuration, options);
        services.AddOrderActorsMarketplaces(configuration);
        services.AddOrderActorsEmail(configuration);
        services.AddOrderActorsEvents(configuration);
        services.AddOrderActorsWorkflows(configuration);
        return services;
    }

    public static ReadModelDatabase CreateDatabase(IConfiguration configuration, OrderActorsOptions options)
    {
        if (options.Mode == RunMode.Cluster)
        {
            var cs = configuration.GetConnectionString(OrderActorsOptions.ConnectionStringName)
                ?? throw new InvalidOperationException("Cluster mode needs ConnectionStrings__OrderActors.");
            return new ReadModelDatabase(SqlDialect.MySql, cs);
        }
        Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        return new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(options.SqliteFilePath));
    }
}
