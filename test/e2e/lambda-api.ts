// Starts the AWS test servers for the editor's "Import Functions from AWS…" and "Measure Usage…" checks: the Lambda API
// and CloudWatch GetMetricData (real HTTP, AWS API shapes) behind one endpoint, as `lambdashift.aws.endpointUrl` is
// one setting for both. Prints the URL on the first line and serves until killed.
import { startAwsEndpoint } from '../helpers/awsEndpoint';
import { startCloudWatchApiServer } from '../helpers/cloudWatchApiServer';
import { startLambdaApiServer } from '../helpers/lambdaApiServer';

void (async () => {
  const lambda = await startLambdaApiServer({
    functions: [
      { FunctionName: 'acme-nightly-export', Runtime: 'nodejs20.x', Handler: 'index.handler', Timeout: 900, MemorySize: 1024 },
      { FunctionName: 'acme-hand-made', Runtime: 'python3.12', Handler: 'app.handler', Timeout: 10, MemorySize: 128 },
    ],
  });
  // The export runs near its 900 s wall; the hand-made one is busy by day. Account-wide, 9 at once (< 12 + 6 summed).
  const cloudWatch = await startCloudWatchApiServer({
    functions: [
      { functionName: 'acme-nightly-export', invocations: [1, 0, 0, 0], concurrency: [1, 0, 0, 0], duration: { avg: 600_000, p99: 860_000, max: 880_000 } },
      { functionName: 'acme-hand-made', invocations: [3000, 600], concurrency: [12, 6], duration: { avg: 120, p99: 400, max: 900 } },
    ],
    accountConcurrency: [9, 6],
  });
  const endpoint = await startAwsEndpoint({ lambda: lambda.url, cloudWatch: cloudWatch.url });
  process.stdout.write(`${endpoint.url}\n`);
})();
