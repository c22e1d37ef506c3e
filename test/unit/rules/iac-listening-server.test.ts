import { iacListeningServer } from '../../../src/core/rules/iac/listening-server';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const withPorts = (ports: string, opts: { kind?: string } = {}) => deployment(container('app', `          ports:\n${ports}`), opts);
const service = (ports: string) => `\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-svc\nspec:\n  selector: { app: web }\n  ports:\n${ports}`;
const probe = (kind: string, body: string) => deployment(container('app', `          ${kind}:\n${body}`));

ruleTester(iacListeningServer, {
  defaultFile: 'k8s/app.yaml',
  valid: [
    { name: 'metrics port named metrics', code: withPorts('            - containerPort: 9090\n              name: metrics\n') },
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
      name: 'an image merely named like a datastore client is not one (redis-exporter)',
      code: deployment('        - name: exporter\n          image: oliver006/redis_exporter:v1.55\n'),
    },
  ],
  invalid: [
    {
      name: 'no containerPort but an httpGet probe: an HTTP server (adapter: changes)',
      code: probe('readinessProbe', '            httpGet: { path: /healthz, port: 8080 }\n'),
      errors: [{ line: 15, column: 13, message: 'an httpGet readinessProbe on port 8080 says it serves HTTP', severity: 'warning' }],
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
      errors: [{ line: 13, message: 'runs Redis (image redis:1.0)', severity: 'error' }],
    },
    {
      name: 'Kafka in a StatefulSet, by image',
      code: deployment(container('kafka', '          ports:\n            - containerPort: 9092\n'), { kind: 'StatefulSet' }),
      errors: [{ line: 13, message: 'runs Kafka' }],
    },
    {
      name: 'Bitnami PostgreSQL with a digest',
      code: deployment('        - name: db\n          image: bitnami/postgresql@sha256:0123456789abcdef\n'),
      errors: [{ line: 13, message: 'runs PostgreSQL' }],
    },
    {
      name: 'datastore on the sidecar',
      code: deployment(container('worker') + container('redis', '          ports:\n            - containerPort: 6379\n')),
      errors: [{ line: 15, message: 'Redis' }],
    },
  ],
});
