import { datastoreServed, managedServiceFor, monitoringOf, webServerRun } from '../../model/images';
import type { ModelRule } from '../types';
import { at } from './util';

/** Ports that speak something other than HTTP (databases, brokers, cluster transports). */
const NON_HTTP_PORTS = new Map<number, string>([
  [21, 'FTP'],
  [22, 'SSH'],
  [25, 'SMTP'],
  [53, 'DNS'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [1883, 'MQTT'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5671, 'AMQP over TLS'],
  [5672, 'AMQP'],
  [6379, 'Redis'],
  [7000, 'Cassandra'],
  [9042, 'Cassandra'],
  [9092, 'Kafka'],
  [9300, 'Elasticsearch transport'],
  [11211, 'memcached'],
  [27017, 'MongoDB'],
  [4222, 'NATS'],
  [2181, 'ZooKeeper'],
  [5222, 'XMPP'],
]);

/**
 * A port named for a side job (metrics, health, debugging, administration) rather than the service's traffic. A port
 * named after the workload or its container is its own (`store-admin` on Deployment store-admin), whatever the name says.
 */
function auxiliaryPort(name: string | undefined, owners: (string | undefined)[]): boolean {
  if (!name) return false;
  const own = name.toLowerCase();
  if (owners.some((o) => o !== undefined && o.toLowerCase() === own)) return false;
  return /metrics|prometheus|health|debug|admin|pprof|profil/i.test(name);
}

/** Workload kinds that serve requests for as long as they run (Jobs run to completion and serve nothing). */
const SERVING = new Set(['Deployment', 'Rollout', 'StatefulSet', 'ReplicaSet', 'Pod', 'DaemonSet']);

export const iacListeningServer: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description:
        "Workloads that serve raw TCP/UDP, gRPC, or a datastore's own protocol cannot run on Lambda, which accepts no inbound connections; HTTP servers need an adapter in front.",
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      protocol:
        '{name} exposes port {port}/{protocol}; Lambda takes no inbound connections and its front doors only carry HTTP. Keep this listener on Kubernetes (or an NLB-backed service) and move only request/response work to Lambda.',
      known:
        '{name} exposes port {port} ({what}), a non-HTTP protocol that nothing can deliver to a Lambda function. Keep this listener on Kubernetes, or replace it with a managed service of that protocol.',
      grpc: '{name} exposes gRPC port {port}; a gRPC server needs long-lived HTTP/2 connections that Lambda cannot accept. Keep it on Kubernetes, or put an HTTP/JSON gateway in front and move unary calls only.',
      grpcProbe:
        '{name} is health-checked over gRPC, so it serves gRPC, which needs long-lived HTTP/2 connections that Lambda cannot accept. Keep it on Kubernetes, or put an HTTP/JSON gateway in front and move unary calls only.',
      grpcService:
        "{name} is behind Service {service}, which declares gRPC (appProtocol or port name); Lambda's front doors carry HTTP requests, not gRPC streams. Keep it on Kubernetes, or put an HTTP/JSON gateway in front.",
      websocket:
        '{name} exposes WebSocket port {port} ({portName}): each client holds a connection open, which Lambda cannot accept. Keep it on Kubernetes, or move to API Gateway WebSocket APIs, which turn each message into an invocation.',
      datastore:
        '{name} runs {what} (image {image}), a datastore or broker whose clients hold their own TCP connections and whose data must outlive any process. Replace it with {managed} rather than moving it to Lambda.',
      exporter:
        '{name} runs {what} (image {image}), which exists to be scraped: Prometheus pulls its metrics over HTTP on a schedule, and nothing can scrape a Lambda function, which opens no port. Keep it on Kubernetes beside the Prometheus that scrapes it, or publish the metrics another way (CloudWatch metrics; CloudWatch Synthetics canaries for probes).',
      monitoring:
        '{name} runs {what} (image {image}), monitoring infrastructure that receives or collects telemetry all the time and keeps it; it is not request/response work for Lambda. Keep it on Kubernetes, or use the managed service (Amazon Managed Service for Prometheus, Amazon Managed Grafana, CloudWatch, AWS X-Ray with the ADOT collector).',
      httpUndeclared:
        '{name} declares no containerPort, but {evidence} says it serves HTTP; Lambda delivers requests as events and opens no port. Put the app behind an adapter (Lambda Web Adapter in the image, or serverless-http / Mangum / aws-lambda-go-api-proxy in code) and front it with a function URL or API Gateway.',
      staticSite:
        '{name} serves HTTP on port {port} with {server}, from files built from {from}: a static site or single-page app, whose code runs in browsers. On AWS it needs no function: put the built files in an S3 bucket behind CloudFront, and turn the paths its server config proxies to other services into CloudFront behaviours (or API Gateway routes) for those services.',
      http: '{name} serves HTTP on port {port}, but Lambda delivers requests as events and opens no port. Put the app behind an adapter (Lambda Web Adapter in the image, or serverless-http / Mangum / aws-lambda-go-api-proxy in code) and front it with a function URL or API Gateway.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      // A port a Helm template sets from its values reads as 0 here: say so rather than "port 0".
      const portLabel = (n: number) => n || (u.source === 'helm' ? '(set by the chart)' : '(no number)');
      let serious = false;
      let http: { port: number; where: [number, number]; evidence?: string } | undefined;
      for (const [i, c] of (u.containers ?? []).entries()) {
        const store = datastoreServed(c, u.workloadKind);
        if (store) {
          ctx.report({
            unit: u.name,
            messageId: 'datastore',
            data: { name: u.name, what: store, managed: managedServiceFor(store), image: c.builtFrom ? `${c.image}, built FROM ${c.builtFrom}` : c.image! },
            at: at(u, `containers.${i}.image`),
          });
          serious = true;
          continue;
        }
        // The main container only: a collector sidecar is iac/sidecar's (a Lambda extension replaces it), and a DaemonSet
        // agent is iac/stateful-storage's (one copy per node).
        const monitoring = i === 0 && SERVING.has(u.workloadKind ?? '') && u.workloadKind !== 'DaemonSet' ? monitoringOf(c.image) : undefined;
        // An exporter is scraped on a port it declares or shows (a probe, --port); one with neither may push its metrics
        // (a loop writing to a metrics API), which iac/long-running judges.
        if (monitoring && (!monitoring.exporter || c.ports?.length || c.httpEvidence)) {
          const messageId = monitoring.exporter ? 'exporter' : 'monitoring';
          ctx.report({ unit: u.name, messageId, data: { name: u.name, what: monitoring.what, image: c.image! }, at: at(u, `containers.${i}.image`) });
          serious = true;
          continue;
        }
        const probe = u.fieldRanges?.[`containers.${i}.probe.grpc`];
        let grpc = false;
        for (const [j, p] of (c.ports ?? []).entries()) {
          const where = at(u, `containers.${i}.ports.${j}`);
          const protocol = (p.protocol ?? 'TCP').toUpperCase();
          const data = { name: u.name, port: portLabel(p.containerPort), protocol };
          if (protocol !== 'TCP') ctx.report({ unit: u.name, messageId: 'protocol', data, at: where });
          else if (/^grpc/i.test(p.name ?? '')) {
            ctx.report({ unit: u.name, messageId: 'grpc', data, at: where });
            grpc = true;
          } else if (/^(wss?|websockets?|socket-?io)$/i.test(p.name ?? ''))
            ctx.report({ unit: u.name, messageId: 'websocket', data: { ...data, portName: p.name! }, at: where });
          else if (probe && !p.name)
            continue; // the gRPC probe says what this port speaks (7000 is not Cassandra here)
          else if (NON_HTTP_PORTS.has(p.containerPort) && !/^https?|^metrics|^web/i.test(p.name ?? ''))
            ctx.report({ unit: u.name, messageId: 'known', data: { ...data, what: NON_HTTP_PORTS.get(p.containerPort)! }, at: where });
          else if (!auxiliaryPort(p.name, [u.name, c.name]) && i === 0 && !http) {
            http = { port: p.containerPort, where };
            continue;
          } else continue;
          serious = true;
        }
        if (probe && !grpc) {
          ctx.report({ unit: u.name, messageId: 'grpcProbe', data: { name: u.name }, at: probe });
          serious = true;
        }
      }
      // No port declared, but an httpGet probe, a PORT variable or a --port argument: it serves HTTP all the same.
      const main = u.containers?.[0];
      if (!http && main?.httpEvidence && !main.ports?.length && !datastoreServed(main, u.workloadKind))
        http = { port: 0, where: at(u, 'containers.0.http'), evidence: main.httpEvidence };
      // No port and no other sign, but a Service sends traffic to it: the Service's target port is the one it serves
      // (a ReplicaSet of a stock web server with its Service beside it).
      // The event's detail is `Service web 80→8080` (model/kubernetes.ts serviceEvents); a targetPort of 0 is a headless
      // Service kept for DNS only, and a named one only a declared port could match.
      const service = u.events.find((e) => e.type === 'http' && e.service !== undefined && e.protocol !== 'grpc');
      const written = service ? /^Service \S+ ((\d+)(?:\u2192([\w-]+))?)/.exec(service.detail ?? '') : null;
      const target = written ? (written[3] ?? written[2]) : undefined;
      if (
        !http &&
        !serious &&
        target &&
        /^[1-9]\d*$/.test(target) &&
        main &&
        !main.ports?.length &&
        !datastoreServed(main, u.workloadKind) &&
        SERVING.has(u.workloadKind ?? '')
      ) {
        const port = Number(target);
        if (NON_HTTP_PORTS.has(port)) {
          ctx.report({ unit: u.name, messageId: 'known', data: { name: u.name, port, what: NON_HTTP_PORTS.get(port)! }, at: at(u) });
          serious = true;
        } else http = { port, where: at(u), evidence: `Service ${String(service!.service)} (${written![1]})` };
      }
      // No port, probe or Service, but a web server's image run as it starts (nginx, httpd…): it serves on its default port.
      const server = main && !main.ports?.length ? webServerRun(main) : undefined;
      if (!http && !serious && server && SERVING.has(u.workloadKind ?? ''))
        http = { port: 0, where: at(u, 'containers.0.image'), evidence: `its image, ${server} started as it is,` };
      const grpcService = u.events.find((e) => e.protocol === 'grpc');
      if (grpcService && !serious) {
        ctx.report({ unit: u.name, messageId: 'grpcService', data: { name: u.name, service: String(grpcService.service ?? '') }, at: at(u) });
        serious = true;
      }
      // One note per workload on the HTTP way in, unless something above already rules Lambda out.
      if (http && !serious && SERVING.has(u.workloadKind ?? '')) {
        if (u.staticSite)
          ctx.report({
            unit: u.name,
            messageId: 'staticSite',
            data: { name: u.name, port: portLabel(http.port), server: u.staticSite.server, from: u.staticSite.from },
            at: http.where,
            severity: 'warning',
          });
        else if (http.evidence)
          ctx.report({ unit: u.name, messageId: 'httpUndeclared', data: { name: u.name, evidence: http.evidence }, at: http.where, severity: 'warning' });
        else ctx.report({ unit: u.name, messageId: 'http', data: { name: u.name, port: portLabel(http.port) }, at: http.where, severity: 'warning' });
      }
    }
  },
};
