import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { AssessResult, Unit } from '../../../src/core/types';
import { assessFolder, shopFiles, shopGolden, shopRoot } from '../../helpers/shop';

/**
 * The verdicts a migration engineer gives each service of test/fixtures/shop for a move to Lambda, written down by
 * hand before the join existed, with the reason that decides each one. The join must reach the same verdicts for the
 * same reasons, with one unit per service whatever the number of places describing it.
 */
const EXPECTED: Record<
  string,
  { verdict: 'ready' | 'changes' | 'blocked'; why: string; decidedBy: string; joinedBy?: string; entry?: string; manifestsOnly?: boolean }
> = {
  catalog: {
    verdict: 'blocked',
    why: 'a gRPC server (server.bindAsync in server.js) is its interface',
    decidedBy: 'handler/listening-server',
    joinedBy: 'skaffold.yaml artifact',
    entry: 'services/catalog/server.js',
  },
  checkout: {
    verdict: 'changes',
    why: 'an Express app that listens: wrap it with an adapter, no redesign',
    decidedBy: 'handler/listening-server',
    joinedBy: 'skaffold.yaml artifact',
    entry: 'services/checkout/src/index.ts',
  },
  pricing: {
    verdict: 'blocked',
    why: 'a Python gRPC server (grpc.server(...).start())',
    decidedBy: 'python/listening-server',
    joinedBy: 'docker-compose.yml build context',
    entry: 'services/pricing/pricing/server.py',
  },
  mailer: {
    verdict: 'changes',
    why: 'an SQS long-poll loop: let an event source mapping deliver the messages instead',
    decidedBy: 'python/long-running',
    joinedBy: 'docker-compose.yml build context',
    entry: 'services/mailer/consumer.py',
  },
  reports: {
    verdict: 'ready',
    why: 'a 600 s CronJob script that runs and exits: a scheduled function, packaging only',
    decidedBy: '',
    joinedBy: 'folder name',
    entry: 'services/reports/report.py',
  },
  gateway: {
    verdict: 'changes',
    why: 'an HTTP server (http.ListenAndServe in main.go): an adapter in front, no redesign',
    decidedBy: 'go/listening-server',
    joinedBy: 'skaffold.yaml artifact',
    entry: 'services/gateway/cmd/gateway/main.go',
  },
  inventory: {
    verdict: 'blocked',
    why: 'a gRPC service with a streaming RPC (ServerBuilder.forPort in InventoryServer.java; proto + gRPC probe)',
    decidedBy: 'java/listening-server',
    joinedBy: 'docker build in .github/workflows/images.yml:12',
    entry: 'services/inventory/src/main/java/shop/inventory/InventoryServer.java',
  },
  sessions: {
    verdict: 'blocked',
    why: 'Redis in a StatefulSet with a volume claim: state, not a function',
    decidedBy: 'iac/stateful-storage',
    manifestsOnly: true,
  },
  notifier: {
    verdict: 'blocked',
    why: 'a WebSocket server: long-lived connections are the service',
    decidedBy: 'handler/listening-server',
    joinedBy: 'skaffold.yaml artifact',
    entry: 'services/notifier/src/main.js',
  },
};

let result: AssessResult;
const unit = (name: string): Unit => {
  const u = result.units.find((x) => x.name === name);
  assert.ok(u, `no unit ${name}`);
  return u;
};

before(async () => {
  result = await assessFolder(shopRoot);
});

