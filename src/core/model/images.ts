// Container image references: repository and base name, and the public images whose protocol and origin are known.
import { maskSecrets } from '../secrets';
import { SHELLS, shellWords, WRAPPERS } from './build';

/** `registry:5000/org/name:tag@sha256:…` → `registry:5000/org/name` (lower case). Templated parts stay as written. */
export function imageRepo(image: string): string {
  let s = image.trim().replace(/@sha256:[a-f0-9]+$/i, '');
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  // A colon after the last slash starts the tag, unless it sits inside `${VAR}` or `{{ }}`.
  if (colon > slash && !/\$\{[^}]*$|\{\{[^}]*$/.test(s.slice(0, colon))) s = s.slice(0, colon);
  return s.toLowerCase();
}

/** The image's last path segment without tag: `gcr.io/acme/orders:1.2` → `orders`. */
export function imageBase(image: string): string {
  const repo = imageRepo(image);
  return repo.slice(repo.lastIndexOf('/') + 1);
}

/** Names compared loosely: `currency-service`, `currency_service` and `CurrencyService` are the same. */
export function looseName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Datastores, brokers and caches by image base name: their clients speak a TCP protocol of their own. */
const DATASTORE_IMAGES: Record<string, string> = {
  redis: 'Redis',
  'redis-stack': 'Redis',
  'redis-stack-server': 'Redis',
  valkey: 'Valkey',
  keydb: 'KeyDB',
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  postgis: 'PostgreSQL',
  mysql: 'MySQL',
  'mysql-server': 'MySQL',
  mariadb: 'MariaDB',
  mongo: 'MongoDB',
  mongodb: 'MongoDB',
  'mongodb-community-server': 'MongoDB',
  memcached: 'memcached',
  rabbitmq: 'RabbitMQ',
  kafka: 'Kafka',
  'cp-kafka': 'Kafka',
  zookeeper: 'ZooKeeper',
  'cp-zookeeper': 'ZooKeeper',
  nats: 'NATS',
  'nats-streaming': 'NATS',
  cassandra: 'Cassandra',
  scylla: 'ScyllaDB',
  elasticsearch: 'Elasticsearch',
  opensearch: 'OpenSearch',
  etcd: 'etcd',
  rethinkdb: 'RethinkDB',
  // An in-memory data grid: its members hold the data and talk to each other and to clients over their own protocol.
  hazelcast: 'Hazelcast',
  'hazelcast-kubernetes': 'Hazelcast',
  consul: 'Consul',
  cockroach: 'CockroachDB',
  mssql: 'SQL Server',
  'mssql-server-linux': 'SQL Server',
  clickhouse: 'ClickHouse',
  'clickhouse-server': 'ClickHouse',
  influxdb: 'InfluxDB',
  neo4j: 'Neo4j',
  pulsar: 'Pulsar',
  activemq: 'ActiveMQ',
  'activemq-artemis': 'ActiveMQ Artemis',
  emqx: 'MQTT',
  mosquitto: 'MQTT',
  'eclipse-mosquitto': 'MQTT',
  spanner: 'Spanner emulator',
  // DynamoDB Local, the development stand-in: on AWS, the table itself.
  'dynamodb-local': 'DynamoDB',
  'aws-dynamodb-local': 'DynamoDB',
  'heapster-influxdb': 'InfluxDB',
  // Microsoft's open-source DocumentDB (PostgreSQL underneath, MongoDB's wire protocol on top).
  documentdb: 'DocumentDB (MongoDB-compatible)',
  'documentdb-local': 'DocumentDB (MongoDB-compatible)',
};

/**
 * The AWS managed service that takes a datastore's place, by the product datastoreOf names; a product AWS offers no
 * managed form of is absent.
 */
const MANAGED_ON_AWS: Record<string, string> = {
  Redis: 'Amazon ElastiCache (Valkey or Redis OSS) or Amazon MemoryDB',
  Valkey: 'Amazon ElastiCache for Valkey or Amazon MemoryDB',
  KeyDB: 'Amazon ElastiCache (Valkey or Redis OSS), which speaks the same protocol',
  memcached: 'Amazon ElastiCache for Memcached',
  PostgreSQL: 'Amazon RDS for PostgreSQL or Aurora PostgreSQL',
  MySQL: 'Amazon RDS for MySQL or Aurora MySQL',
  MariaDB: 'Amazon RDS for MariaDB',
  'SQL Server': 'Amazon RDS for SQL Server',
  MongoDB: 'Amazon DocumentDB (MongoDB compatibility) or MongoDB Atlas on AWS',
  'DocumentDB (MongoDB-compatible)': 'Amazon DocumentDB (MongoDB compatibility)',
  RabbitMQ: 'Amazon MQ for RabbitMQ',
  ActiveMQ: 'Amazon MQ for ActiveMQ',
  'ActiveMQ Artemis': 'Amazon MQ for ActiveMQ',
  Kafka: 'Amazon MSK',
  ZooKeeper: 'Amazon MSK, which runs the metadata quorum for you',
  Cassandra: 'Amazon Keyspaces (for Apache Cassandra)',
  ScyllaDB: 'Amazon Keyspaces (CQL-compatible) or ScyllaDB Cloud on AWS',
  Elasticsearch: 'Amazon OpenSearch Service',
  OpenSearch: 'Amazon OpenSearch Service',
  InfluxDB: 'Amazon Timestream for InfluxDB',
  Neo4j: 'Amazon Neptune (openCypher) or Neo4j AuraDB',
  MQTT: 'AWS IoT Core (MQTT)',
  DynamoDB: 'the DynamoDB table itself',
};

/** What to replace a datastore with on AWS: its managed service where AWS runs one, else a hosted offering of it. */
export function managedServiceFor(product: string): string {
  return MANAGED_ON_AWS[product] ?? `a hosted ${product} service (AWS runs none)`;
}

/** Products whose image's base name alone says too little (`mcr.microsoft.com/mssql/server`), by repository path. */
const DATASTORE_REPOS: [RegExp, string][] = [[/(^|\/)mssql\/server$/, 'SQL Server']];

/** An image's base name without an architecture suffix (`heapster-grafana-amd64` → `heapster-grafana`). */
function productBase(image: string): string {
  return imageBase(image).replace(/-(?:amd64|arm64|arm|ppc64le|s390x)$/, '');
}

/** The protocol of a well-known datastore/broker image, if it is one. */
export function datastoreOf(image: string | undefined): string | undefined {
  if (!image || image.includes('{{')) return undefined;
  const repo = imageRepo(image);
  return DATASTORE_IMAGES[productBase(image)] ?? DATASTORE_REPOS.find(([re]) => re.test(repo))?.[1];
}

/** Client tools a datastore's image ships: a container whose command starts one uses the datastore, it does not run it. */
const CLIENT_TOOLS =
  /^(psql|pg_dump|pg_dumpall|pg_restore|pg_isready|createdb|redis-cli|valkey-cli|mongo|mongosh|mongodump|mongorestore|mongoimport|mongoexport|mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|cqlsh|nodetool|etcdctl|consul-template|kafka-topics(\.sh)?|kafka-console-(consumer|producer)(\.sh)?|kafka-configs(\.sh)?|rabbitmqadmin|rabbitmqctl|nats|influx|clickhouse-client|cypher-shell|sqlcmd|curl|wget)$/;
/** Programs that only keep a container alive: the image is there for the tools one runs in it with `kubectl exec`. */
const IDLE_PROGRAMS = /^(sleep|tail|pause|true|cat)$/;
/**
 * The commands of a `sh -c` / `bash -c` script (what follows `-c`, split at `&&`, `||`, `;` and line ends); undefined
 * for a shell without a script.
 */
function shellScript(argv: readonly string[]): string[] | undefined {
  return dashCScript(argv)
    ?.split(/&&|\|\||;|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The script a command line hands a shell after its launchers (`tini -- sh -c "…"`); undefined for no shell script. */
function inlineScript(argv: readonly string[]): string | undefined {
  let rest = [...argv];
  while (rest.length && WRAPPERS.test(rest[0])) rest = rest.slice(1);
  return SHELLS.test(rest[0] ?? '') ? dashCScript(rest) : undefined;
}

/** The script of a shell's command line: what follows `-c`, joined; undefined without one. */
function dashCScript(argv: readonly string[]): string | undefined {
  const c = argv.indexOf('-c');
  return c < 0 || c + 1 >= argv.length ? undefined : argv.slice(c + 1).join(' ');
}

/**
 * A container whose command only keeps it alive (`sleep infinity`, `tail -f /dev/null`, a shell's `while true; do
 * sleep 3600; done`): a placeholder holding capacity (a balloon pod) or a pod kept for `kubectl exec`.
 */
export function keptIdle(c: { command?: string[]; args?: string[] }): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length) return false;
  const idle = (words: string[]) => {
    const w = words.filter((x) => !/^(?:do|then|else|exec)$/.test(x));
    const first = w[0]?.replace(/^.*\//, '');
    return first === undefined || IDLE_PROGRAMS.test(first) || /^(?:while|until|done|fi|if|true|:)$/.test(first);
  };
  if (!SHELLS.test(argv[0])) return IDLE_PROGRAMS.test(argv[0].replace(/^.*\//, ''));
  const commands = shellScript(argv) ?? [];
  return (
    commands.length > 0 && commands.some((cmd) => /^(?:do\s+)?(?:exec\s+)?(?:sleep|tail|pause)\b/.test(cmd)) && commands.every((cmd) => idle(shellWords(cmd)))
  );
}

/**
 * A container whose command says it runs without end: a shell loop (`while true; do …; done`, `until false`), `watch`
 * (which re-runs its command every 2 s), `tail -f`, `sleep infinity`. A bare Pod kept running needs one of these to be
 * read as a worker: its default command may be anything, from a server to a one-off script.
 */
export function runsWithoutEnd(c: { command?: string[]; args?: string[] }): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length) return false;
  if (keptIdle(c) || /^watch$/.test(argv[0].replace(/^.*\//, ''))) return true;
  if (!SHELLS.test(argv[0])) return false;
  const commands = shellScript(argv) ?? [];
  return commands.some((cmd) => /^(?:while\s+(?:true|:|\[\s*1\s*\])|until\s+false)\b|^(?:exec\s+)?watch\s/.test(cmd.trim()));
}

/** The servers those images run, when a command names one (`redis-server --appendonly yes`, `postgres -c …`). */
const SERVER_BINARIES =
  /^(redis-server|valkey-server|keydb-server|postgres|postmaster|docker-entrypoint\.sh|mongod|mongos|mysqld|mariadbd|memcached|rabbitmq-server|kafka-server-start(\.sh)?|zookeeper-server-start(\.sh)?|zkServer\.sh|nats-server|cassandra|scylla|elasticsearch|opensearch|etcd|consul|cockroach|clickhouse-server|influxd|neo4j|pulsar|artemis|emqx|mosquitto|rethinkdb|java)$/;

/** Shell builtins and control words that run around a script's real command (`set -e; exec celery … worker`). */
const SHELL_BUILTINS = /^(?:set|export|cd|echo|sleep|until|while|do|done|if|then|fi|\[|test|true|:|\.)$/;

/**
 * The words of the command a container's command line leaves running, as launchOf (join/code.ts) reads it: through
 * `sh -c` / `bash -c` scripts (the last command of a chain that is not a shell builtin: `manage.py migrate && celery -A
 * proj worker` runs the worker) and launchers in front (`exec`, `env`, tini); empty when none can be read.
 */
export function commandWords(argv: readonly string[]): string[] {
  let words = [...argv];
  for (let guard = 0; guard < 4 && words.length; guard++) {
    if (SHELLS.test(words[0])) {
      const script = shellScript(words);
      if (!script) return words;
      const commands = script
        .map((s) => shellWords(s).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)))
        .filter((w) => w.length && !SHELL_BUILTINS.test(w[0]) && !(w[0] === 'exec' && w.length === 1));
      words = commands[commands.length - 1] ?? [];
      continue;
    }
    if (WRAPPERS.test(words[0])) {
      words = words.slice(1);
      continue;
    }
    return words;
  }
  return [];
}

/** Programs that run an application, not a script of commands: a shell line that ends in one of them only launches it. */
const LAUNCHED =
  /^(?:python[\d.]*|node|java|dotnet|ruby|php|perl|deno|bun|go|gunicorn|uvicorn|uwsgi|hypercorn|npm|npx|yarn|pnpm|flask|django-admin|celery|rails|bundle|mvn|gradle|nginx|httpd|caddy)$/;

/**
 * Shell words and programs of the base system (coreutils, a network check, a JSON tool, cloud and cluster CLIs) that a
 * script can call without running any program built into its image. Not `eval`, `xargs`, `timeout` or `nice`: they run
 * another program named after them.
 */
const SYSTEM_TOOLS =
  /^(?:exit|return|echo|printf|sleep|true|false|test|\[\[?|:|\.|set|export|unset|cd|pwd|trap|wait|kill|shift|read|local|cat|ls|cp|mv|rm|mkdir|rmdir|chmod|chown|ln|touch|date|grep|egrep|sed|awk|cut|tr|head|tail|sort|uniq|wc|tee|find|tar|gzip|gunzip|zip|unzip|base64|sha256sum|md5sum|du|df|stat|basename|dirname|hostname|id|whoami|uname|nslookup|dig|ping|nc|seq|expr|jq|yq|envsubst|kubectl|helm|aws|gsutil|gcloud|az)$/;
/** Words that open or close a shell construct; what follows them on the line (`if [ -f x ]`, `do rm x`) is the command. */
const SHELL_CONTROL = /^(?:if|then|else|elif|fi|do|done|while|until|!|\{|\}|\(|\))$/;

/**
 * The programs an inline shell script (`sh -c "…"`) calls, when every one of them is a shell word or a tool of the base
 * system (SYSTEM_TOOLS, a datastore's client): the script runs nothing built into the image. Undefined otherwise, and
 * for a command that is no inline script. A line that is only a template directive (`{{- if … }}`, masked as `{{…}}`)
 * is no command; `for` and `case` headers name none.
 */
export function inlineScriptTools(argv: readonly string[]): string[] | undefined {
  const script = inlineScript(argv);
  if (script === undefined) return undefined;
  const tools = new Set<string>();
  for (const cmd of script.split(/&&|\|\||;|\n|\|/)) {
    const words = shellWords(cmd.trim()).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    let i = 0;
    while (i < words.length && (SHELL_CONTROL.test(words[i]) || WRAPPERS.test(words[i]))) i++;
    const head = words[i];
    if (head === undefined || /^(?:for|case|esac|in|;;)$/.test(head) || /^[\w.*|-]+\)$/.test(head) || head === '{{…}}') continue;
    const program = head.replace(/^.*\//, '');
    if (!SYSTEM_TOOLS.test(program) && !CLIENT_TOOLS.test(program)) return undefined;
    tools.add(program);
  }
  return tools.size ? [...tools] : undefined;
}

/**
 * The shell script a container's command runs, if it does: a `.sh` file (`./backup.sh`, `sh /scripts/backup.sh`), or a
 * `sh -c` script of several commands, a pipe or a loop that does not end by launching an application (`sh -c "pip
 * install … && python app.py"` only launches Python). Undefined for a program of its own.
 */
export function shellScriptOf(c: { command?: string[]; args?: string[] }): { script?: string; inline?: true } | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length) return undefined;
  const words = commandWords(argv);
  const file = SHELLS.test(words[0] ?? '') ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0];
  if (file && /\.(?:sh|bash)$/.test(file)) return { script: file };
  const script = inlineScript(argv);
  if (script === undefined) return undefined;
  // A script read into the shell (`. /scripts/init.sh`, `source ./run.sh`).
  const sourced = /(?:^|[;&|\s])(?:\.|source)\s+(\S+\.(?:sh|bash))(?=\s|$|;)/.exec(script);
  if (sourced) return { script: sourced[1] };
  const commands = script.split(/&&|\|\||;|\n|\|/).filter((s) => s.trim());
  const control = /(?:^|[\s;])(?:for|while|until|if|case)\s/.test(script);
  if (commands.length < 2 && !control) return undefined;
  const last = words[0]?.replace(/^.*\//, '') ?? '';
  return LAUNCHED.test(last) ? undefined : { inline: true };
}

/** The first program a container's command line runs (its file name), as commandWords reads it. */
function firstProgram(argv: readonly string[]): string | undefined {
  return commandWords(argv)[0]?.replace(/^.*\//, '');
}

/**
 * The datastore a container runs as a server, if it does: a datastore's image (datastoreOf) whose command, if any,
 * starts the server rather than a client tool. A run-to-completion workload (a Job, a CronJob) runs the image's server
 * only when its command names it: otherwise the image is there for its client (`psql -f init.sql`).
 */
export function datastoreServed(
  c: { image?: string; builtFrom?: string; command?: string[]; args?: string[] },
  workloadKind: string | undefined,
): string | undefined {
  const store = datastoreOf(c.image) ?? datastoreOf(c.builtFrom);
  if (!store) return undefined;
  const program = c.command?.length ? firstProgram(c.command.concat(c.args ?? [])) : undefined;
  // A client pod kept idle for `kubectl exec` (`sleep 3600`, `tail -f /dev/null`) runs no server either.
  if (program && (CLIENT_TOOLS.test(program) || IDLE_PROGRAMS.test(program))) return undefined;
  if (workloadKind === 'Job' || workloadKind === 'CronJob') return program && SERVER_BINARIES.test(program) ? store : undefined;
  return store;
}

/** Telemetry backends and collectors by image base name: they run beside a cluster's services, not as request handlers. */
const MONITORING_IMAGES: Record<string, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  pushgateway: 'the Prometheus Pushgateway',
  grafana: 'Grafana',
  loki: 'Loki',
  tempo: 'Tempo',
  zipkin: 'Zipkin',
  'jaeger-all-in-one': 'Jaeger',
  'jaeger-collector': 'Jaeger',
  'jaeger-query': 'Jaeger',
  'jaeger-agent': 'Jaeger',
  jaeger: 'Jaeger',
  'opentelemetry-collector': 'the OpenTelemetry Collector',
  'opentelemetry-collector-contrib': 'the OpenTelemetry Collector',
  'opentelemetry-collector-k8s': 'the OpenTelemetry Collector',
  'otel-collector': 'the OpenTelemetry Collector',
  'kube-state-metrics': 'kube-state-metrics',
  // The cluster's resource metrics API (kubectl top, the HPA): a cluster add-on, not a service of the workload.
  'metrics-server': 'metrics-server',
  // The custom metrics API the HPA reads, served from Prometheus: a cluster add-on as well.
  'prometheus-adapter': 'the Prometheus adapter (custom metrics API)',
  fluentd: 'Fluentd',
  'fluent-bit': 'Fluent Bit',
  // AWS's distribution of Fluent Bit (CloudWatch Logs, Firehose outputs).
  'aws-for-fluent-bit': 'Fluent Bit',
  logstash: 'Logstash',
  kibana: 'Kibana',
  'heapster-grafana': 'Grafana',
  heapster: 'Heapster',
};

/**
 * A monitoring product the image runs (a telemetry backend, a collector, a Prometheus exporter), if it is one. An
 * exporter is any image whose name ends in `exporter` (`blackbox-exporter`, `redis_exporter`): it exists to be scraped.
 */
export function monitoringOf(image: string | undefined): { what: string; exporter: boolean } | undefined {
  if (!image || image.includes('{{') || image.includes('${')) return undefined;
  const repo = imageRepo(image);
  const base = productBase(image);
  if (repo.endsWith('jaegertracing/all-in-one')) return { what: 'Jaeger', exporter: false };
  if (MONITORING_IMAGES[base]) return { what: MONITORING_IMAGES[base], exporter: false };
  if (/[-_]exporter$/.test(base)) return { what: `the Prometheus exporter ${base}`, exporter: true };
  return undefined;
}

/** Images whose own command is a web server serving HTTP (Kubernetes' e2e `test-webserver` among them). */
const WEB_SERVER_IMAGES = new Set(['nginx', 'nginx-unprivileged', 'httpd', 'caddy', 'lighttpd', 'openresty', 'test-webserver']);

/** The web server a container runs when its image starts as it is, its command not replaced (`nginx:1.27` → nginx). */
export function webServerRun(c: { image?: string; command?: string[] }): string | undefined {
  if (!c.image || c.command?.length) return undefined;
  const base = imageBase(c.image);
  return WEB_SERVER_IMAGES.has(base) ? base : undefined;
}

/** Images built elsewhere and pulled as they are (no code of theirs is expected in the workspace). */
const THIRD_PARTY_NAMESPACES =
  /^(?:docker\.io\/)?(?:library|bitnami|otel|grafana|prom|jaegertracing|envoyproxy|istio|hashicorp|confluentinc|minio|amazon|public\.ecr\.aws\/(?:docker|bitnami|nginx))\/|^(?:quay\.io|registry\.k8s\.io|k8s\.gcr\.io|mcr\.microsoft\.com)\//;
const THIRD_PARTY_BASES = new Set([
  'nginx',
  'httpd',
  'envoy',
  'haproxy',
  'traefik',
  'busybox',
  'alpine',
  'ubuntu',
  'debian',
  'curl',
  'pause',
  'opentelemetry-collector',
  'opentelemetry-collector-contrib',
  'cloud-sql-proxy',
  'cloudsql-proxy',
  'vault',
  'prometheus',
  'grafana',
  'jaeger',
  'fluent-bit',
  'fluentd',
]);

/** Public images of a language runtime: a container on one runs code its command or a volume gives it. */
const LANGUAGE_RUNTIME_IMAGES = new Set([
  'python',
  'node',
  'golang',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'ruby',
  'php',
  'perl',
  'rust',
  'bash',
  'gcc',
  'pypy',
  'bun',
  'deno',
  'dotnet/runtime',
  'dotnet/aspnet',
  'dotnet/sdk',
]);

/**
 * A language runtime's public image (`python:3.12`, `node:22-alpine`, `mcr.microsoft.com/dotnet/aspnet:8.0`): its name
 * says which language, not which code, so no folder of the workspace is its code by that name.
 */
export function isLanguageRuntimeImage(image: string | undefined): boolean {
  if (!image || image.includes('{{')) return false;
  const repo = imageRepo(image)
    .replace(/^(?:docker\.io\/)?(?:library\/)?/, '')
    .replace(/^mcr\.microsoft\.com\//, '')
    .replace(/^oven\//, '')
    .replace(/^denoland\//, '');
  return LANGUAGE_RUNTIME_IMAGES.has(repo);
}

/** True for public images of known products (datastores, proxies, collectors): there is no code of theirs to join. */
export function isThirdPartyImage(image: string | undefined): boolean {
  if (!image || image.includes('{{')) return false;
  const repo = imageRepo(image);
  // A bare official-library name (`redis`, `postgres:16`) is Docker Hub's library namespace.
  if (!repo.includes('/') && (DATASTORE_IMAGES[repo] || THIRD_PARTY_BASES.has(repo))) return true;
  if (THIRD_PARTY_NAMESPACES.test(repo)) return true;
  const base = imageBase(image);
  return Boolean(DATASTORE_IMAGES[base]) || THIRD_PARTY_BASES.has(base);
}

/** What a worker process is, by the command that starts it: a task queue's worker, or its periodic scheduler. */
export interface TaskRunner {
  tool: string;
  role: 'worker' | 'scheduler';
  /** The command as written, shortened for messages. */
  command: string;
}

/** Launchers in front of the program: `python -m celery`, `poetry run`, `bundle exec`, `uv run`, `npx`. */
function unwrapLauncher(words: string[]): string[] {
  let w = words;
  for (let guard = 0; guard < 3 && w.length; guard++) {
    const head = w[0].replace(/^.*\//, '');
    if (/^python[\d.]*$/.test(head) && w[1] === '-m') w = w.slice(2);
    else if (/^(poetry|pipenv|uv|pdm|hatch)$/.test(head) && w[1] === 'run') w = w.slice(2);
    else if (head === 'bundle' && w[1] === 'exec') w = w.slice(2);
    else if (head === 'npx' || head === 'pnpx') w = w.slice(1);
    else if (/^python[\d.]*$/.test(head) && /manage\.py$/.test(w[1] ?? '')) w = w.slice(1);
    else break;
  }
  return w;
}

/**
 * The task-queue process a container's command starts, if it is one: Celery (worker, beat), RQ, Dramatiq, Huey, arq,
 * Faust, Django Q and background tasks, Sidekiq, Laravel's queue worker and scheduler.
 */
export function taskRunnerOf(c: { command?: string[]; args?: string[] }): TaskRunner | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const words = unwrapLauncher(commandWords(argv));
  if (!words.length) return undefined;
  const prog = words[0].replace(/^.*\//, '');
  const has = (w: string) => words.includes(w);
  // Shown up to the word that says what runs (`celery -A proj worker`), masked: the options after it (a broker URL,
  // a password) are not the point and may be secret.
  const shown = (upTo: number) => {
    const text = maskSecrets(words.slice(0, upTo + 1).join(' '));
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const key = Math.max(words.indexOf('worker'), words.indexOf('beat'), 0);
  const found = (tool: string, role: TaskRunner['role'] = 'worker', upTo = key): TaskRunner => ({ tool, role, command: shown(upTo) });
  if (prog === 'celery') return has('beat') ? found('Celery beat', 'scheduler') : has('worker') ? found('a Celery worker') : undefined;
  if (prog === 'rq') return has('worker') ? found('an RQ worker') : undefined;
  if (prog === 'rqscheduler') return found('the RQ scheduler', 'scheduler');
  if (prog === 'dramatiq') return found('a Dramatiq worker');
  if (prog === 'huey_consumer' || prog === 'huey_consumer.py') return found('a Huey consumer');
  if (prog === 'arq') return found('an arq worker');
  if (prog === 'faust') return has('worker') ? found('a Faust stream worker') : undefined;
  if (prog === 'sidekiq') return found('Sidekiq');
  if (/manage\.py$/.test(prog)) {
    const sub = words[1];
    if (sub === 'rqworker') return found('an RQ worker', 'worker', 1);
    if (sub === 'rqscheduler') return found('the RQ scheduler', 'scheduler', 1);
    if (sub === 'qcluster') return found('a Django Q cluster', 'worker', 1);
    if (sub === 'process_tasks') return found('a django-background-tasks worker', 'worker', 1);
    if (sub === 'celery') return has('beat') ? found('Celery beat', 'scheduler') : has('worker') ? found('a Celery worker') : undefined;
    return undefined;
  }
  if (prog === 'php' && /artisan$/.test(words[1] ?? '')) {
    if (/^queue:(work|listen)$|^horizon$/.test(words[2] ?? '')) return found('a Laravel queue worker', 'worker', 2);
    if (words[2] === 'schedule:work') return found('the Laravel scheduler', 'scheduler', 2);
  }
  return undefined;
}
