// The acceptance run: `lambdashift assess --repos test/fixtures/fleet --include-aws --metrics --prometheus-url` on a
// fleet of six repositories (twelve units, plus one function only the account has), against a local Lambda API and
// CloudWatch (real SDK, real HTTP, one --endpoint-url) and a real Prometheus. Fails, never skips, without Prometheus.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import type { ReportModel } from '../../../src/core/report/model';
import type { AssessResult } from '../../../src/core/types';
import { FLEET_DIR, startFleetServers, type FleetServers } from '../../helpers/fleet';
import { tempDir } from '../../helpers/tmp';

const DAYS = '2';
const SECRET = 'fleet-secret-never-printed';
const TOKEN = 'prom-token-never-printed';
let servers: FleetServers;
before(async () => {
  servers = await startFleetServers(Number(DAYS));
});
after(async () => {
  await servers?.close();
});

const repoRoot = path.resolve(__dirname, '../../..');
const fleet = path.relative(repoRoot, FLEET_DIR);

async function assess(extra: string[], opts: { stderrIsTTY?: boolean } = {}) {
  const out = { stdout: '', stderr: '' };
  const env = { AWS_ACCESS_KEY_ID: 'AKIDFLEET', AWS_SECRET_ACCESS_KEY: SECRET, PROM_TOKEN: TOKEN };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(
      [
        'assess',
        '--repos',
        fleet,
        '--include-aws',
        '--region',
        'eu-west-1',
        '--endpoint-url',
        servers.aws.url,
        '--metrics',
        '--metrics-days',
        DAYS,
        '--prometheus-url',
        servers.prometheus.url,
        '--prometheus-token-env',
        'PROM_TOKEN',
        '--fail-on',
        'never',
        '--no-cache',
        ...extra,
      ],
      {
        cwd: repoRoot,
        isTTY: false,
        stderrIsTTY: opts.stderrIsTTY ?? false,
        columns: 100,
        env: { ...process.env },
        stdout: (s) => void (out.stdout += s),
        stderr: (s) => void (out.stderr += s),
      },
    );
    return { code, ...out };
  } finally {
    process.env = saved;
  }
}

