import { csRuntimeCoupling } from '../../../src/core/rules/csharp/runtime-coupling';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csRuntimeCoupling, 'csharp', {
  valid: [
    {
      name: 'presence tests and the logger; a private helper taking the context',
      code: `using Amazon.Lambda.Core;

public class Env
{
    bool OnLambda() => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") != null;
    bool Local() => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"));
    private void Log(string m, ILambdaContext context) => context.Logger.LogInformation(m);
}
`,
    },
    {
      name: 'an ILambdaContext of another library',
      code: `using Acme.Core;

public class C { public void Handle(string s, ILambdaContext context) { var id = context.AwsRequestId; } }
`,
    },
    {
      name: 'a [LambdaFunction] attribute of the project itself, not Lambda Annotations',
      code: `namespace Acme;

public class Jobs
{
    [LambdaFunction]
    public void Run() { }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a handler reading the remaining time, the request id, a Lambda variable and a layer path',
      code: `using Amazon.Lambda.Core;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        var left = context.RemainingTime;
        var id = context.AwsRequestId;
        var root = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT");
        return File.ReadAllText("/opt/config.json") + id + root;
    }
}
`,
      errors: [
        { line: 5, column: 19, message: '`Function.FunctionHandler` is invoked by the Lambda .NET runtime', severity: 'info' },
        { line: 7, column: 20, message: '`context.RemainingTime` asks Lambda how long', severity: 'warning' },
        { line: 8, column: 18, message: '`context.AwsRequestId` reads the ILambdaContext' },
        { line: 9, column: 20, message: '`LAMBDA_TASK_ROOT` is set only by the Lambda runtime' },
        { line: 10, column: 33, message: '`/opt/config.json` points into /opt' },
      ],
    },
    {
      name: 'Lambda Annotations functions: an HTTP route (warning) and an event handler (info)',
      code: `using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;

public class Function
{
    [LambdaFunction]
    [RestApi(LambdaHttpMethod.Post, "/customer")]
    public async Task<IHttpResult> Create([FromBody] Customer c) => HttpResults.Ok("OK");

    [LambdaFunction(MemorySize = 512)]
    public Task Consume(SQSEvent evnt) => Task.CompletedTask;
}
`,
      errors: [
        { line: 8, column: 36, message: '`Function.Create` is a Lambda Annotations function', severity: 'warning' },
        { line: 11, column: 17, message: '`Function.Consume` is a Lambda Annotations function', severity: 'info' },
      ],
    },
    {
      name: 'a custom-runtime bootstrap',
      code: `using Amazon.Lambda.RuntimeSupport;

await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
`,
      errors: [{ line: 3, column: 7, message: 'runs the Lambda custom-runtime loop' }],
    },
    // Each case below reports through one spelling alone (the pre-filter's literals: no other occurs in its text).
    {
      name: 'a handler naming the context by its namespace, reading the function name',
      code: `public class Function
{
    public string Handler(string input, Amazon.Lambda.Core.ILambdaContext ctx) => ctx.FunctionName + input;
}
`,
      errors: [
        { line: 3, column: 19, message: '`Function.Handler` is invoked by the Lambda .NET runtime' },
        { line: 3, column: 83, message: '`ctx.FunctionName` reads the ILambdaContext' },
      ],
    },
    {
      name: 'a layer path in a verbatim string',
      code: `public class Media
{
    private const string Ffmpeg = @"/opt/bin/ffmpeg";
}
`,
      errors: [{ line: 3, column: 35, message: '`/opt/bin/ffmpeg` points into /opt' }],
    },
    ...['AWS_LAMBDA_FUNCTION_NAME', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_EXECUTION_ENV', '_HANDLER', '_X_AMZN_TRACE_ID'].map((name) => ({
      name: `a read of ${name} outside any handler`,
      code: `public static class Runtime
{
    public static string Value() => Environment.GetEnvironmentVariable("${name}");
}
`,
      errors: [{ line: 3, column: 37, message: `\`${name}\` is set only by the Lambda runtime` }],
    })),
  ],
});
