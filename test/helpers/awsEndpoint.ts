// One local endpoint for several fake AWS services, as LocalStack offers: `--endpoint-url` serves the Lambda API
// (REST, routed by path) and CloudWatch (JSON, routed by X-Amz-Target) alike. Requests are piped to the service's own
// test server unchanged, signature headers included.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startAwsEndpoint(upstreams: { lambda: string; cloudWatch: string }): Promise<AwsEndpoint> {
  const server = http.createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const base = new URL(target.startsWith('GraniteServiceVersion20100801.') ? upstreams.cloudWatch : upstreams.lambda);
    const proxied = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    proxied.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
