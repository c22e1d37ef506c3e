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
  ],
});