describe('fixture shop: 9 services in JS, TS, Python, Go and Java, each in manifests, a Helm chart and Kustomize', () => {
  it('has one unit per service, nothing else (no patch stubs, no Helm placeholders, no overlay copies)', () => {
    assert.deepEqual(result.units.map((u) => u.name).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    describe(name, () => {
      it(`is ${want.verdict} for the move to Lambda: ${want.why}`, () => {
        const u = unit(name);
        assert.equal(u.readiness.toLambda, want.verdict);
        if (want.decidedBy) assert.equal(u.decidedBy?.[0]?.ruleId, want.decidedBy, JSON.stringify(u.decidedBy));
        else assert.equal(u.decidedBy?.filter((r) => r.ruleId).length ?? 0, 0);
        assert.equal(
          Boolean(u.decidedBy?.some((r) => !r.ruleId && /verdict from manifests only/.test(r.message))),
          Boolean(want.manifestsOnly),
          'a verdict read without code says so',
        );
      });
      it(want.joinedBy ? `is joined to ${want.entry} by ${want.joinedBy}` : 'says no code was found (a third-party image)', () => {
        const u = unit(name);
        assert.equal(u.joinedBy, want.joinedBy);
        if (want.entry) assert.equal(u.codeFiles?.[0], want.entry);
        else assert.equal(u.codeFiles, undefined);
      });
      it('lists every place that describes it: the manifest, the Helm template, the Kustomize base and the overlays', () => {
        const u = unit(name);
        const places = (u.describedIn ?? []).map((d) => `${d.via} ${d.file}${d.name ? ` as ${d.name}` : ''}${d.namespace ? ` in ${d.namespace}` : ''}`);
        assert.equal(u.file, `deploy/manifests/${name}.yaml`, 'the plain manifest speaks for the service');
        const expected = [
          `manifest deploy/manifests/${name}.yaml`,
          `helm deploy/helm/shop/templates/${name}.yaml`,
          `kustomize-base deploy/kustomize/base/${name}.yaml`,
          // The dev overlay deletes the notifier with a `$patch: delete`.
          ...(name === 'notifier' ? [] : [`kustomize-overlay deploy/kustomize/overlays/dev/kustomization.yaml in shop-dev`]),
          `kustomize-overlay deploy/kustomize/overlays/prod/kustomization.yaml as prod-${name} in shop-prod`,
        ];
        assert.deepEqual(places, expected);
      });
    });
  }

  it('fills Helm templates from values.yaml on their own: names, images (`default .Chart.AppVersion`), replicas', async () => {
    const helm = await assessFolder(path.join(shopRoot, 'deploy/helm'));
    const catalog = helm.units.find((u) => u.name === 'catalog');
    assert.ok(catalog, JSON.stringify(helm.units.map((u) => u.name)));
    assert.equal(catalog.image, 'ghcr.io/shop/catalog:2024.10');
    assert.equal(catalog.replicas, 1);
    // `.Release.Namespace` is only known at install time: the note stays, the filled values' notes go.
    assert.deepEqual(catalog.unresolved, ['template not rendered: {{ .Release.Namespace }}']);
    assert.deepEqual(helm.units.map((u) => u.name).sort(), Object.keys(EXPECTED).sort());
  });

  it("finds what a Kustomize patch changes: the prod catalog asks for 12Gi, over Lambda's 10,240 MB, reported in the patch", () => {
    const f = result.findings.find((x) => x.file === 'deploy/kustomize/overlays/prod/catalog-memory.yaml');
    assert.ok(f, 'a finding in the patch file');
    assert.equal(f.ruleId, 'iac/resource-limit');
    assert.equal(f.unit, 'catalog');
    assert.match(f.message, /prod-catalog asks for 12Gi/);
  });

  it('says each thing once per service: no finding repeats the same message for the same service', () => {
    const keys = result.findings.map((f) => `${f.unit}|${f.ruleId}|${f.message}`);
    assert.deepEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
    );
  });

  it("reports every `ruleid:` annotation of the services' code, attributed to its service", () => {
    for (const file of shopFiles().filter((f) => f.startsWith('services/'))) {
      const lines = readFileSync(path.join(shopRoot, file), 'utf8').split('\n');
      lines.forEach((l, i) => {
        const m = /(?:\/\/|#)\s*ruleid:\s*([\w/-]+)/.exec(l);
        if (!m) return;
        const service = file.split('/')[1];
        assert.ok(
          result.findings.some((f) => f.file === file && f.line === i + 2 && f.ruleId === m[1] && f.unit === service),
          `${file}:${i + 2} should report ${m[1]} for ${service}`,
        );
      });
    }
  });

  it('matches the golden written by `npm run golden:shop` (checked by hand)', () => {
    assert.ok(existsSync(shopGolden), `${shopGolden} is missing: run 'npm run golden:shop', read it, and commit it`);
    assert.deepEqual(JSON.parse(JSON.stringify(result.units)), JSON.parse(readFileSync(shopGolden, 'utf8')));
  });
});
