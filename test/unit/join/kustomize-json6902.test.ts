// Kustomize JSON 6902 patches (#14): `patchesJson6902` and `patches` entries with a target, from a file of operations
// or inline, applied to the workload they target: resources and volumes are checked as patched, in the patch file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import type { AssessResult } from '../../../src/core/types';
import { joinAnalyses } from '../../../src/core/api';

function assess(files: Record<string, string>): AssessResult {
  const analyses = Object.entries(files)
    .map(([file, text]) => analyzeFile(text, file, { today: '2026-11-22' }, detectKind(file, text)))
    .filter((a) => a.kind !== 'unknown');
  return joinAnalyses({ analyses, files: Object.keys(files) });
}
const BASE = {
  'base/kustomization.yaml': 'resources:\n  - api.yaml\n',
  'base/api.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: acme/api:1\n          ports:\n            - containerPort: 8080\n          resources:\n            limits: { memory: 512Mi }\n',
};
const findings = (r: AssessResult, rule: string) => r.findings.filter((f) => f.ruleId === rule).map((f) => [f.file, f.line, f.unit]);
const apis = (r: AssessResult) => r.units.filter((u) => u.name === 'api');

describe('Kustomize JSON 6902 patches', () => {
  it('a patchesJson6902 file raising memory above 10,240 MB: reported in the patch file, for the service; the patch is no unit', () => {
    const r = assess({
      ...BASE,
      'prod/kustomization.yaml':
        'resources:\n  - ../base\npatchesJson6902:\n  - target: { group: apps, version: v1, kind: Deployment, name: api }\n    path: memory.yaml\n',
      'prod/memory.yaml': '- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 16Gi\n',
    });
    assert.deepEqual(findings(r, 'iac/resource-limit'), [['prod/memory.yaml', 1, 'api']]);
    assert.equal(apis(r).length, 1);
    assert.equal(apis(r)[0].readiness.toLambda, 'blocked');
  });
  it('inline operations under patches with a target: a persistent volume added', () => {
    const r = assess({
      ...BASE,
      'prod/kustomization.yaml':
        'resources:\n  - ../base\npatches:\n  - target:\n      kind: Deployment\n      name: api\n    patch: |-\n      - op: add\n        path: /spec/template/spec/volumes/-\n        value: { name: data, persistentVolumeClaim: { claimName: api-data } }\n',
    });
    assert.deepEqual(findings(r, 'iac/stateful-storage'), [['prod/kustomization.yaml', 7, 'api']]);
  });
  it('a JSON file of operations', () => {
    const r = assess({
      ...BASE,
      'prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: mem.json\n    target: { kind: Deployment, name: api }\n',
      'prod/mem.json': '[{"op": "add", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"memory": "12Gi"}}}]\n',
    });
    assert.deepEqual(findings(r, 'iac/resource-limit'), [['prod/mem.json', 1, 'api']]);
  });
  const quiet: [string, string, string][] = [
    [
      'a remove operation changes nothing modelled',
      'patchesJson6902:\n  - target: { kind: Deployment, name: api }\n    path: ops.yaml\n',
      '- op: remove\n  path: /spec/template/spec/containers/0/resources/limits/memory\n',
    ],
    [
      'a target of another name',
      'patchesJson6902:\n  - target: { kind: Deployment, name: worker }\n    path: ops.yaml\n',
      '- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 16Gi\n',
    ],
    [
      'a target of another kind',
      'patchesJson6902:\n  - target: { kind: StatefulSet, name: api }\n    path: ops.yaml\n',
      '- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 16Gi\n',
    ],
    [
      'a container index the workload does not have',
      'patchesJson6902:\n  - target: { kind: Deployment, name: api }\n    path: ops.yaml\n',
      '- op: replace\n  path: /spec/template/spec/containers/3/resources/limits/memory\n  value: 16Gi\n',
    ],
    [
      'memory within the limit',
      'patchesJson6902:\n  - target: { kind: Deployment, name: api }\n    path: ops.yaml\n',
      '- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 2Gi\n',
    ],
    [
      'a test operation',
      'patchesJson6902:\n  - target: { kind: Deployment, name: api }\n    path: ops.yaml\n',
      '- op: test\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 16Gi\n',
    ],
  ];
  for (const [name, k, ops] of quiet) {
    it(`quiet: ${name}`, () => {
      const r = assess({ ...BASE, 'prod/kustomization.yaml': `resources:\n  - ../base\n${k}`, 'prod/ops.yaml': ops });
      assert.deepEqual(findings(r, 'iac/resource-limit'), []);
      assert.equal(apis(r).length, 1);
      assert.equal(r.findings.filter((f) => f.file === 'prod/ops.yaml').length, 0);
    });
  }
  it('a YAML list that is not operations is not read as a patch', () => {
    assert.equal(detectKind('x/list.yaml', '- name: a\n  path: /spec/x\n'), 'unknown');
    assert.equal(detectKind('x/ops.yaml', '# raise memory\n- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: a:2\n'), 'kubernetes');
  });
});
