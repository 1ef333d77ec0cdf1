using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrderActors.Grains.Housekeeping;

namespace OrderActors.Storage.Sqlite;

/// <summary>Registers the SQLite grain storage, reminder table and housekeeper of the embedded node.</summary>
public static class SqliteOrleansExtensions
{
    /// <summary>Uses <paramref name="filePath"/> (already migrated) for the providers added below.</summary>
    public static ISiloBuilder UseSqliteFile(this ISiloBuilder silo, string filePath)
    {
        silo.Services.TryAddSingleton(new SqliteOrleansDatabase(filePath));
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageHousekeeper, SqliteHousekeeper>());
        return silo;
    }

    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, (services, _) => new SqliteGrainStorage(
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<SqliteOrleansDatabase>(),
            // Orleans' own serializer: fields are matched by [Id], so state written before a field was added still reads.
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System));
        return silo;
    }

    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }
}
