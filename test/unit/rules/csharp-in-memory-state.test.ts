import { csInMemoryState } from '../../../src/core/rules/csharp/in-memory-state';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csInMemoryState, 'csharp', {
  valid: [
    {
      name: 'static readonly SDK clients, constants, and a registry filled in the static constructor',
      code: `using Amazon.Lambda.Core;

public class Function
{
    private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();
    private const int MaxItems = 10;
    private static readonly Dictionary<string, string> Tables = new();
    static Function() { Tables.Add("orders", "orders-prod"); }
    public string FunctionHandler(string id, ILambdaContext context) => Tables[id];
}
`,
    },
    {
      name: 'a cache, and a local variable hiding the field',
      code: `using Amazon.Lambda.Core;

public class Function
{
    private static readonly ConcurrentDictionary<string, string> _secretCache = new();
    private static readonly List<string> seen = new List<string>();
    public string FunctionHandler(string id, ILambdaContext context)
    {
        _secretCache.TryAdd(id, Fetch(id));
        var seen = new List<string>();
        seen.Add(id);
        return id;
    }
}
`,
    },
    {
      name: 'instance fields of an ordinary class',
      code: `public class Basket
{
    private readonly List<string> _items = new();
    private int _count;
    public void Add(string i) { _items.Add(i); _count++; }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a static counter (Interlocked) and a static session dictionary',
      code: `public static class Sessions
{
    private static long _requests;
    private static readonly Dictionary<string, string> _sessions = new Dictionary<string, string>();
    public static void Login(string user, string token)
    {
        Interlocked.Increment(ref _requests);
        _sessions[user] = token;
    }
}
`,
      errors: [
        { line: 3, column: 5, message: '`_requests` is a static counter updated by `Login`', severity: 'warning' },
        { line: 4, column: 5, message: '`_sessions` is a static collection written by `Login`' },
      ],
    },
    {
      name: 'instance state of a Lambda function class (one instance per environment)',
      code: `using Amazon.Lambda.Core;

public class Function
{
    private int _invocations;
    private readonly List<string> _processed = new();
    public string FunctionHandler(string id, ILambdaContext context)
    {
        _invocations++;
        _processed.Add(id);
        return id;
    }
}
`,
      errors: [
        { line: 5, column: 5, message: '`_invocations` is a Function instance counter' },
        { line: 6, column: 5, message: '`_processed` is a Function instance collection' },
      ],
    },
  ],
});
