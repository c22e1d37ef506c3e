// Starts the Lambda API test server (real HTTP, AWS API shapes) for the editor's "Import Functions from AWS…" check;
// prints its URL on the first line and serves until killed.
import { startLambdaApiServer } from '../helpers/lambdaApiServer';

void (async () => {
  const server = await startLambdaApiServer({
    functions: [
      { FunctionName: 'acme-nightly-export', Runtime: 'nodejs20.x', Handler: 'index.handler', Timeout: 900, MemorySize: 1024 },
      { FunctionName: 'acme-hand-made', Runtime: 'python3.12', Handler: 'app.handler', Timeout: 10, MemorySize: 128 },
    ],
  });
  process.stdout.write(`${server.url}\n`);
})();
