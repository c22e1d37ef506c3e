import { iacListeningServer } from '../../../src/core/rules/iac/listening-server';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const withPorts = (ports: string, opts: { kind?: string } = {}) => deployment(container('app', `          ports:\n${ports}`), opts);
const service = (ports: string) => `\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-svc\nspec:\n  selector: { app: web }\n  ports:\n${ports}`;
const probe = (kind: string, body: string) => deployment(container('app', `          ${kind}:\n${body}`));

ruleTester(iacListeningServer, {
  defaultFile: 'k8s/app.yaml',
  valid: [
    {
      name: 'a web server image whose command is replaced runs that command, not the server',
      code: deployment(
        '        - name: writer\n          image: nginx\n          command: ["/bin/sh", "-c", "while true; do date >> /data/out; sleep 1; done"]\n',
      ),
    },
    {
      name: 'a headless Service kept for DNS only (targetPort 0) says nothing of a worker with no port',
      code: deployment(container('app')) + service('    - name: headless\n      port: 55555\n      targetPort: 0\n'),
    },
    {
      name: "a Service whose target port is a name: the container's ports decide (it declares none here)",
      code: deployment(container('app')) + service('    - port: 80\n      targetPort: http\n'),
    },
    {
      name: 'a Job behind a Service serves nothing for as long as it runs',
      code: deployment(container('app'), { kind: 'Job' }) + service('    - port: 80\n'),
    },
    {
      name: 'a client pod on a datastore image kept idle for kubectl exec (sleep, tail -f /dev/null)',
      file: 'k8s/client.yaml',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: redis-client
spec:
  restartPolicy: Never
  containers:
    - name: redis-client
      image: redis:latest
      command: ["sleep", "3600"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: pg-toolbox
spec:
  template:
    spec:
      containers:
        - name: tools
          image: postgres:16
          command: ["sh", "-c", "tail -f /dev/null"]
`,
    },
    {
      name: 'a datastore image used for its client: a Job running a script with psql, a Deployment running redis-cli',
      file: 'k8s/init.yaml',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: populate-db
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: init
          image: postgres:16-alpine
          command: ['bash', '-c', '. /scripts/initialize-database.sh 127.0.0.1 5432 accounts-db']
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: warmer
spec:
  template:
    spec:
      containers:
        - name: warm
          image: redis:7
          command: ['sh', '-c', 'set -e; redis-cli -h cache SET ready 1']
`,
    },
    {
      name: 'an image merely named server, or ending in -arm of another product, is no datastore (one HTTP note only)',
      code:
        deployment('        - name: s\n          image: acme/server:1\n') +
        '\n---\n' +
        deployment('        - name: a\n          image: acme/redis-admin-arm64:2\n'),
    },
    { name: 'metrics port named metrics', code: withPorts('            - containerPort: 9090\n              name: metrics\n') },
    {
      name: "an admin port named for the workload's admin side, not after it (web's web-admin)",
      code: withPorts('            - containerPort: 9000\n              name: web-admin\n'),
    },
    { name: 'no ports', code: deployment(container('worker')) },
    { name: 'a Job with an HTTP port serves nothing: it runs to completion', code: withPorts('            - containerPort: 8080\n', { kind: 'Job' }) },
    {
      name: 'an HTTP port on a sidecar only (the main container serves nothing)',
      code: deployment(container('worker') + container('proxy', '          ports:\n            - containerPort: 15000\n')),
    },
    {
      name: 'Service with a UDP port (not a workload)',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dns\nspec:\n  ports:\n    - port: 53\n      protocol: UDP\n',
    },
    {
      name: 'an HTTP readiness probe is not gRPC (a metrics port declared)',
      code: withPorts('            - containerPort: 9090\n              name: metrics\n').replace(
        '          ports:',
        '          readinessProbe:\n            httpGet: { path: /healthz, port: 8080 }\n          ports:',
      ),
    },
    {
      name: 'a Job with an httpGet probe serves nothing',
      code: probe('livenessProbe', '            httpGet: { path: /healthz, port: 8080 }\n').replace('kind: Deployment', 'kind: Job'),
    },
    {
      name: 'an HTTP probe on a sidecar only',
      code: deployment(container('worker') + container('proxy', '          readinessProbe:\n            httpGet: { port: 15021 }\n')),
    },
    {
      name: 'a variable named like a port of something else (DB_PORT)',
      code: deployment(container('app', '          env:\n            - name: DB_PORT\n              value: "5432"\n')),
    },
    { name: 'a --port-file argument is not --port', code: deployment(container('app', '          args: ["--port-file=/tmp/p"]\n')) },
    {
      name: 'an image merely named like a datastore client, with no port: neither a datastore nor shown to be scraped',
      code: deployment('        - name: exporter\n          image: oliver006/redis_exporter:v1.55\n'),
    },
    {
      name: 'an exporter with no port and no sign of one pushes its metrics (a loop writing to a metrics API)',
      code: deployment('        - name: sd\n          image: gcr.io/acme/sd-dummy-exporter:v0.3.0\n          args: ["--metric-name=m", "--metric-value=40"]\n'),
    },
    {
      name: 'an exporter in a CronJob pushes its metrics and ends: nothing scrapes it',
      code: deployment('        - name: push\n          image: gcr.io/acme/custom-metric-exporter:1\n', { kind: 'CronJob' }),
    },
    {
      name: 'a collector sidecar is not the workload (iac/sidecar reports it)',
      code: deployment(container('app') + '        - name: otel\n          image: otel/opentelemetry-collector-contrib:0.100.0\n'),
    },
    {
      name: 'a DaemonSet log agent (iac/stateful-storage reports the DaemonSet)',
      code: deployment('        - name: agent\n          image: fluent/fluent-bit:3.0\n', { kind: 'DaemonSet' }),
    },
    {
      name: 'names that merely contain a product (prometheus-client-app, grafana-dashboards-loader) are not it',
      code:
        deployment('        - name: app\n          image: acme/prometheus-client-app:1\n') +
        '\n---\n' +
        deployment('        - name: app\n          image: acme/exporter-ui:2\n'),
    },
  ],
  invalid: [
    {
      name: 'no containerPort but an httpGet probe: an HTTP server (adapter: changes)',
      code: probe('readinessProbe', '            httpGet: { path: /healthz, port: 8080 }\n'),
      errors: [{ line: 15, column: 13, message: 'an httpGet readinessProbe on port 8080 says it serves HTTP', severity: 'warning' }],
    },
    {
      name: 'no containerPort, probe or Service, but a web server image started as it is (kubernetes/examples volume demos)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.k8s.io/test-webserver\n',
      errors: [{ line: 8, message: 'web declares no containerPort, but its image, test-webserver started as it is, says it serves HTTP', severity: 'warning' }],
    },
    {
      name: 'a web server image and a Service: the Service says which port',
      code: deployment('        - name: web\n          image: nginx:1.27\n') + service('    - port: 80\n      targetPort: 80\n'),
      errors: [{ line: 4, message: 'Service web-svc (80\u219280) says it serves HTTP' }],
    },
    {
      name: 'no containerPort but a PORT variable',
      code: deployment(container('app', '          env:\n            - name: PORT\n              value: "3000"\n')),
      errors: [{ line: 15, message: 'a PORT variable', severity: 'warning' }],
    },
    {
      name: 'no containerPort but --port in the args',
      code: deployment(container('app', '          args: ["--port", "8000"]\n')),
      errors: [{ line: 14, message: 'the --port argument', severity: 'warning' }],
    },
    {
      name: 'a datastore image with a PORT variable: the datastore only',
      code: deployment('        - name: cache\n          image: redis:7\n          env:\n            - name: PORT\n              value: "6379"\n'),
      errors: [{ line: 13, message: 'image redis:7', severity: 'error' }],
    },
    {
      name: "a port named after its container serves the container's traffic, though the name holds 'admin' (store-admin)",
      code: deployment(container('store-admin', '          ports:\n            - containerPort: 8081\n              name: store-admin\n'), {
        name: 'store-admin',
      }),
      errors: [{ line: 15, message: 'store-admin serves HTTP on port 8081', severity: 'warning' }],
    },
    {
      name: 'HTTP on 8080: an adapter, not a redesign (warning)',
      code: withPorts('            - containerPort: 8080\n'),
      errors: [{ line: 15, message: 'serves HTTP on port 8080', severity: 'warning' }],
    },
    {
      name: 'HTTP on 80 and 443: one note per workload',
      code: withPorts('            - containerPort: 80\n            - containerPort: 443\n'),
      errors: [{ line: 15, message: 'port 80', severity: 'warning' }],
    },
    {
      name: 'Elasticsearch HTTP 9200 is HTTP',
      code: withPorts('            - containerPort: 9200\n'),
      errors: [{ line: 15, message: 'HTTP on port 9200', severity: 'warning' }],
    },
    {
      name: 'a port named http on 5432 is HTTP by declaration',
      code: withPorts('            - containerPort: 5432\n              name: http\n'),
      errors: [{ line: 15, message: 'HTTP on port 5432', severity: 'warning' }],
    },
    {
      name: 'UDP',
      code: withPorts('            - containerPort: 514\n              protocol: UDP\n'),
      errors: [{ line: 15, column: 15, message: '514/UDP', severity: 'error' }],
    },
    { name: 'SCTP', code: withPorts('            - containerPort: 3868\n              protocol: SCTP\n'), errors: [{ line: 15, message: 'SCTP' }] },
    { name: 'PostgreSQL port', code: withPorts('            - containerPort: 5432\n'), errors: [{ line: 15, message: 'PostgreSQL', severity: 'error' }] },
    {
      name: 'Elasticsearch transport next to HTTP: no HTTP note once a port rules Lambda out',
      code: withPorts('            - containerPort: 9200\n            - containerPort: 9300\n'),
      errors: [{ line: 16, message: '9300' }],
    },
    {
      name: 'gRPC by port name blocks (a redesign)',
      code: withPorts('            - containerPort: 50051\n              name: grpc\n'),
      errors: [{ line: 15, message: 'gRPC port 50051', severity: 'error' }],
    },
    {
      name: 'gRPC by probe, the port unnamed',
      code: deployment(
        container('app', '          ports:\n            - containerPort: 7000\n          readinessProbe:\n            grpc:\n              port: 7000\n'),
      ),
      errors: [{ line: 16, message: 'health-checked over gRPC', severity: 'error' }],
    },
    {
      name: 'gRPC probe and gRPC port: one finding (the port)',
      code: deployment(
        container(
          'app',
          '          ports:\n            - containerPort: 7000\n              name: grpc\n          livenessProbe:\n            grpc:\n              port: 7000\n',
        ),
      ),
      errors: [{ line: 15, message: 'gRPC port 7000' }],
    },
    {
      name: 'gRPC through the Service appProtocol',
      code: withPorts('            - containerPort: 9000\n') + service('    - port: 9000\n      appProtocol: grpc\n'),
      errors: [{ line: 4, message: 'Service web-svc, which declares gRPC', severity: 'error' }],
    },
    {
      name: 'gRPC through a Service port named grpc-api',
      code: withPorts('            - containerPort: 9000\n') + service('    - port: 9000\n      name: grpc-api\n'),
      errors: [{ line: 4, message: 'declares gRPC' }],
    },
    {
      name: 'no containerPort, but a Service sends traffic to port 80 (a ReplicaSet of a stock web server)',
      code: deployment(container('app'), { kind: 'ReplicaSet' }) + service('    - port: 80\n      targetPort: 80\n'),
      errors: [{ line: 4, message: 'web declares no containerPort, but Service web-svc (80\u219280) says it serves HTTP', severity: 'warning' }],
    },
    {
      name: "no containerPort, and the Service's port is its target (no targetPort)",
      code: deployment(container('app')) + service('    - port: 8080\n'),
      errors: [{ line: 4, message: 'Service web-svc (8080) says it serves HTTP' }],
    },
    {
      name: "no containerPort, and the Service's target is a database port",
      code: deployment(container('app')) + service('    - port: 5432\n      targetPort: 5432\n'),
      errors: [{ line: 4, message: 'web exposes port 5432 (PostgreSQL)', severity: 'error' }],
    },
    {
      name: 'a port named wsgi is HTTP, not a WebSocket',
      code: withPorts('            - containerPort: 8000\n              name: wsgi\n'),
      errors: [{ line: 15, message: 'serves HTTP on port 8000', severity: 'warning' }],
    },
    {
      name: 'a port named ws is a WebSocket server',
      code: withPorts('            - containerPort: 8081\n              name: ws\n'),
      errors: [{ line: 15, message: 'WebSocket port 8081 (ws)', severity: 'error' }],
    },
    {
      name: 'Redis by image: a datastore',
      code: deployment(container('redis', '          ports:\n            - containerPort: 6379\n')),
      errors: [
        {
          line: 13,
          message:
            'runs Redis (image redis:1.0), a datastore or broker whose clients hold their own TCP connections and whose data must outlive any process. Replace it with Amazon ElastiCache (Valkey or Redis OSS) or Amazon MemoryDB',
          severity: 'error',
        },
      ],
    },
    {
      name: "Microsoft's DocumentDB local image (MongoDB wire protocol): a datastore, replaced by Amazon DocumentDB; not an HTTP server",
      code: deployment(
        '        - name: docdb\n          image: ghcr.io/documentdb/documentdb/documentdb-local:latest\n          ports:\n            - containerPort: 10260\n',
      ),
      errors: [
        {
          line: 13,
          message:
            'runs DocumentDB (MongoDB-compatible) (image ghcr.io/documentdb/documentdb/documentdb-local:latest), a datastore or broker whose clients hold their own TCP connections and whose data must outlive any process. Replace it with Amazon DocumentDB (MongoDB compatibility) rather',
          severity: 'error',
        },
      ],
    },
    {
      name: 'Kafka in a StatefulSet, by image',
      code: deployment(container('kafka', '          ports:\n            - containerPort: 9092\n'), { kind: 'StatefulSet' }),
      errors: [
        {
          line: 13,
          message:
            'runs Kafka (image kafka:1.0), a datastore or broker whose clients hold their own TCP connections and whose data must outlive any process. Replace it with Amazon MSK rather',
        },
      ],
    },
    {
      name: 'Bitnami PostgreSQL with a digest',
      code: deployment('        - name: db\n          image: bitnami/postgresql@sha256:0123456789abcdef\n'),
      errors: [{ line: 13, message: 'runs PostgreSQL' }],
    },
    {
      name: 'an image merely named like a datastore client is not one: redis_exporter is a Prometheus exporter',
      code: deployment('        - name: exporter\n          image: oliver006/redis_exporter:v1.55\n          ports:\n            - containerPort: 9121\n'),
      errors: [
        {
          line: 13,
          message: 'runs the Prometheus exporter redis_exporter (image oliver006/redis_exporter:v1.55), which exists to be scraped',
          severity: 'error',
        },
      ],
    },
    {
      name: 'an exporter shown to serve by its --port argument',
      code: deployment('        - name: exporter\n          image: acme/prometheus-dummy-exporter:v0.2.0\n          args: ["--port=8080"]\n'),
      errors: [{ line: 13, message: 'the Prometheus exporter prometheus-dummy-exporter' }],
    },
    {
      name: 'a blackbox exporter with its metrics port: scraped, not invoked',
      code: deployment(
        '        - name: bb\n          image: quay.io/prometheus/blackbox-exporter:v0.27.0@sha256:a50c4c0e\n          ports:\n            - containerPort: 9115\n              name: metrics\n',
      ),
      errors: [{ line: 13, message: 'the Prometheus exporter blackbox-exporter', severity: 'error' }],
    },
    {
      name: "metrics-server on its HTTPS port: the cluster's resource metrics add-on, not an HTTP service to wrap",
      code: deployment(
        '        - name: metrics-server\n          image: registry.k8s.io/metrics-server/metrics-server:v0.7.2\n          ports:\n            - containerPort: 10250\n              name: https\n',
      ),
      errors: [
        { line: 13, message: 'runs metrics-server (image registry.k8s.io/metrics-server/metrics-server:v0.7.2), monitoring infrastructure', severity: 'error' },
      ],
    },
    {
      name: 'prometheus-adapter (the custom metrics API), and RethinkDB and Hazelcast (datastores) on ports that are not HTTP',
      code: deployment(
        '        - name: adapter\n          image: registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.11.2\n          ports:\n            - containerPort: 6443\n' +
          '        - name: rethink\n          image: registry.k8s.io/rethinkdb:1.16.0_1\n          ports:\n            - containerPort: 28015\n' +
          '        - name: grid\n          image: quay.io/pires/hazelcast-kubernetes:3.8_1\n          ports:\n            - containerPort: 5701\n',
      ),
      errors: [
        {
          line: 13,
          message:
            'runs the Prometheus adapter (custom metrics API) (image registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.11.2), monitoring infrastructure',
          severity: 'error',
        },
        { line: 17, message: 'runs RethinkDB (image registry.k8s.io/rethinkdb:1.16.0_1), a datastore or broker', severity: 'error' },
        {
          line: 21,
          message:
            'runs Hazelcast (image quay.io/pires/hazelcast-kubernetes:3.8_1), a datastore or broker whose clients hold their own TCP connections and whose data must outlive any process. Replace it with a hosted Hazelcast service (AWS runs none) rather',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a datastore run as a server: a Job whose command starts redis-server, a Deployment starting postgres with flags',
      file: 'k8s/stores.yaml',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: scratch-cache
spec:
  template:
    spec:
      containers:
        - name: cache
          image: redis:7
          command: ['redis-server', '--save', '']
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          command: ['postgres', '-c', 'max_connections=200']
`,
      errors: [
        { line: 10, message: 'scratch-cache runs Redis (image redis:7), a datastore or broker', severity: 'error' },
        { line: 22, message: 'db runs PostgreSQL (image postgres:16), a datastore or broker', severity: 'error' },
      ],
    },
    {
      name: "AWS's Fluent Bit as a log forwarding service: monitoring infrastructure",
      code: deployment(
        '        - name: forwarder\n          image: public.ecr.aws/aws-observability/aws-for-fluent-bit:stable\n          ports:\n            - containerPort: 24224\n',
      ),
      errors: [
        {
          line: 13,
          message: 'runs Fluent Bit (image public.ecr.aws/aws-observability/aws-for-fluent-bit:stable), monitoring infrastructure',
          severity: 'error',
        },
      ],
    },
    {
      name: 'Zipkin with an HTTP port: monitoring infrastructure, not an HTTP service to wrap',
      code: deployment('        - name: zipkin\n          image: openzipkin/zipkin\n          ports:\n            - containerPort: 9411\n'),
      errors: [{ line: 13, message: 'runs Zipkin (image openzipkin/zipkin), monitoring infrastructure', severity: 'error' }],
    },
    {
      name: 'Jaeger all-in-one and the OpenTelemetry Collector by image',
      code:
        deployment('        - name: j\n          image: jaegertracing/all-in-one:1.57\n') +
        '\n---\n' +
        deployment(
          '        - name: c\n          image: otel/opentelemetry-collector-contrib:0.100.0\n          ports:\n            - containerPort: 4317\n              name: grpc-otlp\n',
        ),
      errors: [
        { line: 13, message: 'runs Jaeger' },
        { line: 28, message: 'runs the OpenTelemetry Collector' },
      ],
    },
    {
      name: 'a port a Helm chart sets from its values is not "port 0"',
      file: 'chart/templates/deployment.yaml',
      code: deployment(container('app', '          ports:\n            - name: grpc\n              containerPort: {{ .Values.grpcPort }}\n')),
      errors: [{ line: 15, message: 'web exposes gRPC port (set by the chart);' }],
    },
    {
      name: 'DynamoDB Local, SQL Server by its repository, an architecture-suffixed Grafana, Kibana',
      code: [
        deployment(
          '        - name: d\n          image: public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:1.25.1\n          ports:\n            - name: http\n              containerPort: 8000\n',
        ),
        deployment(
          '        - name: s\n          image: mcr.microsoft.com/mssql/server:2019-latest\n          ports:\n            - name: http\n              containerPort: 1433\n',
        ),
        deployment(
          '        - name: g\n          image: gcr.io/google_containers/heapster-grafana-amd64:v4.0.2\n          ports:\n            - containerPort: 3000\n',
        ),
        deployment('        - name: k\n          image: docker.elastic.co/kibana/kibana:8.13.0\n          ports:\n            - containerPort: 5601\n'),
      ].join('\n---\n'),
      errors: [
        { line: 13, message: 'runs DynamoDB (image public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:1.25.1)' },
        { line: 31, message: 'runs SQL Server (image mcr.microsoft.com/mssql/server:2019-latest)' },
        { line: 49, message: 'runs Grafana (image gcr.io/google_containers/heapster-grafana-amd64:v4.0.2)' },
        { line: 66, message: 'runs Kibana' },
      ],
    },
    {
      name: 'SQL Server and Oracle ports on images of no known product',
      code: withPorts('            - containerPort: 1433\n            - containerPort: 1521\n'),
      errors: [
        { line: 15, message: 'port 1433 (SQL Server)' },
        { line: 16, message: 'port 1521 (Oracle)' },
      ],
    },
    {
      name: 'datastore on the sidecar',
      code: deployment(container('worker') + container('redis', '          ports:\n            - containerPort: 6379\n')),
      errors: [{ line: 15, message: 'Redis' }],
    },
  ],
});
