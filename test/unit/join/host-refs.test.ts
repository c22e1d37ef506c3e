// The hosts a code file's literals connect to (src/core/hostRefs.ts): only the host is kept, never the literal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressNamesIn, hostRefsIn } from '../../../src/core/hostRefs';
import type { FileKind } from '../../../src/core/types';

describe('hostRefsIn', () => {
  const table: [string, FileKind, string, string[]][] = [
    ['a URL with a password', 'javascript', "const pool = new Pool({ connectionString: 'postgres://postgres:postgres@db/postgres' });", ['db']],
    ['an ADO.NET connection string', 'csharp', 'var c = OpenDbConnection("Server=db;Username=postgres;Password=postgres;");', ['db']],
    ['a keyword argument', 'python', 'r = Redis(host="redis", db=0, socket_timeout=5)', ['redis']],
    ['a property', 'typescript', "const client = createClient({ host: 'cache', port: 6379 });", ['cache']],
    [
      'host:port and a cluster-local URL',
      'go',
      'addr := "orders:7070"\nu := "http://cart.shop.svc.cluster.local:8080/x"',
      ['orders', 'cart.shop.svc.cluster.local'],
    ],
    ['a JDBC URL', 'java', 'String url = "jdbc:postgresql://ledger-db:5432/ledger";', ['ledger-db']],
    [
      'the default of an address variable (JavaScript)',
      'javascript',
      "var redisHost = process.env.REDIS_HOST || 'redis'\nconst c = process.env.CART_URL ?? 'cart'",
      ['redis', 'cart'],
    ],
    [
      'the default of an address variable (Python)',
      'python',
      'HOST = os.getenv(\'AMQP_HOST\', \'rabbitmq\')\nh = os.environ.get("DB_HOST") or "mysql"',
      ['rabbitmq', 'mysql'],
    ],
    ['the default of an address variable (Java)', 'java', 'String h = System.getenv("DB_HOST") == null ? "mysql" : System.getenv("DB_HOST");', ['mysql']],
    [
      'defaults of variables that hold no address, and an address variable without a default',
      'python',
      "LEVEL = os.getenv('LOG_LEVEL', 'info')\nMODE = os.getenv('CACHE_MODE') or 'redis'\nh = os.environ['DB_HOST']\nu = get('DB_HOST', default)",
      [],
    ],
    ['loopback, an IP, a bare word, a log format', 'python', 'a = Redis(host="localhost")\nb = "10.0.0.1:6379"\nMODE = "redis"\nlog.info("x: %s", y)', []],
  ];
  for (const [what, kind, text, hosts] of table)
    it(what, () => {
      const refs = hostRefsIn(kind, text) ?? [];
      assert.deepEqual(
        refs.map((r) => r.host),
        hosts,
      );
      for (const r of refs) assert.equal(text.slice(r.start, r.end).toLowerCase(), r.host);
    });
});

describe('addressNamesIn', () => {
  it('lists the address variables a file names, once each, and nothing for other names', () => {
    assert.deepEqual(
      addressNamesIn(
        'java',
        '@Value("http://${BALANCES_API_ADDR}/balances")\nString h = System.getenv("DB_HOST");\nString u = System.getenv("DB_HOST") + LOG_LEVEL;\n',
      ),
      ['BALANCES_API_ADDR', 'DB_HOST'],
    );
    assert.equal(addressNamesIn('python', 'LEVEL = os.environ["LOG_LEVEL"]\nhost = "x"\n'), undefined);
  });
});
