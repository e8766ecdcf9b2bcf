using YamlDotNet.RepresentationModel;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>No Docker engine runs where the tests run, so compose.yaml is checked by reading it.</summary>
public sealed class the_compose_file
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root(), "compose.yaml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services()[name];
    private static IEnumerable<string> Ports(string name) => ((YamlSequenceNode)Service(name)["ports"]).Select(p => p.ToString());
    private static string Env(string service, string key) => ((YamlMappingNode)Service(service)["environment"])[key].ToString();

    [Fact]
    public void runs_postgres_the_api_and_a_trace_viewer()
    {
        Services().Children.Keys.Select(k => k.ToString()).ShouldBe(["postgres", "api", "jaeger"], ignoreOrder: true);
    }

    [Fact]
    public void publishes_the_ports_the_readme_names()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        Ports("api").ShouldContain("127.0.0.1:5080:8080");
        Ports("postgres").ShouldContain("127.0.0.1:55432:5432");
        Ports("jaeger").ShouldContain("127.0.0.1:16686:16686");
        readme.ShouldContain("http://127.0.0.1:5080");
        readme.ShouldContain("127.0.0.1:55432");
        readme.ShouldContain("http://127.0.0.1:16686");
    }

    [Fact]
    public void gives_the_api_its_database_key_and_otlp_endpoint()
    {
        Env("api", "ASPNETCORE_URLS").ShouldBe("http://0.0.0.0:8080");
        Env("api", "ConnectionStrings__Postgres").ShouldContain("Host=postgres");
        Env("api", "Auth__SigningKey").Length.ShouldBeGreaterThan(32);
        Env("api", "OTEL_EXPORTER_OTLP_ENDPOINT").ShouldBe("http://jaeger:4317");
        ((YamlMappingNode)Service("api")["build"])["dockerfile"].ToString().ShouldBe("src/RecoveryLedger.Api/Dockerfile");
        File.Exists(Path.Combine(Root(), "src/RecoveryLedger.Api/Dockerfile")).ShouldBeTrue();
    }

    [Fact]
    public void builds_the_api_image_as_a_ready_to_run_publish_as_the_benchmark_measures_it()
    {
        // A publish for a runtime is ReadyToRun (Directory.Build.props); the benchmark's cold start publishes the same way.
        var dockerfile = File.ReadAllLines(Path.Combine(Root(), "src/RecoveryLedger.Api/Dockerfile"));
        dockerfile.ShouldContain(l => l.StartsWith("RUN dotnet publish src/RecoveryLedger.Api -c Release -r "));
        var props = File.ReadAllText(Path.Combine(Root(), "Directory.Build.props"));
        props.ShouldContain("<PropertyGroup Condition=\"'$(RuntimeIdentifier)' != ''\">");
        props.ShouldContain("<PublishReadyToRun>true</PublishReadyToRun>");
    }
}
