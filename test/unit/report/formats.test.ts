import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseConfig } from '../../../src/core/config';
import { applyBaseline, parseBaseline } from '../../../src/core/report/baseline';
import { formatHtml } from '../../../src/core/report/html';
import { formatJson } from '../../../src/core/report/json';
import { formatMarkdown, md } from '../../../src/core/report/markdown';
import { buildReportModel, CONCURRENCY_RULE_ID, withReportFindings } from '../../../src/core/report/model';
import { formatSarif } from '../../../src/core/report/sarif';
import type { AssessResult, Finding } from '../../../src/core/types';
import { parseWebviewMessage } from '../../../src/shared/reportProtocol';

const root = path.resolve(__dirname, '../../..');
const EVIL = '<script>alert(1)</script> | cell | `tick` <img src=x onerror=alert(2)>\n## heading *em* [x](javascript:alert(3))';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'handler/listening-server',
  category: 'listening-server',
  severity: 'error',
  direction: 'both',
  file: 'src/a b/<evil>.ts',
  line: 4,
  column: 2,
  endLine: 4,
  endColumn: 9,
  message: EVIL,
  unit: 'Api|Fn',
  ...over,
});

function result(findings: Finding[] = [finding()]): AssessResult {
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: '0.1.0' },
    findings,
    units: [
      {
        kind: 'lambda-function',
        name: 'Api|Fn',
        file: 'template.yaml',
        line: 3,
        source: 'sam',
        memoryMB: 512,
        timeoutSeconds: 30,
        events: [{ type: 'http', detail: 'GET /`x`|y' }],
        readiness: { toKubernetes: 'blocked', effort: 'L' },
      },
      {
        kind: 'k8s-workload',
        workloadKind: 'Deployment',
        name: 'web',
        file: 'k8s/web.yaml',
        line: 1,
        source: 'kubernetes',
        events: [],
        containers: [{ name: 'web', ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '500m', memory: '1Gi' } } }],
        replicas: 2,
        readiness: { toLambda: 'ready', effort: 'S' },
      },
    ],
    errors: [{ file: 'bad|file.yaml', message: 'cannot parse\n| x |' }],
    stats: { files: 3, analyzed: 3, skipped: 0, ms: 5 },
  };
}