describe('assess a fleet at measured usage (--repos, --include-aws --metrics, --prometheus-url)', () => {
  let json: AssessResult;
  before(async () => {
    const r = await assess(['--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    json = JSON.parse(r.stdout);
  });

  it('assesses every repository, with paths prefixed by the repository folder', () => {
    assert.equal(json.units.length, 13);
    const repos = new Set(json.units.map((u) => u.repository));
    assert.deepEqual([...repos].sort(), ['ledger', 'notify', 'payments', 'reports', 'search', 'storefront', undefined].sort());
    for (const u of json.units)
      assert.ok(u.repository ? u.file.startsWith(`${u.repository}/`) : u.file.startsWith('aws://lambda/eu-west-1/'), `${u.name}: ${u.file}`);
    for (const f of json.findings) assert.match(f.file, /^(ledger|notify|payments|reports|search|storefront)\/|^aws:\/\//, f.file);
  });

  it('gives each function its CloudWatch figures and each workload its Prometheus figures', () => {
    const by = (name: string) => json.units.find((u) => u.name === name)!;
    // payments-api: 12,000 invocations per 5 minutes for 2 days = 6,912,000.
    assert.equal(by('PaymentsApiFunction').usage?.source, 'cloudwatch');
    assert.equal(by('PaymentsApiFunction').usage?.subject, 'payments-api');
    assert.equal(by('PaymentsApiFunction').usage?.requests, 6_912_000);
    // The Serverless function `email` is deployed as notify-prod-email; `sms` was never invoked.
    assert.equal(by('email').usage?.subject, 'notify-prod-email');
    assert.equal(by('sms').usage?.requests, 0);
    assert.equal(by('legacy-cron').usage?.requests, 48);
    const search = by('search-api').usage!;
    assert.equal(search.source, 'prometheus');
    assert.equal(search.peakRps, 300);
    assert.ok(Math.abs(search.requests! - 300 * 2 * 86_400) / (300 * 2 * 86_400) < 0.001, `search-api requests ${search.requests}`);
    assert.deepEqual(search.replicas, { avg: 4, min: 4, max: 4 });
    // The indexer exports no request metrics: traffic stays estimated, pods are measured.
    assert.match(by('search-indexer').usage!.notes!.join(' '), /request rate query returned no data/);
    assert.match(by('storefront-sitemap').usage!.notes![0], /^no series for shop\/storefront-sitemap/);
  });

  it('reports the timeout wall with the figures, and the flash sale against the concurrency limit', () => {
    const walls = json.findings.filter((f) => f.ruleId === 'report/timeout-wall');
    assert.deepEqual(walls.map((f) => `${f.unit}@${f.file}`).sort(), ['ExportFunction@reports/template.yaml', 'ReportBuilderFunction@reports/template.yaml']);
    assert.match(
      walls.find((f) => f.unit === 'ReportBuilderFunction')!.message,
      /up to 860 s over the last 2 days \(p99 800 s, average 600 s\): 96% of its 900 s timeout/,
    );
    assert.match(walls.find((f) => f.unit === 'ExportFunction')!.message, /reached its 60 s timeout/);
    const conc = json.findings.filter((f) => f.ruleId === 'report/concurrency-limit');
    assert.deepEqual(
      conc.map((f) => `${f.unit}@${f.file}`),
      ['flash-sale-api@storefront/k8s/flash-sale.yaml'],
    );
    assert.match(
      conc[0].message,
      /measured peak of 4000 requests\/s × 2000 ms \(2 days\), 'flash-sale-api' needs about 8,000 concurrent Lambda environments, above the account's 1,000 default/,
    );
  });

  it('renders one HTML report with the application list, measured vs estimated, the split and its chart', async () => {
    const dir = tempDir('ls-fleet-');
    const file = path.join(dir, 'fleet.html');
    const r = await assess(['--format', 'html', '-o', file]);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(file, 'utf8');
    const data = /<script type="application\/json" id="lambdashift-data">(.*?)<\/script>/s.exec(html)![1];
    const model = JSON.parse(data) as ReportModel;
    assert.deepEqual(
      model.applications!.map((a) => [a.name, a.units, a.measured]),
      [
        ['ledger', 1, 1],
        ['notify', 2, 2],
        ['payments', 2, 2],
        ['reports', 2, 2],
        ['search', 2, 2],
        ['storefront', 3, 2],
        ['(deployed, no repository)', 1, 1],
      ],
    );
    // Partly measured: search-indexer (no request metrics). Estimated: storefront-sitemap (no pods in the window).
    assert.deepEqual(model.split.basis, { measured: 11, 'partly measured': 1, estimated: 1 });
    const flipped = model.split.rows
      .filter((x) => x.flipped)
      .map((x) => x.name)
      .sort();
    assert.deepEqual(flipped, ['ExportFunction', 'PaymentsApiFunction', 'ReportBuilderFunction', 'flash-sale-api', 'ledger-sync', 'search-api']);
    assert.equal(model.split.lambdaCheaper.units + model.split.kubernetesCheaper.units, 13);
    assert.equal(model.split.rows[0].name, 'search-api');
    assert.ok(model.split.pareto.units <= 3, `80% of the difference in ${model.split.pareto.units} units`);
  });

  it('writes SARIF and Markdown with repository-prefixed paths and the split', async () => {
    const sarif = JSON.parse((await assess(['--format', 'sarif'])).stdout);
    const uris: string[] = sarif.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.length > 10);
    for (const u of uris) assert.match(u, /^(ledger|notify|payments|reports|search|storefront)\/|^aws(:|%3A)/, u);
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'report/timeout-wall'));
    const md = (await assess(['--format', 'markdown'])).stdout;
    assert.match(md, /## Applications/);
    assert.match(md, /### The split/);
    assert.match(md, /\| 1 \| search: search-api \| measured \|/);
  });

  it('draws progress on stderr only when it is a terminal, and never prints a secret', async () => {
    const tty = await assess(['--format', 'json'], { stderrIsTTY: true });
    for (const repo of ['ledger', 'notify', 'payments', 'reports', 'search', 'storefront'])
      assert.match(tty.stderr, new RegExp(`\\[\\d/6\\] ${repo}: \\d+ files?, \\d+ units?`));
    assert.match(tty.stderr, /\[6\/6\] storefront/);
    assert.match(tty.stderr, /CloudWatch: \d+\/\d+ GetMetricData batches/);
    assert.match(tty.stderr, /Prometheus: \d+\/\d+ queries/);
    const piped = await assess(['--format', 'json'], { stderrIsTTY: false });
    assert.doesNotMatch(piped.stderr, /\[\d\/6\]|CloudWatch:|Prometheus:/);
    for (const text of [tty.stdout, tty.stderr, piped.stdout, piped.stderr]) {
      assert.ok(!text.includes(SECRET));
      assert.ok(!text.includes(TOKEN));
    }
  });

  it('assesses the examples at measured usage too', async () => {
    const out = { stdout: '', stderr: '' };
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLES', AWS_SECRET_ACCESS_KEY: SECRET });
    const code = await main(
      [
        'assess',
        'examples',
        '--include-aws',
        '--region',
        'eu-west-1',
        '--endpoint-url',
        servers.examplesAws.url,
        '--metrics',
        '--metrics-days',
        DAYS,
        '--prometheus-url',
        servers.prometheus.url,
        '--format',
        'json',
        '--fail-on',
        'never',
        '--no-cache',
      ],
      { cwd: repoRoot, isTTY: false, env: { ...process.env }, stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s) },
    ).finally(() => {
      process.env = saved;
    });
    assert.equal(code, 0, out.stderr);
    const r = JSON.parse(out.stdout) as AssessResult;
    const basis = Object.fromEntries(r.units.map((u) => [u.name, u.usage ? `${u.usage.source}:${u.usage.subject}` : 'estimated']));
    assert.deepEqual(basis, {
      'acme-invoice-generator': 'cloudwatch:acme-invoice-generator',
      'catalog-api': 'prometheus:catalog/catalog-api',
      // Not deployed in the test account: its costs stay estimated.
      LabelPrinterFunction: 'estimated',
      'stock-reconcile': 'prometheus:inventory/stock-reconcile',
      'inventory-api': 'prometheus:inventory/inventory-api',
      'inventory-search': 'prometheus:inventory/inventory-search',
      sendEmail: 'cloudwatch:acme-notifications-dev-sendEmail',
      webhook: 'cloudwatch:acme-notifications-dev-webhook',
      digest: 'cloudwatch:acme-notifications-dev-digest',
      OrdersApiFunction: 'cloudwatch:orders-OrdersApiFunction-A1B2C3D4E5',
      ExportPollerFunction: 'cloudwatch:orders-ExportPollerFunction-F6G7H8I9J0',
      NightlyCleanupFunction: 'cloudwatch:orders-NightlyCleanupFunction-K1L2M3N4O5',
    });
    assert.deepEqual(r.units.find((u) => u.name === 'inventory-search')!.usage!.replicas, { avg: 2, min: 2, max: 2 });
    const walls = r.findings.filter((f) => f.ruleId === 'report/timeout-wall');
    assert.deepEqual(
      walls.map((f) => f.unit),
      ['ExportPollerFunction'],
    );
    assert.match(walls[0].message, /up to 845 s .*94% of its 900 s timeout/);
    // The CronJob had no pods in the window: a note, and its costs stay estimated.
    assert.match(r.units.find((u) => u.name === 'stock-reconcile')!.usage!.notes![0], /^no series for inventory\/stock-reconcile/);
  });
});
