import type { ModelRule } from '../types';
import { at } from './util';

/** Ports that speak something other than HTTP (databases, brokers, cluster transports). */
const NON_HTTP_PORTS = new Map<number, string>([
  [21, 'FTP'], [22, 'SSH'], [25, 'SMTP'], [53, 'DNS'], [1883, 'MQTT'], [3306, 'MySQL'], [5432, 'PostgreSQL'], [5672, 'AMQP'],
  [6379, 'Redis'], [7000, 'Cassandra'], [9042, 'Cassandra'], [9092, 'Kafka'], [9300, 'Elasticsearch transport'],
  [11211, 'memcached'], [27017, 'MongoDB'], [4222, 'NATS'], [2181, 'ZooKeeper'], [5222, 'XMPP'],
]);

export const iacListeningServer: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: 'Workloads that expose raw TCP/UDP or gRPC ports: Lambda accepts no inbound connections, and its HTTP front doors (API Gateway, function URLs, ALB) carry HTTP only.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      protocol: '{name} exposes port {port}/{protocol}; Lambda takes no inbound connections and its front doors only carry HTTP. Keep this listener on Kubernetes (or an NLB-backed service) and move only request/response work to Lambda.',
      known: '{name} exposes port {port} ({what}), a non-HTTP protocol that nothing can deliver to a Lambda function. Keep this listener on Kubernetes, or replace it with a managed service of that protocol.',
      grpc: '{name} exposes gRPC port {port}; streaming gRPC needs a long-lived HTTP/2 connection that Lambda cannot hold. Keep it on Kubernetes, or offer unary calls over plain HTTP first.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      for (const [i, c] of (u.containers ?? []).entries()) {
        for (const [j, p] of (c.ports ?? []).entries()) {
          const where = at(u, `containers.${i}.ports.${j}`);
          const protocol = (p.protocol ?? 'TCP').toUpperCase();
          const data = { name: u.name, port: p.containerPort, protocol };
          if (protocol !== 'TCP') ctx.report({ unit: u.name, messageId: 'protocol', data, at: where });
          else if (/^grpc/i.test(p.name ?? '')) ctx.report({ unit: u.name, messageId: 'grpc', data, at: where, severity: 'warning' });
          else if (NON_HTTP_PORTS.has(p.containerPort) && !/^https?|^metrics|^web/i.test(p.name ?? '')) ctx.report({ unit: u.name, messageId: 'known', data: { ...data, what: NON_HTTP_PORTS.get(p.containerPort)! }, at: where });
        }
      }
    }
  },
};
