// The measured side of the fixture fleet (test/fixtures/fleet): what the local Lambda API lists, what the local
// CloudWatch answers and what the real Prometheus holds. Shared by the fleet tests and scripts/fleet-demo.ts.
import path from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from './awsEndpoint';
import { startCloudWatchApiServer, type CloudWatchApiServer, type FakeLambdaMetrics } from './cloudWatchApiServer';
import { startLambdaApiServer, type FakeFunction, type LambdaApiServer } from './lambdaApiServer';
import { startPrometheus, type PromDataSet, type PromWorkload, type RunningPrometheus } from './prometheus';

export const FLEET_DIR = path.resolve(__dirname, '../fixtures/fleet');

/** Deployed functions: the seven the fleet declares (SAM/Terraform names; Serverless `service-stage-function`) and one no repository declares. */
const FLEET_FUNCTIONS: FakeFunction[] = [
  { FunctionName: 'payments-api', Runtime: 'nodejs22.x', Handler: 'api.handler', MemorySize: 512, Timeout: 10 },
  { FunctionName: 'payments-receipts', Runtime: 'nodejs22.x', Handler: 'receipts.handler', MemorySize: 256, Timeout: 30 },
  { FunctionName: 'reports-builder', Runtime: 'python3.12', Handler: 'builder.handler', MemorySize: 2048, Timeout: 900 },
  { FunctionName: 'reports-export', Runtime: 'python3.12', Handler: 'export.handler', MemorySize: 1024, Timeout: 60 },
  { FunctionName: 'notify-prod-email', Runtime: 'nodejs22.x', Handler: 'src/email.handler', MemorySize: 256, Timeout: 10 },
  { FunctionName: 'notify-prod-sms', Runtime: 'nodejs22.x', Handler: 'src/sms.handler', MemorySize: 256, Timeout: 10 },
  { FunctionName: 'ledger-sync', Runtime: 'python3.12', Handler: 'sync.handler', MemorySize: 1024, Timeout: 30 },
  { FunctionName: 'legacy-cron', Runtime: 'python3.12', Handler: 'cron.handler', MemorySize: 512, Timeout: 120 },
];

/** One invocation in the first 5-minute block of every hour. */
const HOURLY = Array.from({ length: 12 }, (_, i) => (i === 0 ? 1 : 0));

/** CloudWatch per 5-minute block (cycled over the window). */
const FLEET_METRICS: FakeLambdaMetrics[] = [
  // 12,000 per 5 min = 40 requests/s, all day.
  { functionName: 'payments-api', invocations: 12_000, concurrency: [6, 6, 6, 15], duration: { avg: 120, p99: 450, max: 2_100 } },
  { functionName: 'payments-receipts', invocations: 2, concurrency: 1, duration: { avg: 300, p99: 800, max: 1_500 } },
  // Ten-minute runs every hour, the slowest at 860 s of its 900 s timeout: the timeout wall.
  { functionName: 'reports-builder', invocations: HOURLY, concurrency: 1, duration: { avg: 600_000, p99: 800_000, max: 860_000 } },
  // Hits its 60 s timeout.
  { functionName: 'reports-export', invocations: 50, concurrency: 5, duration: { avg: 20_000, p99: 55_000, max: 60_000 }, errors: 37 },
  { functionName: 'notify-prod-email', invocations: 30, concurrency: 1, duration: { avg: 90, p99: 300, max: 900 } },
  // Never invoked in the window: no datapoints at all.
  { functionName: 'notify-prod-sms', invocations: 0 },
  // 7,500 per 5 min = 25/s at 400 ms; throttled by its reserved concurrency now and then.
  { functionName: 'ledger-sync', invocations: 7_500, concurrency: [10, 10, 10, 180], duration: { avg: 400, p99: 1_200, max: 4_000 }, throttles: 2_300 },
  { functionName: 'legacy-cron', invocations: HOURLY, concurrency: 1, duration: { avg: 2_000, p99: 2_500, max: 3_000 } },
];

