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
      {
        ruleId: `x/${PAYLOADS[2]}`,
        category: 'config-risk',
        severity: 'warning',
        direction: 'to-kubernetes',
        file: PAYLOADS[4],
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        message: PAYLOADS[4],
      },
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--headless',
      ],
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
    assert.deepEqual(
      names,
      [...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())),
    );
    assert.ok(firstBefore);
    // A unit's name also appears in others' reasons (one runtime finding names three functions): fewer rows, its own first.
    await page.fill('#unit-filter', names[0]);
    const filtered = await page.locator('table.units tbody tr th .unit-name').allTextContents();
    assert.ok(filtered.length >= 1 && filtered.length < names.length && filtered.includes(names[0]), filtered.join(', '));
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
    assert.ok(
      hrefs.every((h) => h.startsWith('#') || h.startsWith('https://')),
      hrefs.join(' '),
    );
    const text = (await page.locator('#app').textContent()) ?? '';
    for (const p of PAYLOADS) assert.ok(text.includes(p.replace(/\n/g, ' ').split(' ')[0]), `payload shown as text: ${p}`);
    assert.ok(text.includes('<script>window.__pwned = "script"</script>'));
    for (const id of SECTIONS) assert.equal(await page.locator(`section#${id} h2`).count(), 1, `section ${id}`);
    await page.screenshot({ path: path.join(out, 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it("a ready unit's reasons say how many notes it has to read, and one with none says nothing was found", async () => {
    const file = path.join(dir, 'notes.html');
    const assets = { css: readFileSync(path.join(root, 'media/report.css'), 'utf8'), js: readFileSync(path.join(root, 'media/report.js'), 'utf8') };
    const fn = (name: string, line: number) => ({
      kind: 'lambda-function' as const,
      name,
      file: 'template.yaml',
      line,
      source: 'sam' as const,
      events: [{ type: 'http' as const, detail: 'GET /' }],
      readiness: { toKubernetes: 'ready' as const, effort: 'S' },
    });
    const note = (ruleId: string, line: number) => ({
      ruleId,
      category: 'event-source' as const,
      severity: 'info' as const,
      direction: 'to-kubernetes' as const,
      file: 'template.yaml',
      line,
      column: 1,
      endLine: line,
      endColumn: 2,
      unit: 'Orders',
      message: 'Orders is invoked over HTTP; on Kubernetes it needs a Service.',
    });
    const result: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'lambdashift', version: '0.1.0' },
      findings: [note('iac/event-source', 3), note('java/event-source', 4)],
      units: [fn('Orders', 3), fn('Health', 9)],
      errors: [],
      stats: { files: 1, analyzed: 1, skipped: 0, ms: 1 },
    };
    writeFileSync(file, formatHtml(buildReportModel(result), assets));
    const { page, problems } = await open(file);
    assert.deepEqual(problems, []);
    const why = async (name: string) =>
      (
        (await page
          .locator('table.units tbody tr', { has: page.locator('.unit-name', { hasText: name }) })
          .first()
          .textContent()) ?? ''
      ).replace(/\s+/g, ' ');
    assert.match(await why('Orders'), /nothing to change; 2 notes to read \(Findings\)/);
    assert.match(await why('Health'), /nothing found/);
    assert.doesNotMatch(await why('Health'), /notes? to read/);
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
      assert.match(
        (await page.locator('#split-desc').textContent()) ?? '',
        /4 cheaper on Lambda .* 3 cheaper on Kubernetes .*The first 1 \(14% of the units\) carry 80% of the difference\./,
      );
      const [a, b] = [await split.boundingBox(), await page.locator('#cost svg.chart').boundingBox()];
      assert.ok(a && b && Math.abs(a.y - b.y) < 80 && a.x + a.width <= b.x, 'the two charts sit side by side');
      assert.match((await page.locator('table.concurrency').textContent()) ?? '', /sale.*10,000.*would be throttled/s);
      const fill = await page
        .locator('#cost svg.split-chart rect.bar.kubernetes')
        .first()
        .evaluate((el) => getComputedStyle(el).fill);
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

  it('1,000 units: bounded rows and findings, folders that fold, pages, one set of counts, rendered code spans, 500 px wide', async () => {
    const file = path.join(dir, 'thousand.html');
    const assets = { css: readFileSync(path.join(root, 'media/report.css'), 'utf8'), js: readFileSync(path.join(root, 'media/report.js'), 'utf8') };
    const big = thousandUnits();
    const model = buildReportModel(big);
    writeFileSync(file, formatHtml(model, assets));
    const { page, problems } = await open(file);
    assert.deepEqual(problems, []);
    // Bounds on what is in the document, whatever the size of the fleet: a page of rows, 50 findings per category.
    assert.equal(await page.locator('table.units tbody tr').count(), 100);
    const categories = model.findings.length;
    assert.ok((await page.locator('#findings li.finding').count()) <= categories * 50);
    const nodes = await page.evaluate(() => document.querySelectorAll('*').length);
    assert.ok(nodes < 10_000, `DOM elements: ${nodes}`);
    // The summary and the table count the same units per move and verdict.
    const summary = await page
      .locator('#summary table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    const status = (await page.locator('#units [role=status]').textContent()) ?? '';
    const m = /to Kubernetes: (\d+) ready · (\d+) changes · (\d+) blocked; to Lambda: (\d+) ready · (\d+) changes · (\d+) blocked/.exec(status);
    assert.ok(m, status);
    assert.deepEqual(summary, [m.slice(1, 4).map(Number), m.slice(4, 7).map(Number)]);
    assert.match(status, /^1000 of 1000 units shown/);
    // Pages.
    await page.getByRole('button', { name: 'Next ›' }).click();
    assert.match((await page.locator('#units .pager').textContent()) ?? '', /Page 2 of 10 \(rows 101–200 of 1000\)/);
    assert.equal(await page.locator('table.units tbody tr').count(), 100);
    // Grouped by folder: 100 folders start folded (one heading row each), a folder opens to its units.
    await page.selectOption('#unit-group', 'folder');
    assert.equal(await page.locator('table.units tbody tr.group').count(), 100);
    assert.equal(await page.locator('table.units tbody tr[data-unit]').count(), 0);
    await page.locator('button.group-toggle', { hasText: 'services/svc007' }).click();
    assert.equal(await page.locator('table.units tbody tr[data-unit]').count(), 10);
    assert.match((await page.locator('#units .pager').textContent()) ?? '', /of 110\)/);
    await page.screenshot({ path: path.join(out, 'report-1000-grouped.png') });
    // Messages show Markdown code spans as code, never raw backticks.
    const messages = await page.locator('#findings .message').allTextContents();
    assert.ok(
      messages.length > 0 && messages.every((t) => !t.includes('`')),
      messages.find((t) => t.includes('`')),
    );
    assert.ok((await page.locator('#findings .message code').count()) > 0);
    // More findings on demand, 50 at a time.
    const first = page.locator('#findings details').first();
    const before = await first.locator('li.finding').count();
    await first.locator('button.more').click();
    assert.equal(await first.locator('li.finding').count(), before + 50);
    // Sections fold from their headings.
    await page.getByRole('button', { name: 'Findings by category' }).click();
    assert.equal(await page.locator('#findings-body').isHidden(), true);
    await page.getByRole('button', { name: 'Findings by category' }).click();
    assert.equal(await page.locator('#findings-body').isVisible(), true);
    await page.close();
    // The same report in the dark theme, grouped by folder: the dark palette, and the group rows readable on it.
    const dark = await open(file, 'dark');
    assert.deepEqual(dark.problems, []);
    await dark.page.selectOption('#unit-group', 'folder');
    await dark.page.locator('button.group-toggle', { hasText: 'services/svc007' }).click();
    assert.equal(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(30, 30, 30)');
    const groupText = await dark.page
      .locator('table.units tbody tr.group')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(groupText, 'rgb(30, 30, 30)');
    await dark.page.locator('#units').scrollIntoViewIfNeeded();
    await dark.page.screenshot({ path: path.join(out, 'report-1000-dark.png') });
    await dark.page.close();
    // 500 px: nothing wider than the view; the table becomes cards.
    const narrow = await browser.newPage({ viewport: { width: 500, height: 900 } });
    await narrow.goto(`file://${file}`);
    await narrow.waitForSelector('#cost h2');
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 500, `page width at 500 px: ${width}`);
    assert.equal(await narrow.locator('table.units thead').evaluate((el) => getComputedStyle(el).position), 'absolute');
    await narrow.screenshot({ path: path.join(out, 'report-500px.png') });
    const units = await narrow.locator('table.units').boundingBox();
    assert.ok(units);
    await narrow.screenshot({ path: path.join(out, 'report-500px-units.png'), fullPage: true, clip: { x: 0, y: units.y, width: 500, height: 900 } });
    await narrow.close();
  });
});

/** 1,000 Lambda functions and workloads in 100 folders, each with findings whose messages carry `code` spans. */
function thousandUnits(): AssessResult {
  const units: AssessResult['units'] = [];
  const findings: AssessResult['findings'] = [];
  for (let i = 0; i < 1000; i++) {
    const folder = `services/svc${String(Math.floor(i / 10)).padStart(3, '0')}`;
    const lambda = i % 2 === 0;
    const verdict = (['ready', 'changes', 'blocked'] as const)[i % 3];
    const name = `fn${i % 10}`;
    const file = `${folder}/${lambda ? 'serverless.yml' : 'deploy.yaml'}`;
    units.push({
      kind: lambda ? 'lambda-function' : 'k8s-workload',
      name,
      file,
      line: 1 + (i % 10),
      source: lambda ? 'serverless' : 'kubernetes',
      ...(lambda ? { runtime: 'nodejs22.x', timeoutSeconds: 30, memoryMB: 512 } : { workloadKind: 'Deployment', replicas: 2 }),
      events: lambda ? [{ type: 'http', detail: `GET /${name}` }] : [],
      readiness: lambda ? { toKubernetes: verdict, effort: 'M' } : { toLambda: verdict, effort: 'M' },
    });
    for (let k = 0; k < 3; k++) {
      findings.push({
        ruleId: k === 0 ? 'handler/runtime-coupling' : k === 1 ? 'handler/background-work' : 'iac/event-source',
        category: k === 0 ? 'runtime-coupling' : k === 1 ? 'background-work' : 'event-source',
        severity: k === 0 && verdict === 'blocked' ? 'error' : 'warning',
        direction: lambda ? 'to-kubernetes' : 'to-lambda',
        file,
        line: 1 + k,
        column: 1,
        endLine: 1 + k,
        endColumn: 5,
        unit: name,
        unitIds: [lambda ? `${file}#${name}` : `${file}#Deployment//${name}`],
        message: `\`context.getRemainingTimeInMillis()\` reads the time left (**${name}**); pass a \`context\` from the runner.`,
      });
    }
  }
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: '0.0.0-test' },
    units,
    findings,
    errors: [],
    stats: { files: 2000, analyzed: 2000, skipped: 0, ms: 1 },
  };
}
