import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { loadStock } from './stock';

// Warm cache refreshed in the background.
const cache = new Map<string, number>();
setInterval(async () => {
  for (const [sku, qty] of await loadStock()) cache.set(sku, qty);
}, 60_000);

const server = http.createServer((req, res) => {
  const sku = new URL(req.url ?? '/', 'http://x').searchParams.get('sku') ?? '';
  res.end(JSON.stringify({ sku, qty: cache.get(sku) ?? null }));
});

new Worker(new URL('./indexer.js', import.meta.url));
server.listen(8080);
