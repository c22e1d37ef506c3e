import { csListeningServer } from '../../../src/core/rules/csharp/listening-server';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csListeningServer, 'csharp', {
  valid: [
    {
      name: 'ASP.NET Core hosted on Lambda with AddAWSLambdaHosting',
      code: `var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
var app = builder.Build();
app.MapControllers();
app.Run();
`,
    },
    {
      name: 'the AWS template: LambdaEntryPoint plus a LocalEntryPoint for local runs',
      code: `using Amazon.Lambda.AspNetCoreServer;

namespace Api;

public class LambdaEntryPoint : APIGatewayProxyFunction
{
    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<Startup>();
}
`,
    },
    {
      name: 'LocalEntryPoint alone is the local host of a Lambda project',
      code: `namespace Api;

public class LocalEntryPoint
{
    public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();
    public static IHostBuilder CreateHostBuilder(string[] args) =>
        Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(w => w.UseStartup<Startup>());
}
`,
    },
    {
      name: 'a worker service host (no web host) is not a server',
      code: `IHost host = Host.CreateDefaultBuilder(args)
    .ConfigureServices(s => s.AddHostedService<Worker>())
    .Build();
host.Run();
`,
    },
    {
      name: 'a loopback-only HttpListener and a local-only Kestrel',
      code: `var l = new HttpListener();
l.Prefixes.Add("http://localhost:8080/");
var t = new TcpListener(IPAddress.Loopback, 5000);
var app = WebApplication.Create(args);
app.Run("http://localhost:5000");
`,
    },
    {
      name: 'test projects',
      file: 'tests/Api.Tests/ProgramTests.cs',
      code: `var app = WebApplication.Create(args);
app.Run();
`,
    },
  ],
  invalid: [
    {
      name: 'minimal API Program.cs (top-level statements)',
      code: `var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Hello");
app.Run();
`,
      errors: [{ line: 4, column: 1, message: '`app.Run(...)` starts Kestrel on a port', severity: 'warning' }],
    },
    {
      name: 'classic Program.Main through CreateHostBuilder',
      code: `namespace Shop;

public class Program
{
    public static void Main(string[] args)
    {
        CreateHostBuilder(args).Build().Run();
    }

    public static IHostBuilder CreateHostBuilder(string[] args) =>
        Host.CreateDefaultBuilder(args)
            .ConfigureWebHostDefaults(webBuilder => webBuilder.UseStartup<Startup>());
}
`,
      errors: [{ line: 7, column: 9, message: '`CreateHostBuilder(...).Build(...).Run(...)` starts Kestrel' }],
    },
    {
      name: 'gRPC services mapped in the same file',
      code: `var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<CartService>();
await app.RunAsync();
`,
      errors: [{ line: 5, column: 7, message: 'serves gRPC services on a port', severity: 'error' }],
    },
    {
      name: 'a TcpListener on all interfaces',
      code: `class Echo
{
    void Start() { var l = new TcpListener(IPAddress.Any, 7000); l.Start(); }
}
`,
      errors: [{ line: 3, column: 28, message: '`new TcpListener(...)` listens for connections', severity: 'error' }],
    },
    // Each case below reports through one spelling alone (the pre-filter's literals: no other occurs in its text).
    {
      name: 'an HttpListener on every interface',
      code: `class Hooks
{
    void Listen()
    {
        var l = new HttpListener();
        l.Prefixes.Add("http://+:8080/hooks/");
        l.Start();
    }
}
`,
      errors: [{ line: 5, column: 17, message: '`new HttpListener(...)` listens for connections', severity: 'error' }],
    },
    {
      name: 'an ASP.NET Core 2 WebHost built by a method of the file',
      code: `public class Program
{
    public static void Main(string[] args) => BuildWebHost(args).Run();

    public static IWebHost BuildWebHost(string[] args) => WebHost.CreateDefaultBuilder(args).UseStartup<Startup>().Build();
}
`,
      errors: [{ line: 3, column: 47, message: '`BuildWebHost(...).Run(...)` starts Kestrel' }],
    },
    {
      name: "a builder of the project's own made a web host by UseKestrel",
      code: `var host = Hosting.Builder(args).UseKestrel().Build();
host.Run();
`,
      errors: [{ line: 2, column: 1, message: '`host.Run(...)` starts Kestrel' }],
    },
    {
      name: 'a builder made a web host by ConfigureKestrel',
      code: `var host = Hosting.Builder(args).ConfigureKestrel(k => k.ListenAnyIP(8080)).Build();
await host.RunAsync();
`,
      errors: [{ line: 2, column: 7, message: '`host.RunAsync(...)` starts Kestrel' }],
    },
    {
      name: 'a builder made a web host by UseUrls, started in one chain',
      code: `Hosting.Builder(args).UseUrls("http://0.0.0.0:5000").Build().Start();
`,
      errors: [{ line: 1, column: 1, message: 'starts Kestrel' }],
    },
  ],
});
