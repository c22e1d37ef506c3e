import { csBackgroundWork } from '../../../src/core/rules/csharp/background-work';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csBackgroundWork, 'csharp', {
  valid: [
    {
      name: 'tasks awaited in the handler (await, WhenAll, a variable awaited later)',
      code: `using Amazon.Lambda.Core;

public class Function
{
    public async Task<string> FunctionHandler(string input, ILambdaContext context)
    {
        await Task.Run(() => Resize(input));
        var a = Task.Run(() => Fetch("a"));
        var b = Task.Run(() => Fetch("b"));
        await Task.WhenAll(a, b);
        var c = Task.Run(() => Audit(input));
        await c;
        return input;
    }
}
`,
    },
    {
      name: 'Task.Run outside request code (a console tool)',
      code: `class Tool
{
    void Warm() { _ = Task.Run(() => Preload()); }
}
`,
    },
    {
      name: 'a Timer of another namespace, and a method named Run',
      code: `using MyApp.Scheduling;

class C
{
    void M() { var t = new Timer(5); runner.Run(); }
}
`,
    },
  ],
  invalid: [
    {
      name: 'fire-and-forget Task.Run in a Lambda handler',
      code: `using Amazon.Lambda.Core;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        _ = Task.Run(() => SendMetrics(input));
        return input.ToUpper();
    }
}
`,
      errors: [{ line: 7, column: 13, message: '`Task.Run(...)` in `FunctionHandler` starts work the request does not await', severity: 'warning' }],
    },
    {
      name: 'a BackgroundService and a System.Threading.Timer',
      code: `using System.Threading;

public class QueueWorker : BackgroundService
{
    private Timer _timer;
    protected override Task ExecuteAsync(CancellationToken ct)
    {
        _timer = new Timer(Poll, null, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }
}
`,
      errors: [
        { line: 3, column: 14, message: '`QueueWorker` is a hosted service (BackgroundService)' },
        { line: 8, column: 18, message: '`new Timer(...)` fires on a timer' },
      ],
    },
    {
      name: 'a controller action that queues work, and Hangfire recurring jobs',
      code: `public class OrdersController : ControllerBase
{
    [HttpPost]
    public IActionResult Create(Order o)
    {
        ThreadPool.QueueUserWorkItem(_ => Notify(o));
        RecurringJob.AddOrUpdate("cleanup", () => Cleanup(), Cron.Hourly);
        return Ok();
    }
}
`,
      errors: [
        { line: 6, column: 9, message: '`ThreadPool.QueueUserWorkItem(...)` in `Create`' },
        { line: 7, column: 9, message: 'recurring job' },
      ],
    },
    // Each case below reports through one spelling alone (the pre-filter's literals: no other occurs in its text).
    {
      name: 'a partial hosted service implementing IHostedService (its members in another file)',
      code: `using Microsoft.Extensions.Hosting;

public sealed partial class CacheWarmer : IHostedService
{
}
`,
      errors: [{ line: 3, column: 29, message: '`CacheWarmer` is a hosted service (IHostedService)' }],
    },
    {
      name: 'a BackgroundService named by its namespace',
      code: `public partial class Indexer : Microsoft.Extensions.Hosting.BackgroundService
{
}
`,
      errors: [{ line: 1, column: 22, message: '`Indexer` is a hosted service (BackgroundService)' }],
    },
    {
      name: 'a System.Timers.Timer field',
      code: `using System.Timers;

public class Poller
{
    private readonly Timer _timer = new Timer(30000);
}
`,
      errors: [{ line: 5, column: 37, message: '`new Timer(...)` fires on a timer' }],
    },
    {
      name: 'a thread a controller action starts and never joins',
      code: `public class ExportController : ControllerBase
{
    [HttpPost]
    public IActionResult Export(string id)
    {
        var worker = new Thread(() => Build(id));
        worker.Start();
        return Accepted();
    }
}
`,
      errors: [{ line: 7, column: 9, message: '`worker.Start(...)` in `Export` starts work the request does not await' }],
    },
    {
      name: 'a Hangfire job enqueued by a controller action',
      code: `using Hangfire;

public class SignupController : ControllerBase
{
    [HttpPost]
    public IActionResult Register(User u)
    {
        BackgroundJob.Enqueue(() => SendWelcome(u.Email));
        return Ok();
    }
}
`,
      errors: [{ line: 8, column: 9, message: '`BackgroundJob.Enqueue(...)` in `Register`' }],
    },
    {
      name: 'a Hangfire recurring job registered at startup',
      code: `using Hangfire;

public static class Jobs
{
    public static void Register() => RecurringJob.AddOrUpdate("cleanup", () => Cleanup(), Cron.Hourly);
}
`,
      errors: [{ line: 5, column: 38, message: '`RecurringJob.AddOrUpdate(...)` registers a recurring job' }],
    },
  ],
});
