// A real Prometheus for tests: Debian's `prometheus` package (/usr/bin/prometheus, /usr/bin/promtool; installed by
// test/setup-prometheus.sh). The data set is written as OpenMetrics and turned into TSDB blocks with
// `promtool tsdb create-blocks-from openmetrics`, then a server is started on a free loopback port (Prometheus cannot
// listen on port 0: a port is found by binding a server to 0 and closing it, and another is tried if the start
// loses the race). `close()` stops the server and removes its folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import { tempDir } from './tmp';

export interface PromWorkload {
  namespace: string;
  /** Pods alive at sample `i` (their names must match the workload's pod pattern). */
  pods: (i: number) => string[];
  /** Requests per second over all pods at sample `i` (split evenly across the pods). Absent: no request metrics. */
  rps?: (i: number) => number;
  /** Seconds per request (constant), for the `_sum` series of the HTTP histogram. */
  latencySeconds?: number;
  /** Expose go-grpc-prometheus counters instead of the HTTP ones. */
  grpc?: boolean;
  /** CPU cores in use over all pods, and working-set bytes over all pods, at sample `i`. */
  cpuCores?: (i: number) => number;
  memoryBytes?: (i: number) => number;
}

export interface PromDataSet {
  /** First sample (epoch seconds) and sample spacing. */
  start: number;
  interval: number;
  samples: number;
  workloads: PromWorkload[];
}

export interface RunningPrometheus {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The binary's path in `dirs` (default: /usr/bin, /usr/local/bin, then $PATH); throws, saying how to install it, when absent. */
export function findBinary(name: string, dirs = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')]): string {
  for (const dir of dirs) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  throw new Error(
    `${name} is not installed, so the real-Prometheus tests cannot run. Install it with 'bash test/setup-prometheus.sh' (Debian's prometheus package; npm test runs it as its pretest step).`,
  );
}

const labels = (l: Record<string, string>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** Writes the data set as OpenMetrics: one series after another, samples in time order, ending with `# EOF`. */
async function writeOpenMetrics(file: string, data: PromDataSet): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : once(out, 'drain'));
  const families: { name: string; series: Map<string, string[]> }[] = [];
  const family = (name: string) => {
    let f = families.find((x) => x.name === name);
    if (!f) families.push((f = { name, series: new Map() }));
    return f;
  };
  for (const w of data.workloads) {
    const counters = new Map<string, number>();
    const add = (name: string, l: Record<string, string>, t: number, value: number, counter: boolean) => {
      const key = `${name}${labels(l)}`;
      const v = counter ? (counters.get(key) ?? 0) + value : value;
      if (counter) counters.set(key, v);
      const f = family(name);
      const list = f.series.get(key) ?? [];
      list.push(`${key} ${+v.toFixed(6)} ${t}`);
      f.series.set(key, list);
    };
    for (let i = 0; i < data.samples; i++) {
      const t = data.start + i * data.interval;
      const pods = w.pods(i);
      if (!pods.length) continue;
      for (const pod of pods) {
        const sel = { namespace: w.namespace, pod };
        if (w.rps) {
          const n = (w.rps(i) / pods.length) * data.interval;
          if (w.grpc) {
            add('grpc_server_handled_total', { ...sel, grpc_code: 'OK' }, t, n, true);
            if (w.latencySeconds !== undefined) {
              add('grpc_server_handling_seconds_count', sel, t, n, true);
              add('grpc_server_handling_seconds_sum', sel, t, n * w.latencySeconds, true);
            }
          } else {
            add('http_server_requests_seconds_count', { ...sel, uri: '/api' }, t, n, true);
            if (w.latencySeconds !== undefined) add('http_server_requests_seconds_sum', { ...sel, uri: '/api' }, t, n * w.latencySeconds, true);
          }
        }
        if (w.cpuCores) add('container_cpu_usage_seconds_total', { ...sel, container: 'app' }, t, (w.cpuCores(i) / pods.length) * data.interval, true);
        if (w.memoryBytes) add('container_memory_working_set_bytes', { ...sel, container: 'app' }, t, Math.round(w.memoryBytes(i) / pods.length), false);
      }
    }
  }
  for (const f of families) for (const lines of f.series.values()) for (const l of lines) await write(`${l}\n`);
  await write('# EOF\n');
  out.end();
  await once(out, 'finish');
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as net.AddressInfo;
  srv.close();
  await once(srv, 'close');
  return port;
}

async function waitReady(url: string, child: ChildProcess, deadline: number): Promise<'ready' | 'exited'> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'exited';
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Builds the data set's blocks and starts Prometheus on them. */
export async function startPrometheus(data: PromDataSet): Promise<RunningPrometheus> {
  const prometheus = findBinary('prometheus');
  const promtool = findBinary('promtool');
  const dir = tempDir('ls-prometheus-');
  const storage = path.join(dir, 'data');
  const om = path.join(dir, 'data.om');
  await writeOpenMetrics(om, data);
  const made = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', om, storage], { encoding: 'utf8' });
  if (made.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`promtool tsdb create-blocks-from openmetrics failed (${made.status}): ${made.stderr || made.stdout}`);
  }
  rmSync(om);
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
  let lastLog = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const log: string[] = [];
    const child = spawn(
      prometheus,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${storage}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=3650d',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
    const state = await waitReady(url, child, Date.now() + 60_000);
    if (state === 'ready') {
      return {
        url,
        port,
        close: async () => {
          await stop(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stop(child);
    lastLog = log.join('');
    // Another process took the port between our check and Prometheus' bind: try another one.
    if (!/address already in use/i.test(lastLog)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`prometheus did not become ready: ${lastLog.slice(-2000)}`);
}