describe('markdown', () => {
  it('escapes table breakers, HTML and Markdown syntax', () => {
    const out = md(EVIL);
    assert.ok(!/[<>|`\n]/.test(out), out);
    assert.ok(!out.includes('[x]('), 'no live link');
    assert.match(out, /&lt;script&gt;/);
  });
  it('every table row keeps its column count whatever the content', () => {
    const text = formatMarkdown(buildReportModel(result()));
    const lines = text.split('\n');
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      // Unescaped pipes are the only column separators.
      const n = line.split('|').length;
      if (columns === 0) columns = n;
      assert.equal(n, columns, `row breaks its table: ${line}`);
    }
    assert.ok(!text.includes('<script>') && !text.includes('<img'), 'no raw HTML from the workspace');
    assert.match(text, /<details>\n<summary>listening-server: 1 finding, 1 blocking<\/summary>/);
    for (const h of ['## Summary', '## Units', '## Findings', '## Cost', '## Could not analyse']) assert.ok(text.includes(h), h);
  });
  it("the summary's categories are counted as the verdicts count them: blocking, and to change", () => {
    // A retired runtime is an `error`, but only a change for a function's move to Kubernetes.
    const retired = finding({ category: 'deprecated-runtime', ruleId: 'iac/deprecated-runtime', message: 'nodejs16.x is retired' });
    const text = formatMarkdown(buildReportModel(result([finding(), retired])));
    assert.match(text, /\*\*What decides the verdicts\*\*\n\n\| Category \| Blocking \| To change \|/);
    assert.match(text, /\| listening-server \| 1 \| 0 \|\n\| deprecated-runtime \| 0 \| 1 \|/);
    assert.ok(!text.includes('Top blockers'));
  });
});

describe('html', () => {
  const assets = { css: readFileSync(path.join(root, 'media/report.css'), 'utf8'), js: readFileSync(path.join(root, 'media/report.js'), 'utf8') };
  const html = formatHtml(buildReportModel(result()), assets);
  it('embeds the model so that no string can close the data block', () => {
    const data = /<script type="application\/json" id="lambdashift-data">([\s\S]*?)<\/script>/.exec(html)![1];
    assert.ok(!data.includes('<'), 'no < inside the data block');
    assert.equal(JSON.parse(data).findings[0].findings[0].message, EVIL);
  });
  it('allows exactly its own inline script and style by hash, nothing remote', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    const js = /<script>([\s\S]*?)<\/script>\n<\/body>/.exec(html)![1];
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = (t: string) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;
    assert.ok(csp.startsWith("default-src 'none'"));
    assert.ok(csp.includes(`script-src ${hash(js)}`));
    assert.ok(csp.includes(`style-src ${hash(css)}`));
    assert.ok(!/https?:\/\//.test(csp));
    assert.ok(!/<(link|img|iframe)\b/i.test(html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '')), 'no external resources');
  });
});

describe('sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    // The official schema, kept unchanged in test/schemas/ (its provenance is in test/schemas/README.md).
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../schemas/sarif-2.1.0.json'), 'utf8'));
    // The file is draft-04 (`id`, `$schema` draft-04); Ajv 8 reads it once the two keywords are renamed.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    // The schema's language pattern is not valid with the u flag, which Ajv uses by default.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatSarif(withReportFindings(result([finding(), finding({ severity: 'info', ruleId: 'x/unknown', category: 'config-risk' })]))));
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.ok(
      run.tool.driver.rules.every((r: { id: string; shortDescription: { text: string }; helpUri: string }) => r.id && r.shortDescription.text && r.helpUri),
    );
    assert.equal(run.results[0].level, 'error');
    assert.ok(run.results[0].partialFingerprints['lambdashift/v1']);
    // A deliberately broken log fails, so the validation above is meaningful.
    assert.equal(validate({ ...structuredClone(log), version: '2.0.0' }), false);
  });
});

describe('baseline', () => {
  const before = result([finding({ line: 4 })]);
  const now = result([finding({ line: 40 }), finding({ message: 'a new problem. Fix it.', line: 5 })]);
  it('from JSON: drops findings already reported, even when they moved', () => {
    const out = applyBaseline(now, parseBaseline(formatJson(before)));
    assert.deepEqual(
      out.findings.map((f) => f.message),
      ['a new problem. Fix it.'],
    );
  });
  it('from SARIF: by fingerprint and by rule + file + unit + message', () => {
    const sarif = formatSarif(before);
    assert.deepEqual(
      applyBaseline(now, parseBaseline(sarif)).findings.map((f) => f.line),
      [5],
    );
    const noFingerprints = JSON.parse(sarif);
    delete noFingerprints.runs[0].results[0].partialFingerprints;
    assert.deepEqual(
      applyBaseline(now, parseBaseline(JSON.stringify(noFingerprints))).findings.map((f) => f.line),
      [5],
    );
  });
  it('explains a file that is neither', () => {
    assert.throws(() => parseBaseline('{"hello": 1}', 'old.json'), /old.json has neither 'findings'.*'runs'/);
    assert.throws(() => parseBaseline('nope', 'old.json'), /old.json is not JSON/);
  });
});

describe('report model', () => {
  it('summarises units, verdicts, blockers and costs', () => {
    const m = buildReportModel(result());
    assert.deepEqual(m.summary.bySource, [
      { source: 'kubernetes', count: 1 },
      { source: 'sam', count: 1 },
    ]);
    assert.deepEqual(m.summary.verdicts['to-kubernetes'], { ready: 0, changes: 0, blocked: 1 });
    assert.deepEqual(m.summary.verdicts['to-lambda'], { ready: 1, changes: 0, blocked: 0 });
    assert.deepEqual(m.summary.topBlockers, [{ category: 'listening-server', errors: 1, warnings: 0 }]);
    // A finding that counts for no unit (a build script's write) is listed, but blocks nothing.
    const unowned = buildReportModel(result([finding(), finding({ category: 'local-disk-write', ruleId: 'handler/local-disk-write', unit: undefined })]));
    assert.deepEqual(unowned.summary.topBlockers, [{ category: 'listening-server', errors: 1, warnings: 0 }]);
    assert.equal(unowned.findings.find((g) => g.category === 'local-disk-write')?.findings.length, 1);
    // Counted as the verdict counts them: a retired runtime (an error) is a change, not a blocker, for a function's move
    // to Kubernetes; on a workload's move to Lambda the category has no cap.
    const retired = finding({ category: 'deprecated-runtime', ruleId: 'iac/deprecated-runtime' });
    assert.deepEqual(buildReportModel(result([retired])).summary.topBlockers, [{ category: 'deprecated-runtime', errors: 0, warnings: 1 }]);
    assert.deepEqual(buildReportModel(result([{ ...retired, unit: 'web' }])).summary.topBlockers, [{ category: 'deprecated-runtime', errors: 1, warnings: 0 }]);
    const web = m.units.find((u) => u.name === 'web')!;
    // Pod requests 500m / 1Gi, 2 replicas, HTTP defaults → always-on with 2 minimum replicas.
    assert.deepEqual(
      [web.inputs.podCpu, web.inputs.podMemoryGiB, web.inputs.minReplicas, web.inputs.mode, web.inputsSource],
      [0.5, 1, 2, 'always-on', 'defaults for http'],
    );
    assert.equal(m.units[0].blockers, 1);
    assert.ok(Math.abs(m.portfolio.kubernetes - (m.units[0].cost.kubernetes.total + web.cost.kubernetes.total)) < 1e-9);
  });
  it("counts a unit's notes (info findings of its move) apart from what it must change, and leaves the other direction's out", () => {
    const m = buildReportModel(
      result([
        finding(),
        finding({ severity: 'info', ruleId: 'iac/event-source', category: 'event-source', direction: 'to-kubernetes', line: 6 }),
        finding({ severity: 'info', ruleId: 'java/runtime-coupling', category: 'runtime-coupling', direction: 'to-kubernetes', line: 7 }),
        finding({ severity: 'info', ruleId: 'handler/cold-start-import', category: 'cold-start-import', direction: 'to-lambda', line: 8 }),
      ]),
    );
    const api = m.units.find((u) => u.name === 'Api|Fn')!;
    assert.deepEqual([api.blockers, api.warnings, api.notes], [1, 0, 2]);
  });
  it('config inputs win over trigger defaults', () => {
    const m = buildReportModel(result(), parseConfig('units:\n  web:\n    requestsPerMonth: 42').config);
    assert.equal(m.units.find((u) => u.name === 'web')!.inputs.requestsPerMonth, 42);
    assert.equal(m.units.find((u) => u.name === 'web')!.inputsSource, 'lambdashift.yaml');
  });
  it('adds a resource-limit finding when peak concurrency exceeds the account default, once', () => {
    const cfg = parseConfig('units:\n  web:\n    peakRps: 5000\n    avgDurationMs: 400').config;
    const once = withReportFindings(result(), cfg);
    const twice = withReportFindings(once, cfg);
    const extra = twice.findings.filter((f) => f.ruleId === CONCURRENCY_RULE_ID);
    assert.equal(extra.length, 1);
    assert.equal(extra[0].category, 'resource-limit');
    assert.equal(extra[0].unit, 'web');
    // 5,000 rps × 0.4 s = 2,000 environments; ceil(2,000 / 1,000) × 10 s = 20 s
    assert.match(extra[0].message, /about 2,000 concurrent Lambda environments, above the account's 1,000 default, and takes at least 20 s/);
    assert.equal(withReportFindings(result()).findings.filter((f) => f.ruleId === CONCURRENCY_RULE_ID).length, 0);
  });
});

describe('webview protocol', () => {
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'open', file: 'src/a.ts', line: 3, column: 2 }), { type: 'open', file: 'src/a.ts', line: 3, column: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'sarif' }), { type: 'export', format: 'sarif' });
    assert.deepEqual(parseWebviewMessage({ type: 'setInputs', unit: 'Api', inputs: { memoryMB: 1024, architecture: 'arm64' } }), {
      type: 'setInputs',
      unit: 'Api',
      inputs: { memoryMB: 1024, architecture: 'arm64' },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready', edits: {} });
  });
  it('rejects paths outside the workspace, unknown formats and odd inputs', () => {
    for (const bad of [
      { type: 'open', file: '/etc/passwd', line: 1 },
      { type: 'open', file: '../secrets.txt', line: 1 },
      { type: 'open', file: 'C:\\x.ts', line: 1 },
      { type: 'open', file: 'file:///x', line: 1 },
      { type: 'open', file: 'a.ts', line: 0 },
      { type: 'export', format: 'pdf' },
      { type: 'setInputs', unit: 'Api', inputs: { memoryMB: '1024' } },
      { type: 'setInputs', unit: 'Api', inputs: { command: 'rm -rf /' } },
      { type: 'nope' },
      null,
      'open',
    ])
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
  });
});
