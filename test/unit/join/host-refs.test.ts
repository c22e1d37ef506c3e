// The hosts a code file's literals connect to (src/core/hostRefs.ts): only the host is kept, never the literal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostRefsIn } from '../../../src/core/hostRefs';
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
