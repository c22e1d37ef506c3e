// Host names a code file connects to, written in its string literals: a URL's host (`postgres://u:p@db/app`), a
// connection string's server (`Server=db;…`), a keyword argument or property that names a host (`host="redis"`,
// `Host: 'cache'`), a `host:port` literal (`"redis:6379"`). Only the host and where it is written are kept, never the
// rest of the literal (it may hold a password). The join keeps those that name a Service of the cluster
// (join/clusterCalls.ts).
import type { FileFacts, FileKind } from './types';

type HostRef = NonNullable<FileFacts['hostRefs']>[number];

const HOST_NAME = '([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)';
/** An environment variable that holds an address (`REDIS_HOST`, `CATALOGUE_URL`), as join/clusterCalls.ts reads them. */
const ADDRESS_NAME = '\\b[A-Z][A-Z0-9_]*(?:HOSTS?|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINTS?|SERVERS?|SERVICE|SVC|BROKERS?)';
/** The shapes, each with the host as its first group. */
const PATTERNS: RegExp[] = [
  // A URL in a string: `scheme://[user[:password]@]host[:port]`.
  new RegExp(`["'\`](?:jdbc:)?[a-z][a-z0-9+.-]*://(?:[^@/\\s"'\`]*@)?${HOST_NAME}(?=[:/"'\`?#])`, 'g'),
  // A connection string's server: `Server=db;`, `Host=db;`, `Data Source=db,1433`.
  new RegExp(`["'\`;]\\s*(?:Server|Host|Data Source|Address)\\s*=\\s*(?:tcp:)?${HOST_NAME}\\s*(?=[;,:"'\`])`, 'gi'),
  // A keyword argument, property or assignment naming a host: `host="redis"`, `Host: 'cache'`, `hostname = "db"`.
  new RegExp(`\\b(?:host|hostname|server|address|addr)\\s*[=:]\\s*["'\`]${HOST_NAME}(?::\\d+)?["'\`]`, 'gi'),
  // A `host:port` literal: `"redis:6379"`.
  new RegExp(`["'\`]${HOST_NAME}:(\\d{2,5})["'\`]`, 'g'),
  // The default of an address variable: `process.env.REDIS_HOST || 'redis'`, `os.getenv('AMQP_HOST', 'rabbitmq')`,
  // `os.environ.get("DB_HOST") or "db"`, `getenv("DB_HOST") == null ? "mysql" : …`.
  new RegExp(`${ADDRESS_NAME}["'\`]?\\s*\\)?\\s*(?:\\|\\||\\?\\?|,|\\bor\\b|==\\s*null\\s*\\?)\\s*["'\`]${HOST_NAME}["'\`]`, 'g'),
];

/** Text without any of these cannot hold one of the shapes (each needs a scheme, a host word or a port). */
const GATE = /:\/\/|\b(?:host|hostname|server|address|addr|data source)\b|["'`][\w.-]+:\d/i;
/** …or an address variable's name (the last shape). */
const NAME_GATE = new RegExp(ADDRESS_NAME);
/** The literal an address variable's name ends in, without which NAME_GATE cannot match (a few times cheaper). */
const NAME_WORD = /HOST|ADDR|UR[LI]|ENDPOINT|SERVER|SERVICE|SVC|BROKER/;
const hasAddressName = (text: string) => NAME_WORD.test(text) && NAME_GATE.test(text);
const HOST_SHAPES = PATTERNS.slice(0, 4);
const NAME_SHAPES = PATTERNS.slice(4);

const MAX_REFS = 40;

/** The hosts a code file's literals name, with their offsets (at most MAX_REFS). */
export function hostRefsIn(kind: FileKind, text: string): HostRef[] | undefined {
  if (kind === 'unknown') return undefined;
  // The first four shapes need GATE, the last an address variable's name: a shape whose gate fails cannot match.
  const hosts = GATE.test(text);
  const names = hasAddressName(text);
  if (!hosts && !names) return undefined;
  const out: HostRef[] = [];
  for (const re of hosts ? (names ? PATTERNS : HOST_SHAPES) : NAME_SHAPES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < MAX_REFS; m = re.exec(text)) {
      const host = m[1].toLowerCase();
      // Numbers (an IP address, a bare port) and loopback names are no Service.
      if (/^[\d.]+$/.test(host) || host === 'localhost') continue;
      const start = m.index + m[0].indexOf(m[1]);
      if (!out.some((r) => r.start === start)) out.push({ host, start, end: start + m[1].length });
    }
  }
  return out.length ? out.sort((a, b) => a.start - b.start) : undefined;
}

/** Address variable names a code file mentions (`BALANCES_API_ADDR`, `os.environ["REDIS_HOST"]`), at most MAX_NAMES. */
const ADDRESS_NAMES = new RegExp(`${ADDRESS_NAME}\\b`, 'g');
const MAX_NAMES = 100;

export function addressNamesIn(kind: FileKind, text: string): string[] | undefined {
  if (kind === 'unknown' || !hasAddressName(text)) return undefined;
  const out = new Set<string>();
  ADDRESS_NAMES.lastIndex = 0;
  for (let m = ADDRESS_NAMES.exec(text); m && out.size < MAX_NAMES; m = ADDRESS_NAMES.exec(text)) out.add(m[0]);
  return out.size ? [...out].sort() : undefined;
}