/** The examples/ workspace as deployed: CloudFormation-generated names for the SAM stack, `service-stage-function` for Serverless. */
const EXAMPLES_FUNCTIONS: FakeFunction[] = [
  { FunctionName: 'orders-OrdersApiFunction-A1B2C3D4E5', Runtime: 'nodejs20.x', Handler: 'handlers/api.handler', MemorySize: 512, Timeout: 30 },
  { FunctionName: 'orders-ExportPollerFunction-F6G7H8I9J0', Runtime: 'nodejs20.x', Handler: 'handlers/export.handler', MemorySize: 1024, Timeout: 900 },
  { FunctionName: 'orders-NightlyCleanupFunction-K1L2M3N4O5', Runtime: 'nodejs20.x', Handler: 'handlers/cleanup.handler', MemorySize: 512, Timeout: 300 },
  { FunctionName: 'acme-invoice-generator', Runtime: 'python3.9', Handler: 'invoices.handler', MemorySize: 3008, Timeout: 900 },
  { FunctionName: 'acme-notifications-dev-sendEmail', Runtime: 'nodejs18.x', Handler: 'src/email.handler', MemorySize: 256, Timeout: 20 },
  { FunctionName: 'acme-notifications-dev-webhook', Runtime: 'nodejs18.x', Handler: 'src/webhook.handler', MemorySize: 256, Timeout: 60 },
  { FunctionName: 'acme-notifications-dev-digest', Runtime: 'nodejs18.x', Handler: 'src/digest.handler', MemorySize: 1024, Timeout: 600 },
];

const EXAMPLES_METRICS: FakeLambdaMetrics[] = [
  // 25 requests/s at 180 ms.
  { functionName: 'orders-OrdersApiFunction-A1B2C3D4E5', invocations: 7_500, concurrency: [5, 5, 5, 12], duration: { avg: 180, p99: 900, max: 4_000 } },
  // Exports near the 900 s wall.
  { functionName: 'orders-ExportPollerFunction-F6G7H8I9J0', invocations: 3, concurrency: 2, duration: { avg: 240_000, p99: 700_000, max: 845_000 } },
  {
    functionName: 'orders-NightlyCleanupFunction-K1L2M3N4O5',
    invocations: [1, ...Array.from({ length: 287 }, () => 0)],
    concurrency: 1,
    duration: { avg: 40_000, p99: 60_000, max: 61_000 },
  },
  {
    functionName: 'acme-invoice-generator',
    invocations: [1, ...Array.from({ length: 287 }, () => 0)],
    concurrency: 1,
    duration: { avg: 300_000, p99: 420_000, max: 430_000 },
  },
  { functionName: 'acme-notifications-dev-sendEmail', invocations: 600, concurrency: 3, duration: { avg: 250, p99: 800, max: 1_900 } },
  { functionName: 'acme-notifications-dev-webhook', invocations: 40, concurrency: 1, duration: { avg: 120, p99: 300, max: 500 } },
  { functionName: 'acme-notifications-dev-digest', invocations: HOURLY, concurrency: 1, duration: { avg: 30_000, p99: 45_000, max: 50_000 } },
];

