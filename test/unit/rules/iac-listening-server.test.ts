import { iacListeningServer } from '../../../src/core/rules/iac/listening-server';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const withPorts = (ports: string) => deployment(container('app', `          ports:\n${ports}`));

ruleTester(iacListeningServer, {
  defaultFile: 'k8s/app.yaml',
  valid: [
    { name: 'HTTP on 8080', code: withPorts('            - containerPort: 8080\n') },
    { name: 'HTTP on 80 and 443', code: withPorts('            - containerPort: 80\n            - containerPort: 443\n') },
    { name: 'explicit TCP HTTP port', code: withPorts('            - containerPort: 3000\n              protocol: TCP\n') },
    { name: 'metrics port named metrics', code: withPorts('            - containerPort: 9090\n              name: metrics\n') },
    { name: 'Elasticsearch HTTP 9200', code: withPorts('            - containerPort: 9200\n') },
    { name: 'a port named http on 5432 is HTTP by declaration', code: withPorts('            - containerPort: 5432\n              name: http\n') },
    { name: 'no ports', code: deployment(container('worker')) },
    { name: 'Service with a UDP port (not a workload)', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dns\nspec:\n  ports:\n    - port: 53\n      protocol: UDP\n' },
  ],
  invalid: [
    { name: 'UDP', code: withPorts('            - containerPort: 514\n              protocol: UDP\n'), errors: [{ line: 15, column: 15, message: '514/UDP' }] },
    { name: 'SCTP', code: withPorts('            - containerPort: 3868\n              protocol: SCTP\n'), errors: [{ line: 15, message: 'SCTP' }] },
    { name: 'PostgreSQL', code: withPorts('            - containerPort: 5432\n'), errors: [{ line: 15, message: 'PostgreSQL' }] },
    { name: 'Redis', code: withPorts('            - containerPort: 6379\n'), errors: [{ line: 15, message: 'Redis' }] },
    { name: 'Elasticsearch transport next to HTTP', code: withPorts('            - containerPort: 9200\n            - containerPort: 9300\n'), errors: [{ line: 16, message: '9300' }] },
    { name: 'gRPC by port name', code: withPorts('            - containerPort: 50051\n              name: grpc\n'), errors: [{ line: 15, message: 'gRPC', severity: 'warning' }] },
    { name: 'Kafka in a StatefulSet', code: deployment(container('kafka', '          ports:\n            - containerPort: 9092\n'), { kind: 'StatefulSet' }), errors: [{ line: 15, message: 'Kafka' }] },
    { name: 'port on the sidecar', code: deployment(container('app') + container('redis', '          ports:\n            - containerPort: 6379\n')), errors: [{ line: 17, message: 'Redis' }] },
  ],
});
