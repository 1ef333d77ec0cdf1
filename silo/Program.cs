using OrderActors.Silo;

// `dotnet OrderActors.Silo.dll migrate` applies the schema and exits; without a verb it runs a cluster silo.
return args.Contains("migrate", StringComparer.OrdinalIgnoreCase)
    ? await SiloHost.MigrateAsync(args)
    : await SiloHost.RunAsync(args);