const pods = (prefix: string, hash: string, n: number) => Array.from({ length: n }, (_, k) => `${prefix}-${hash}-${String.fromCharCode(97 + k).repeat(5)}`);
const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** Prometheus: the fleet's four workloads with metrics (the indexer has no request metrics, the CronJob no pods at all) and two of examples/. */
function fleetWorkloads(samples: number, interval: number): PromWorkload[] {
  // The flash sale: 30 minutes at 4,000 requests/s, half-way through the window, on 10 pods instead of 2.
  const saleStart = Math.floor(samples / 2);
  const saleEnd = saleStart + Math.round(1800 / interval);
  const onSale = (i: number) => i >= saleStart && i < saleEnd;
  return [
    {
      namespace: 'search',
      pods: () => pods('search-api', '6c9f7d8b5', 4),
      rps: () => 300,
      latencySeconds: 0.25,
      cpuCores: () => 2.4,
      memoryBytes: () => 4 * 1.2 * GiB,
    },
    { namespace: 'search', pods: () => pods('search-indexer', '77d4c9f6b', 2), cpuCores: () => 0.3, memoryBytes: () => 2 * 600 * MiB },
    {
      namespace: 'shop',
      pods: () => pods('storefront-web', '5b8c6d7f9', 2),
      rps: () => 2,
      latencySeconds: 0.08,
      cpuCores: () => 0.1,
      memoryBytes: () => 2 * 300 * MiB,
    },
    // examples/inventory-k8s: an API on 3 pods and a 2-pod StatefulSet.
    {
      namespace: 'inventory',
      pods: () => pods('inventory-api', '84c6b9d7f', 3),
      rps: () => 12,
      latencySeconds: 0.06,
      cpuCores: () => 0.45,
      memoryBytes: () => 3 * 350 * MiB,
    },
    {
      namespace: 'inventory',
      pods: () => ['inventory-search-0', 'inventory-search-1'],
      rps: () => 40,
      latencySeconds: 0.02,
      cpuCores: () => 1.1,
      memoryBytes: () => 2 * 9 * GiB,
    },
    {
      namespace: 'shop',
      grpc: true,
      pods: (i) => pods('flash-sale-api', '5f6d7c8b9', onSale(i) ? 10 : 2),
      rps: (i) => (onSale(i) ? 4_000 : 5),
      latencySeconds: 2,
      cpuCores: (i) => (onSale(i) ? 4.5 : 0.2),
      memoryBytes: (i) => (onSale(i) ? 10 : 2) * 256 * MiB,
    },
  ];
}

/** The Prometheus data set for a `days`-day window ending now (plus an hour before it, so the first rate has history). */
function fleetDataSet(days: number, now = Date.now(), interval = 60): PromDataSet {
  const end = Math.floor(now / 1000 / interval) * interval;
  const start = end - days * 86_400 - 3600;
  const samples = Math.floor((end - start) / interval) + 1;
  return { start, interval, samples, workloads: fleetWorkloads(samples, interval) };
}

export interface FleetServers {
  /** The one --endpoint-url for both the Lambda API and CloudWatch. */
  aws: AwsEndpoint;
  /** The same for an account running the examples/ workspace. */
  examplesAws: AwsEndpoint;
  lambda: LambdaApiServer;
  cloudWatch: CloudWatchApiServer;
  prometheus: RunningPrometheus;
  close(): Promise<void>;
}

/** Starts the three servers the fleet's measured usage comes from. */
export async function startFleetServers(days: number, opts: { cloudWatchPageSize?: number } = {}): Promise<FleetServers> {
  const prometheus = await startPrometheus(fleetDataSet(days));
  const lambda = await startLambdaApiServer({ functions: FLEET_FUNCTIONS });
  const cloudWatch = await startCloudWatchApiServer({ functions: FLEET_METRICS, pageSize: opts.cloudWatchPageSize });
  const aws = await startAwsEndpoint({ lambda: lambda.url, cloudWatch: cloudWatch.url });
  const examplesLambda = await startLambdaApiServer({ functions: EXAMPLES_FUNCTIONS });
  const examplesCloudWatch = await startCloudWatchApiServer({ functions: EXAMPLES_METRICS });
  const examplesAws = await startAwsEndpoint({ lambda: examplesLambda.url, cloudWatch: examplesCloudWatch.url });
  return {
    aws,
    examplesAws,
    lambda,
    cloudWatch,
    prometheus,
    close: async () => {
      await Promise.all([aws.close(), examplesAws.close()]);
      await Promise.all([lambda.close(), cloudWatch.close(), examplesLambda.close(), examplesCloudWatch.close(), prometheus.close()]);
    },
  };
}
