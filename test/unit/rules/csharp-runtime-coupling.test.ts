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
      name: 'a custom-runtime bootstrap',
      code: `using Amazon.Lambda.RuntimeSupport;

await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
`,
      errors: [{ line: 3, column: 7, message: 'runs the Lambda custom-runtime loop' }],
    },
  ],
});
