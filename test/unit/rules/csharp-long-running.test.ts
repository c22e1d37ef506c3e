import { csLongRunning } from '../../../src/core/rules/csharp/long-running';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csLongRunning, 'csharp', {
  valid: [
    {
      name: 'a connect loop that breaks once connected, and a retry loop that returns',
      code: `using System.Net.Sockets;
using Npgsql;

class Db
{
    static NpgsqlConnection Open(string cs)
    {
        NpgsqlConnection connection;
        while (true)
        {
            try { connection = new NpgsqlConnection(cs); connection.Open(); break; }
            catch (SocketException) { Thread.Sleep(1000); }
        }
        return connection;
    }

    static string Fetch()
    {
        for (;;)
        {
            try { return Call(); } catch (Exception) { Thread.Sleep(500); }
        }
    }
}
`,
    },
    {
      name: 'a drain loop whose flag the body sets, and an iterator that yields',
      code: `class Drain
{
    void Run(Queue<string> q)
    {
        bool done = false;
        while (!done)
        {
            var m = q.Count > 0 ? q.Dequeue() : null;
            if (m == null) done = true; else Handle(m);
        }
    }

    IEnumerable<int> Naturals()
    {
        var i = 0;
        while (true) yield return i++;
    }
}
`,
    },
    {
      name: 'a loop bounded by the remaining invocation time, and one with a deadline throw',
      code: `using Amazon.Lambda.Core;

public class Function
{
    public void Handler(string input, ILambdaContext context)
    {
        while (true)
        {
            if (context.RemainingTime < TimeSpan.FromSeconds(5)) break;
            Work();
        }
    }

    void WaitFor(DateTime deadline)
    {
        while (true)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            if (Ready()) return;
        }
    }
}
`,
    },
    {
      name: 'an accept loop (the server is csharp/listening-server) and a hosted service (csharp/background-work)',
      code: `using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

class Server
{
    void Serve(TcpListener listener)
    {
        while (true) { Handle(listener.AcceptTcpClient()); }
    }
}

public class Worker : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
        }
    }
}
`,
    },
    {
      name: 'short waits are back-offs; loops with a condition of their own end',
      code: `class B
{
    async Task M(DbDataReader reader, int n)
    {
        Thread.Sleep(500);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Task.Delay(5 * 1000);
        while (reader.Read()) Handle(reader);
        for (var i = 0; i < n; i++) Step(i);
        while (!File.Exists("ready")) await Task.Delay(100);
    }
}
`,
    },
    {
      name: 'a Lambda extension runs beside the function by design',
      code: `class Extension
{
    async Task Loop(HttpClient http)
    {
        var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        while (true) { await http.GetAsync($"http://{api}/2020-01-01/extension/event/next"); }
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a for loop with a comment between its semicolons, and nothing else the pre-filter looks for',
      code: `class Spinner
{
    void Spin()
    {
        for (; /* forever */ ;) { Tick(); }
    }
}
`,
      errors: [{ line: 5, message: 'in `Spin` loops until the process stops' }],
    },
    {
      name: 'a worker whose Main pops a Redis list for ever (program-only)',
      code: `using StackExchange.Redis;

public class Program
{
    public static int Main(string[] args)
    {
        var redis = ConnectionMultiplexer.Connect("redis").GetDatabase();
        while (true)
        {
            Thread.Sleep(100);
            string json = redis.ListLeftPopAsync("votes").Result;
            if (json != null) Save(json);
        }
    }
}
`,
      errors: [{ line: 8, column: 9, message: '`while (true)` in `Main` polls a Redis list for as long as the process lives', severity: 'warning' }],
    },
    {
      name: 'a Kafka consume loop until cancellation, outside a hosted service',
      code: `using Confluent.Kafka;

class OrderConsumer
{
    public void Run(IConsumer<string, string> consumer, CancellationTokenSource cts)
    {
        while (!cts.Token.IsCancellationRequested)
        {
            var cr = consumer.Consume(cts.Token);
            Handle(cr.Message.Value);
        }
    }
}
`,
      errors: [
        {
          line: 7,
          message:
            'in `Run` polls Kafka for as long as the process lives, which no Lambda invocation can do (900 s at most). Use an Amazon MSK or self-managed Kafka event source mapping',
        },
      ],
    },
    {
      name: 'an SQS receive loop and a plain for (;;) loop',
      code: `using Amazon.SQS;

class Poller
{
    private readonly IAmazonSQS _sqs;
    private bool _running = true;

    public async Task Poll(string url)
    {
        while (_running)
        {
            var resp = await _sqs.ReceiveMessageAsync(url);
            foreach (var m in resp.Messages) await Handle(m);
        }
    }

    void Spin()
    {
        for (;;) { Tick(); }
    }
}
`,
      errors: [
        {
          line: 10,
          message:
            '`while (_running)` in `Poll` polls SQS for as long as the process lives, which no Lambda invocation can do (900 s at most). Use an SQS event source mapping',
        },
        { line: 19, message: '`for (;;)` in `Spin` loops until the process stops' },
      ],
    },
    {
      name: 'a return inside a lambda does not leave the loop; do … while (true) in top-level statements',
      code: `var items = new List<int>();
do
{
    items.ForEach(x => { if (x > 3) return; Use(x); });
    Refresh(items);
} while (true);
`,
      errors: [{ line: 2, column: 1, message: '`do … while (true)` in `the top-level statements` loops until the process stops' }],
    },
    {
      name: 'long waits in a handler: minutes, seconds, milliseconds',
      code: `using Amazon.Lambda.Core;

public class Function
{
    public async Task Handler(string input, ILambdaContext context)
    {
        await Task.Delay(TimeSpan.FromMinutes(5));
        Thread.Sleep(30_000);
        await Task.Delay(60 * 1000);
    }
}
`,
      errors: [
        { line: 7, message: '`Task.Delay(TimeSpan.FromMinutes(5))` waits 300 s inside the invocation' },
        { line: 8, message: '`Thread.Sleep(30_000)` waits 30 s' },
        { line: 9, message: '`Task.Delay(60 * 1000)` waits 60 s' },
      ],
    },
    {
      name: 'a console program that waits for ever after starting its consumer',
      code: `using RabbitMQ.Client;

var factory = new ConnectionFactory { HostName = "rabbitmq" };
StartConsumer(factory);
await Task.Delay(Timeout.Infinite);
`,
      errors: [{ line: 5, column: 7, message: '`Task.Delay(Timeout.Infinite)` waits forever, so the program lives until it is stopped' }],
    },
    {
      name: 'a hosted service that consumes Kafka: the consumer says what replaces the loop',
      code: `using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

internal class Consumer : BackgroundService
{
    private readonly IConsumer<string, byte[]> _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try { Process(_consumer.Consume(stoppingToken)); }
            catch (ConsumeException e) { Log(e); }
        }
    }
}
`,
      errors: [{ line: 11, message: '`while (!stoppingToken.IsCancellationRequested)` in `ExecuteAsync` polls Kafka' }],
    },
  ],
});
