/// <reference lib="dom" />
// The HTML report in a real browser (Debian's chromium through playwright-core): the examples report and a report
// full of hostile names and messages. Run with `npm run test:browser` (builds first). Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/tmp';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatHtml } from '../../src/core/report/html';
import { buildReportModel } from '../../src/core/report/model';
import type { AssessResult } from '../../src/core/types';
import { measuredResult } from '../helpers/measuredFleet';

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// LAMBDASHIFT_CLI lets the suite run the CLI from source (`src/cli/index.ts`, through tsx) when dist/ is stale.
const CLI = path.resolve(root, process.env.LAMBDASHIFT_CLI ?? 'dist/cli.js');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function cli(args: string[], cwd = root): string {
  const r = spawnSync(process.execPath, [...(CLI.endsWith('.ts') ? ['--import', TSX] : []), CLI, ...args], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `lambdashift ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '"><svg onload="window.__pwned=\'svg\'">',
  '| broken | table |\n# heading `code` **bold** [link](javascript:window.__pwned=1)',
  '</script><script>window.__pwned="json-breakout"</script>',
];

function hostileResult(): AssessResult {
  const evil = PAYLOADS.join(' ');
  const unit = (name: string, file: string): AssessResult['units'][number] => ({
    kind: 'lambda-function',
    name,
    file,
    line: 3,
    source: 'serverless',
    runtime: 'nodejs22.x',
    timeoutSeconds: 30,
    memoryMB: 512,
    events: [{ type: 'http', detail: `POST /${PAYLOADS[1]}` }],
    readiness: { toKubernetes: 'blocked', effort: 'XL' },
  });
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: '0.0.0-test' },
    units: [unit(PAYLOADS[0], `src/${PAYLOADS[1]}/serverless.yml`), unit(PAYLOADS[3], 'javascript:window.__pwned=1')],
    findings: [
      {
        ruleId: 'handler/listening-server',
        category: 'listening-server',
        severity: 'error',
        direction: 'both',
        file: `src/${PAYLOADS[1]}.js`,
        line: 7,
        column: 1,
        endLine: 7,
        endColumn: 9,
        unit: PAYLOADS[0],
        message: evil,
      },
      { ruleId: `x/${PAYLOADS[2]}`, category: 'config-risk', severity: 'warning', direction: 'to-kubernetes', file: PAYLOADS[4], line: 1, column: 1, endLine: 1, endColumn: 2, message: PAYLOADS[4] },
    ],
    errors: [{ file: PAYLOADS[2], message: evil }],
    stats: { files: 3, analyzed: 3, skipped: 0, ms: 1 },
  };
}

const SECTIONS = ['summary', 'units', 'findings', 'cost'];

// A missing browser is a failure, not a skip: `npm run test:browser` installs Debian's chromium first (test/e2e/setup.sh).
describe('HTML report in Chromium', () => {
  it('has a browser to run in', () => {
    assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: run 'apt-get install -y chromium' or set CHROMIUM_PATH`);
  });
  let browser: Browser;
  const dir = tempDir('lambdashift-browser-');

  before(async () => {
    mkdirSync(out, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless'],
    });
  });
  after(async () => {
    await browser?.close();
  });

  /** Opens a report file and records console errors, page errors and every network request. */
  async function open(file: string, colorScheme: 'light' | 'dark' = 'light') {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      (window as unknown as { __pwned: unknown }).__pwned = false;
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('#cost h2');
    return { page, problems, requests };
  }

  it('renders the examples report with every section, no errors and no requests', async () => {
    const file = path.join(dir, 'examples.html');
    cli(['assess', 'examples', '--format', 'html', '-o', file, '--fail-on', 'never']);
    const { page, problems, requests } = await open(file);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [`file://${file}`], 'the report makes no network requests');
    for (const id of SECTIONS) assert.equal(await page.locator(`section#${id} h2`).count(), 1, `section ${id}`);
    const rows = await page.locator('table.units tbody tr').count();
    assert.ok(rows >= 3, `unit rows: ${rows}`);
    assert.ok((await page.locator('#findings details').count()) >= 1);
    // The chart is accessible: role, title and a description that states the break-even.
    const svg = page.locator('#cost svg.chart');
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.match((await page.locator('#chart-desc').textContent()) ?? '', /requests/);
    assert.equal(await page.locator('#cost svg path.line').count(), 3);
    // Sorting by a header changes the order; filtering narrows the rows.
    const firstBefore = await page.locator('table.units tbody tr th .unit-name').first().textContent();
    await page.getByRole('button', { name: 'Unit', exact: true }).click();
    await page.getByRole('button', { name: 'Unit', exact: true }).click();
    const names = await page.locator('table.units tbody tr th .unit-name').allTextContents();
    assert.deepEqual(names, [...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    assert.ok(firstBefore);
    await page.fill('#unit-filter', names[0]);
    assert.equal(await page.locator('table.units tbody tr').count(), 1);
    await page.fill('#unit-filter', '');
    await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
    await page.close();
    const dark = await open(file, 'dark');
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(30, 30, 30)', 'dark palette under prefers-color-scheme: dark');
    await dark.page.screenshot({ path: path.join(out, 'report-dark.png') });
    await dark.page.close();
  });

  it('shows hostile names and messages as text and runs none of them', async () => {
    const file = path.join(dir, 'hostile.html');
    const assets = { css: readFileSync(path.join(root, 'media/report.css'), 'utf8'), js: readFileSync(path.join(root, 'media/report.js'), 'utf8') };
    writeFileSync(file, formatHtml(buildReportModel(hostileResult()), assets));
    const { page, problems, requests } = await open(file);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [`file://${file}`]);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned), false, 'no injected script ran');
    assert.equal(await page.locator('#app script, #app img, #app iframe, #app [onerror], #app [onload]').count(), 0);
    assert.equal(await page.locator('#app svg [onload]').count(), 0);
    // No link points at a workspace-controlled URL.
    const hrefs = await page.locator('#app a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(hrefs.every((h) => h.startsWith('#') || h.startsWith('https://')), hrefs.join(' '));
    const text = (await page.locator('#app').textContent()) ?? '';
    for (const p of PAYLOADS) assert.ok(text.includes(p.replace(/\n/g, ' ').split(' ')[0]), `payload shown as text: ${p}`);
    assert.ok(text.includes('<script>window.__pwned = "script"</script>'));
    for (const id of SECTIONS) assert.equal(await page.locator(`section#${id} h2`).count(), 1, `section ${id}`);
    await page.screenshot({ path: path.join(out, 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it('labels measured and estimated units and draws the split next to the break-even chart, light and dark', async () => {
    const file = path.join(dir, 'measured.html');
    const assets = { css: readFileSync(path.join(root, 'media/report.css'), 'utf8'), js: readFileSync(path.join(root, 'media/report.js'), 'utf8') };
    const fleet = { ...measuredResult, units: measuredResult.units.map((u, i) => ({ ...u, repository: i < 3 ? 'functions' : 'cluster' })) };
    writeFileSync(file, formatHtml(buildReportModel(fleet), assets));
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems, requests } = await open(file, scheme);
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [`file://${file}`]);
      for (const id of ['applications', ...SECTIONS]) assert.equal(await page.locator(`section#${id} h2`).count(), 1, `section ${id}`);
      assert.deepEqual(await page.locator('table.apps tbody th').allTextContents(), ['cluster', 'functions']);
      // The Basis column: six measured, one estimated.
      assert.equal(await page.locator('table.units .badge.basis.measured').count(), 6);
      assert.equal(await page.locator('table.units .badge.basis.estimated').count(), 1);
      // The split chart: one bar per unit, the cumulative line, an accessible description; beside the break-even chart.
      const split = page.locator('#cost svg.split-chart');
      assert.equal(await split.getAttribute('role'), 'img');
      assert.equal(await page.locator('#cost svg.split-chart rect.bar').count(), 7);
      assert.equal(await page.locator('#cost svg.split-chart rect.bar.estimated').count(), 1);
      assert.equal(await page.locator('#cost svg.split-chart path.cumulative').count(), 1);
      assert.match((await page.locator('#split-desc').textContent()) ?? '', /4 cheaper on Lambda .* 3 cheaper on Kubernetes .*The first 1 \(14% of the units\) carry 80% of the difference\./);
      const [a, b] = [await split.boundingBox(), await page.locator('#cost svg.chart').boundingBox()];
      assert.ok(a && b && Math.abs(a.y - b.y) < 80 && a.x + a.width <= b.x, 'the two charts sit side by side');
      assert.match((await page.locator('table.concurrency').textContent()) ?? '', /sale.*10,000.*would be throttled/s);
      const fill = await page.locator('#cost svg.split-chart rect.bar.kubernetes').first().evaluate((el) => getComputedStyle(el).fill);
      assert.equal(fill, scheme === 'light' ? 'rgb(50, 108, 229)' : 'rgb(109, 155, 255)', 'bars follow the theme');
      await page.locator('#cost').screenshot({ path: path.join(out, `report-measured-${scheme}.png`) });
      await page.close();
    }
  });

  it('shows hostile file names from a real scan as text', async () => {
    const ws = path.join(dir, 'ws');
    mkdirSync(ws, { recursive: true });
    const name = 'api<img src=x onerror=window.__pwned=1>.js';
    writeFileSync(path.join(ws, name), "const http = require('http');\nhttp.createServer((q, s) => s.end('ok')).listen(8080);\n");
    const file = path.join(dir, 'scan.html');
    cli(['assess', '.', '--format', 'html', '-o', file, '--fail-on', 'never'], ws);
    const { page, problems } = await open(file);
    assert.deepEqual(problems, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned), false);
    assert.ok(((await page.locator('#findings').textContent()) ?? '').includes(name));
    await page.close();
  });
});
