// Container image references: repository and base name, and the public images whose protocol and origin are known.

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
};

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
