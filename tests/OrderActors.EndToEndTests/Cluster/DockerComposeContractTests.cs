using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MySqlConnector;
using OrderActors.Hosting;
using OrderActors.Testing;
using YamlDotNet.RepresentationModel;

namespace OrderActors.EndToEndTests.Cluster;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked against the code instead:
/// the services, their entrypoints and ports, and that every environment name is a setting the code reads.
/// </summary>
public sealed partial class DockerComposeContractTests
{
    private static readonly string[] AppServices = ["migrate", "silo1", "silo2", "api"];

    private readonly YamlMappingNode _services;
    private readonly string _dockerfile;

    public DockerComposeContractTests()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docker-compose.yml"))));
        _services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"];
        _dockerfile = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Dockerfile"));
    }

    [Fact]
    public void It_describes_mariadb_a_migrate_step_two_silos_and_the_api_host()
    {
        Assert.Equal(["mariadb", .. AppServices], _services.Children.Keys.Select(k => k.ToString()));
        Assert.StartsWith("mariadb:", Scalar(Service("mariadb"), "image"));
        Assert.Contains("--max-allowed-packet=64M", Sequence(Service("mariadb"), "command"));
    }

    [Fact]
    public void Every_environment_name_of_the_app_services_is_a_setting_the_code_reads()
    {
        var known = KnownSettingNames();
        foreach (var service in AppServices)
        {
            foreach (var name in Environment(service).Keys)
            {
                Assert.True(known.Contains(name), $"{service}: {name} is not a setting the code reads (known: {string.Join(", ", known.Order())})");
            }
            var options = Options(service);
            Assert.Equal(RunMode.Cluster, options.Mode);
        }
    }

    [Fact]
    public void Every_app_service_reaches_the_compose_database_with_its_credentials()
    {
        var mariadb = Environment("mariadb");
        foreach (var service in AppServices)
        {
            var raw = Environment(service)[$"ConnectionStrings__{OrderActorsOptions.ConnectionStringName}"];
            var connection = new MySqlConnectionStringBuilder(WithDefaults(raw));
            Assert.Equal("mariadb", connection.Server);
            Assert.Equal(3306u, connection.Port);
            Assert.Equal(mariadb["MARIADB_DATABASE"], connection.Database);
            Assert.Equal(mariadb["MARIADB_USER"], connection.UserID);
            Assert.Equal(WithDefaults(mariadb["MARIADB_PASSWORD"]), connection.Password);
        }
    }

    [Fact]
    public void Migrate_runs_the_silo_migrate_verb_once_mariadb_is_healthy_and_the_rest_start_after_it()
    {
        Assert.Equal(["dotnet", PublishedDll("silo", RepositoryLayout.SiloDll)], Sequence(Service("migrate"), "entrypoint"));
        Assert.Equal(["migrate"], Sequence(Service("migrate"), "command"));
        Assert.Equal("service_healthy", DependsOn("migrate", "mariadb"));
        foreach (var service in new[] { "silo1", "silo2", "api" })
        {
            Assert.Equal("service_completed_successfully", DependsOn(service, "migrate"));
        }
    }

    [Fact]
    public void Silos_publish_their_own_address_and_expose_the_ports_they_listen_on()
    {
        var clusterIds = new HashSet<string>();
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            var options = Options(silo);
            Assert.Equal(["dotnet", PublishedDll("silo", RepositoryLayout.SiloDll)], Sequence(Service(silo), "entrypoint"));
            Assert.Equal(silo, options.AdvertisedAddress);
            Assert.Equal(silo, Scalar(Service(silo), "hostname"));
            var exposed = Sequence(Service(silo), "expose");
            Assert.Contains(options.SiloPort.ToString(), exposed);
            Assert.Contains(options.GatewayPort.ToString(), exposed);
            clusterIds.Add($"{options.ClusterId}/{options.ServiceId}");
        }
        clusterIds.Add($"{Options("api").ClusterId}/{Options("api").ServiceId}");
        Assert.Single(clusterIds);
    }

    [Fact]
    public void The_api_host_publishes_the_port_it_listens_on()
    {
        Assert.Equal(["dotnet", PublishedDll("api-host", RepositoryLayout.ApiHostDll)], Sequence(Service("api"), "entrypoint"));
        var listenPort = UrlPort().Match(Environment("api")["ASPNETCORE_URLS"]).Groups["port"].Value;
        var published = Assert.Single(Sequence(Service("api"), "ports")).Split(':');
        Assert.Equal(listenPort, published[^1]);
    }

    [Fact]
    public void The_dockerfile_builds_on_the_sdk_runs_on_aspnet_and_copies_files_that_exist()
    {
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", _dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", _dockerfile);
        Assert.Contains("dotnet publish silo/OrderActors.Silo.csproj -c Release --no-restore -o /app/silo", _dockerfile);
        Assert.Contains("dotnet publish api-host/OrderActors.ApiHost.csproj -c Release --no-restore -o /app/api-host", _dockerfile);
        var copies = CopyLine().Matches(_dockerfile);
        Assert.True(copies.Count >= 10, $"expected the Dockerfile to copy the project files and sources, found {copies.Count} COPY lines");
        foreach (Match copy in copies)
        {
            foreach (var source in copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(Path.Exists(Path.Combine(RepositoryLayout.Root, source)), $"Dockerfile copies {source}, which does not exist");
            }
        }
    }

    [Fact]
    public void The_dockerfile_copies_every_project_the_silo_and_the_api_host_build_from()
    {
        var copied = CopyLine().Matches(_dockerfile).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        foreach (var project in ReferencedProjects("silo/OrderActors.Silo.csproj").Union(ReferencedProjects("api-host/OrderActors.ApiHost.csproj")))
        {
            var folder = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            Assert.True(copied.Contains(project), $"the Dockerfile's restore stage does not copy {project}");
            Assert.True(copied.Contains(folder), $"the Dockerfile does not copy the sources of {folder}");
        }
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static HashSet<string> ReferencedProjects(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }
            var directory = Path.GetDirectoryName(Path.Combine(RepositoryLayout.Root, next))!;
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(Path.Combine(RepositoryLayout.Root, next))))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar)));
                pending.Push(Path.GetRelativePath(RepositoryLayout.Root, full).Replace('\\', '/'));
            }
        }
        return found;
    }

    private static string PublishedDll(string folder, string builtDll) => $"/app/{folder}/{Path.GetFileName(builtDll)}";

    /// <summary>The settings the hosts bind: <c>OrderActors:*</c> options, <c>OrderActors:Jwt:*</c>, the connection string, the listen URLs.</summary>
    private static HashSet<string> KnownSettingNames()
    {
        var names = new HashSet<string> { $"ConnectionStrings__{OrderActorsOptions.ConnectionStringName}", "ASPNETCORE_URLS" };
        foreach (var property in typeof(OrderActorsOptions).GetProperties().Where(p => p.CanWrite))
        {
            names.Add($"{OrderActorsOptions.Section}__{property.Name}");
        }
        var jwtSettings = Assembly.LoadFrom(RepositoryLayout.ApiHostDll).GetType("OrderActors.ApiHost.Security.JwtSettings", throwOnError: true)!;
        var jwtSection = ((string)jwtSettings.GetField("Section")!.GetValue(null)!).Replace(":", "__");
        foreach (var property in jwtSettings.GetProperties().Where(p => p.CanWrite))
        {
            names.Add($"{jwtSection}__{property.Name}");
        }
        return names;
    }

    private OrderActorsOptions Options(string service)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Environment(service).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)WithDefaults(e.Value))))
            .Build();
        return OrderActorsOptions.From(configuration);
    }

    // Compose interpolation: ${NAME:-default} becomes the default (no such variables are set for the test).
    private static string WithDefaults(string value) => Interpolation().Replace(value, m => m.Groups["default"].Value);

    private YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    private Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());

    private string DependsOn(string service, string dependency) =>
        Scalar((YamlMappingNode)((YamlMappingNode)Service(service)["depends_on"])[dependency], "condition");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value ?? "";

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList();

    [GeneratedRegex(@"\$\{[A-Z_]+(:-(?<default>[^}]*))?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"https?://[^:/]+:(?<port>\d+)")]
    private static partial Regex UrlPort();

    [GeneratedRegex(@"(?m)^COPY (?!--from)(?<sources>.+) \S+$")]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
