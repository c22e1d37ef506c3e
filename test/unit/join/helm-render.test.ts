// Helm charts rendered for the join: named templates (`define` in _helpers.tpl), workloads judged again once their
// images and ports are known, charts kept in folders of one name, and a chart inside its service's folder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDefines, renderTemplate, type ChartData } from '../../../src/core/helmTemplate';
import { assessTexts } from '../../helpers/assessTexts';
import { labelledWorkload } from '../../helpers/iacSnippets';

const assess = assessTexts;

const HELPERS = `{{/* Expand the name of the chart. */}}
{{- define "shop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shop.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "fqdn-image" -}}
{{- if .Values.inf.registry -}}
{{- printf "%s/%s" .Values.inf.registry.server .Values.image.repository -}}
{{- else -}}
{{- .Values.image.repository -}}
{{- end -}}
{{- end -}}

{{- define "loop" -}}{{ include "loop" . }}{{- end -}}
{{- define "nested" -}}{{ if .Values.on }}{{ include "shop.name" . }}{{ end }}{{- end -}}
`;

describe('named templates', () => {
  const defines = extractDefines(HELPERS);
  const data = (values: Record<string, unknown>): ChartData => ({ values, chart: { name: 'shop', version: '1.0.0' }, defines });
  it('reads every define with its body trimmed as its delimiters say', () => {
    assert.deepEqual(Object.keys(defines), ['shop.name', 'shop.fullname', 'fqdn-image', 'loop', 'nested']);
    assert.equal(defines['shop.name'], '{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}');
  });
  const table: [string, Record<string, unknown>, string | undefined][] = [
    ['{{ include "shop.name" . }}', {}, 'shop'],
    ['{{ include "shop.name" . }}', { nameOverride: 'store' }, 'store'],
    ['{{ template "shop.name" . }}', {}, 'shop'],
    // The scaffold's fullname needs the release's name unless it is overridden.
    ['{{ include "shop.fullname" . }}', {}, undefined],
    ['{{ include "shop.fullname" . }}', { fullnameOverride: 'my-shop-' }, 'my-shop'],
    ['{{ template "fqdn-image" . }}:{{ .Values.image.tag }}', { image: { repository: 'acme/cart', tag: '2' } }, 'acme/cart:2'],
    ['{{ template "fqdn-image" . }}', { image: { repository: 'acme/cart' }, inf: { registry: { server: 'reg.io' } } }, 'reg.io/acme/cart'],
    ['{{ include "shop.name" . | upper }}', {}, 'SHOP'],
    ['{{ include "nested" . }}', { on: true }, 'shop'],
    ['{{ include "nested" . }}', {}, ''],
    // Bounded: a template that includes itself, an unknown name, another context than the chart's root.
    ['{{ include "loop" . }}', {}, undefined],
    ['{{ include "missing" . }}', {}, undefined],
    ['{{ include "shop.name" (dict "Chart" .Chart) }}', {}, undefined],
    // Maps built with `dict`, a field read right after a group (nil-safe), the root inside a map.
    ['{{ (dict "a" .Values.image).a.repository }}', { image: { repository: 'acme/cart' } }, 'acme/cart'],
    ['{{ default "docker.io" ((.Values.global).imageRegistry) }}', {}, 'docker.io'],
    ['{{ default "docker.io" ((.Values.global).imageRegistry) }}', { global: { imageRegistry: 'reg.io' } }, 'reg.io'],
    ['{{ $x := dict "context" $ }}{{ $x.context.Values.name }}', { name: 'n' }, 'n'],
    ['{{ dict "odd" }}', {}, undefined],
  ];
  for (const [src, values, want] of table) it(`${src} with ${JSON.stringify(values)}`, () => assert.equal(renderTemplate(src, data(values)), want));
  it('unbalanced blocks and a define without its end give nothing', () => {
    assert.equal(renderTemplate('{{ if .Values.on }}x', data({ on: true })), undefined);
    assert.equal(renderTemplate('x{{ end }}', data({})), undefined);
    assert.deepEqual(extractDefines('{{ define "a" }}x{{ if .Values.b }}y{{ end }}'), {});
  });
  it('`{{-3}}` is the number -3, not a trim marker', () => assert.equal(renderTemplate('a {{-3}}', data({})), 'a -3'));
});

const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.6.2\n`;
const deployment = (image: string, port = '8080', portName = 'http') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: main
          image: "${image}"
          ports:
            - name: ${portName}
              containerPort: ${port}
`;

describe('Helm charts on a library chart (Bitnami common)', () => {
  const LIB = `{{- define "common.images.image" -}}
{{- $registryName := default .imageRoot.registry ((.global).imageRegistry) -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if $registryName }}
{{- printf "%s/%s:%s" $registryName .imageRoot.repository $termination -}}
{{- else -}}
{{- printf "%s:%s" .imageRoot.repository $termination -}}
{{- end -}}
{{- end -}}
`;
  const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        {{- if .Values.cloneFromGit.enabled }}
        - name: git-sync
          image: {{ include "common.images.image" (dict "imageRoot" .Values.git "global" .Values.global) }}
          volumeMounts:
            - name: repo
              mountPath: /repo
        {{- end }}
        - name: web
          image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}
          ports:
            - containerPort: 8080
`;
  const values =
    'global:\n  imageRegistry: ""\ncloneFromGit:\n  enabled: false\nimage:\n  registry: docker.io\n  repository: acme/web\n  tag: "1.2"\ngit:\n  registry: docker.io\n  repository: acme/git\n  tag: "2"\n';
  const chartOn = (deps: string) => `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n${deps}`;
  for (const [where, lib] of [
    ['vendored under charts/', 'web/charts/common'],
    ["a sibling chart of the repository (Bitnami's layout)", 'common'],
  ] as const)
    it(`renders images through the library's named templates (${where}), and leaves out a container the values turn off`, () => {
      const r = assess({
        'web/Chart.yaml': chartOn('  - name: common\n    repository: oci://registry-1.docker.io/bitnamicharts\n'),
        'web/values.yaml': values,
        'web/templates/deployment.yaml': template,
        [`${lib}/Chart.yaml`]: 'apiVersion: v2\nname: common\ntype: library\nversion: 2.0.0\n',
        [`${lib}/templates/_images.tpl`]: LIB,
      });
      const u = r.units.find((x) => x.name === 'web')!;
      assert.equal(u.image, 'docker.io/acme/web:1.2');
      assert.deepEqual(
        u.containers?.map((c) => c.name),
        ['web'],
      );
      // The left-out container's sidecar and volume findings go with it; the HTTP port is judged on the one that runs.
      assert.deepEqual(
        r.findings.filter((f) => f.unit === 'web').map((f) => f.ruleId),
        ['iac/listening-server'],
      );
    });
  it('a chart that does not depend on the library renders nothing from it', () => {
    const r = assess({
      'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'web/values.yaml': values,
      'web/templates/deployment.yaml': template,
      'common/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 2.0.0\n',
      'common/templates/_images.tpl': LIB,
    });
    assert.equal(r.units.find((x) => x.name === 'web')!.image, '{{…}}');
  });
});

describe('Helm workloads as rendered', () => {
  it('a chart whose values run Redis is a datastore, not an HTTP service on a port named http', () => {
    const r = assess({
      'deploy/basket-data/Chart.yaml': chart('basket-data'),
      'deploy/basket-data/values.yaml': 'image:\n  repository: redis\n  tag: 4.0.10\n',
      'deploy/basket-data/templates/_helpers.tpl': HELPERS,
      'deploy/basket-data/templates/deployment.yaml': deployment('{{ .Values.image.repository }}:{{ .Values.image.tag }}', '6379'),
    });
    const u = r.units.find((x) => x.name === 'basket-data/deployment');
    assert.ok(u, JSON.stringify(r.units.map((x) => x.name)));
    assert.equal(u.readiness?.toLambda, 'blocked');
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/listening-server').map((f) => `${f.line}: ${f.message.split(',')[0]}`),
      ['10: basket-data/deployment runs Redis (image redis:4.0.10)'],
    );
  });
  it('a kind the values choose: rendered from them; a StatefulSet-only field under an if, or a kind that does not render, is a Deployment', () => {
    const app = (kind: string, statefulOnly: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: {{ printf "%s-master" .Release.Name }}
spec:
${statefulOnly}  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
        - name: worker
          image: "example/worker:1.2"
          args: ["run"]
`;
    const conditional = '  {{- if (eq .Values.master.kind "StatefulSet") }}\n  serviceName: cache-headless\n  {{- end }}\n';
    const r = assess({
      'charts/cache/Chart.yaml': chart('cache'),
      'charts/cache/values.yaml': 'master:\n  kind: StatefulSet\n',
      'charts/cache/templates/_helpers.tpl': HELPERS,
      'charts/cache/templates/master.yaml': app('{{ .Values.master.kind }}', conditional),
      'charts/cache/templates/scheduler.yaml': app('{{ ternary "StatefulSet" "Deployment" $isStatefulset }}', conditional),
      'charts/cache/templates/replicas.yaml': app('{{ .Values.replicaKind }}', '  serviceName: cache-headless\n'),
      // Not a pod template: a kind the values choose is no workload here.
      'charts/cache/templates/pdb.yaml': 'apiVersion: policy/v1\nkind: {{ .Values.pdbKind }}\nmetadata:\n  name: cache\nspec:\n  minAvailable: 1\n',
    });
    assert.deepEqual(
      r.units.map((u) => `${u.file}: ${u.workloadKind}`),
      [
        'charts/cache/templates/master.yaml: StatefulSet',
        'charts/cache/templates/replicas.yaml: StatefulSet',
        'charts/cache/templates/scheduler.yaml: Deployment',
      ],
    );
  });
  it('an image per if/else branch: the one the values choose, not the last YAML kept', () => {
    const redis = (values: string) =>
      assess({
        'charts/shop/Chart.yaml': chart('shop'),
        'charts/shop/values.yaml': values,
        'charts/shop/templates/_helpers.tpl': HELPERS,
        'charts/shop/templates/redis.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-cart
spec:
  selector:
    matchLabels:
      app: redis-cart
  template:
    metadata:
      labels:
        app: redis-cart
    spec:
      containers:
        - name: redis
          {{- if .Values.redis.publicRepository }}
          image: redis:alpine
          {{- else }}
          image: {{ .Values.registry }}/cache:7
          {{- end }}
          ports:
            - containerPort: 6379
`,
      }).units.map((u) => u.containers?.[0]?.image);
    assert.deepEqual(redis('redis:\n  publicRepository: true\nregistry: gcr.io/acme\n'), ['redis:alpine']);
    assert.deepEqual(redis('redis:\n  publicRepository: false\nregistry: gcr.io/acme\n'), ['gcr.io/acme/cache:7']);
    // A value the values leave unset is false, as Helm reads it: the else branch.
    assert.deepEqual(redis('registry: gcr.io/acme\n'), ['gcr.io/acme/cache:7']);
  });
  it('a port the values set is judged as its number', () => {
    const r = assess({
      'shop/Chart.yaml': chart('shop'),
      'shop/values.yaml': 'image:\n  repository: acme/db\nport: 5432\n',
      'shop/templates/deployment.yaml': deployment('{{ .Values.image.repository }}', '{{ .Values.port }}', 'db'),
    });
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/listening-server').map((f) => f.message.split(',')[0]),
      ['shop/deployment exposes port 5432 (PostgreSQL)'],
    );
  });
  it('a port written only when a value is set is judged as the values say', () => {
    const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: whereami
spec:
  template:
    spec:
      containers:
        - name: main
          image: acme/whereami
          ports:
            {{- if .Values.grpc.enabled }}
            - name: grpc
              containerPort: 9090
            {{- else if .Release.IsUpgrade }}
            - name: ws
              containerPort: 9000
            {{- else }}
            - name: http
              containerPort: 8080
            {{- end }}
            {{- if .Release.Name }}
            - name: grpc-admin
              containerPort: 9091
            {{- end }}
`;
    const messages = (enabled: boolean) =>
      assess({
        'whereami/Chart.yaml': chart('whereami'),
        'whereami/values.yaml': `grpc:\n  enabled: ${enabled}\n`,
        'whereami/templates/deployment.yaml': template,
      })
        .findings.filter((f) => f.ruleId === 'iac/listening-server')
        .map((f) => `${f.line}: ${f.message.split(';')[0].split(',')[0]}`);
    // gRPC off: its port is not written; the else-if on the release cannot be known, so its port stays, as does the
    // port under a condition on the release's name.
    assert.deepEqual(messages(false), [
      '16: whereami exposes WebSocket port 9000 (ws): each client holds a connection open',
      '23: whereami exposes gRPC port 9091',
    ]);
    assert.deepEqual(messages(true), ['13: whereami exposes gRPC port 9090', '23: whereami exposes gRPC port 9091']);
  });
  it('a volume in a branch the values do not choose is not mounted (an existing claim when none is given)', () => {
    const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
      volumes:
  {{- if not .Values.persistence.enabled }}
        - name: data
          emptyDir: {}
  {{- else if .Values.persistence.existingClaim }}
        - name: data
          persistentVolumeClaim:
            claimName: {{ .Values.persistence.existingClaim }}
  {{- else }}
        - name: data
          persistentVolumeClaim:
            claimName: db-data
  {{- end }}
  {{- if .Values.mountHostSys }}
        - name: host-sys
          hostPath:
            path: /sys
  {{- end }}
`;
    const storage = (values: string) =>
      assess({ 'db/Chart.yaml': chart('db'), 'db/values.yaml': values, 'db/templates/deployment.yaml': template })
        .findings.filter((f) => f.ruleId === 'iac/stateful-storage')
        .map((f) => `${f.line}: ${f.message.split(';')[0].split(',')[0]}`);
    // Defaults: persistence on, no existing claim, no host mount: the chart's own claim only.
    assert.deepEqual(storage('persistence:\n  enabled: true\n  existingClaim: ""\nmountHostSys: false\n'), ['20: db mounts persistent volume claim data']);
    assert.deepEqual(storage('persistence:\n  enabled: true\n  existingClaim: old-data\nmountHostSys: true\n'), [
      '16: db mounts persistent volume claim data',
      "25: db mounts the node's filesystem (host-sys",
    ]);
    // Persistence off: an emptyDir, nothing to report.
    assert.deepEqual(storage('persistence:\n  enabled: false\n'), []);
  });
  it('a workload written only when enabled keeps its ports, and an image opened by an if renders', () => {
    const r = assess({
      'sock/Chart.yaml': chart('sock'),
      'sock/values.yaml': 'global:\n  registry: ""\nweb:\n  enabled: true\nzipkin:\n  enabled: true\n  image:\n    repo: openzipkin/zipkin\n    tag: 2.21\n',
      'sock/templates/zipkin.yaml': `{{- if .Values.zipkin.enabled -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: zipkin
spec:
  template:
    spec:
      containers:
      - name: zipkin
        image: {{if .Values.global.registry}}{{ .Values.global.registry }}/{{end}}{{ .Values.zipkin.image.repo }}:{{ .Values.zipkin.image.tag }}
        ports:
        - containerPort: 9411
{{- end -}}
`,
      'sock/templates/web.yaml': `{{- if .Values.web.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: {{ .Values.zipkin.image.repo }}-ui
        ports:
        - containerPort: 8080
{{- end }}
`,
    });
    const zipkin = r.units.find((u) => u.name === 'zipkin');
    assert.equal(zipkin?.image, 'openzipkin/zipkin:2.21');
    assert.equal(zipkin?.readiness?.toLambda, 'blocked');
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/listening-server').map((f) => f.message.split(',')[0]),
      ['web serves HTTP on port 8080', 'zipkin runs Zipkin (image openzipkin/zipkin:2.21)'],
    );
  });
  it('a datastore described by a manifest and a chart is one cause, whether or not its image is tagged', () => {
    const manifest = deployment('mongo', '27017', 'mongo').replace('{{ include "shop.fullname" . }}', 'carts-db');
    const r = assess({
      'k8s/carts-db.yaml': manifest,
      'chart/Chart.yaml': chart('sock'),
      'chart/values.yaml': 'cartsdb:\n  image:\n    repo: mongo\n    tag: 4.4.0\n',
      'chart/templates/carts-db.yaml': deployment('{{ .Values.cartsdb.image.repo }}:{{ .Values.cartsdb.image.tag }}', '27017', 'mongo').replace(
        '{{ include "shop.fullname" . }}',
        'carts-db',
      ),
    });
    assert.equal(r.units.length, 1);
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/listening-server').map((f) => `${f.file}: ${f.message.split(',')[0]}`),
      ['k8s/carts-db.yaml: carts-db runs MongoDB (image mongo)'],
    );
    assert.equal(r.units[0].readiness?.effortPoints, 8);
  });
  it("resources a chart writes from its values (the scaffold's toYaml) are judged as the values say", () => {
    const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: llm
spec:
  template:
    spec:
      containers:
        - name: server
          image: "{{ .Values.image.repository }}"
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;
    const messages = (values: string) =>
      assess({ 'llm/Chart.yaml': chart('llm'), 'llm/values.yaml': values, 'llm/templates/deployment.yaml': template })
        .findings.filter((f) => f.ruleId === 'iac/resource-limit')
        .map((f) => f.message.split(',')[0]);
    assert.deepEqual(messages('image:\n  repository: acme/llm\nresources:\n  limits:\n    nvidia.com/gpu: 1\n    memory: 32Gi\n'), [
      'Container server of llm asks for 32Gi of memory',
      'Container server of llm requests a GPU (nvidia.com/gpu)',
    ]);
    // Empty resources (the scaffold's default), or none in the values: nothing to judge.
    assert.deepEqual(messages('image:\n  repository: acme/llm\nresources: {}\n'), []);
    assert.deepEqual(messages('image:\n  repository: acme/llm\n'), []);
  });
  it('nothing rendered: the template is judged as written, once', () => {
    const r = assess({
      'shop/Chart.yaml': chart('shop'),
      'shop/values.yaml': 'replicas: 2\n',
      'shop/templates/deployment.yaml': deployment('{{ .Values.image.repository }}', '{{ .Values.port }}'),
    });
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/listening-server').map((f) => f.message.split(',')[0]),
      ['shop/deployment serves HTTP on port (set by the chart)'],
    );
  });
  it("charts kept in folders of one name are told apart by Chart.yaml's name", () => {
    const files: Record<string, string> = {};
    for (const svc of ['cart', 'orders']) {
      files[`src/${svc}/chart/Chart.yaml`] = chart(`retail-${svc}-chart`);
      files[`src/${svc}/chart/values.yaml`] = `image:\n  repository: public.ecr.aws/acme/retail-${svc}\n`;
      files[`src/${svc}/chart/templates/deployment.yaml`] = deployment('{{ .Values.image.repository }}:{{ .Chart.Version }}');
    }
    assert.deepEqual(
      assess(files)
        .units.map((u) => u.name)
        .sort(),
      ['retail-cart-chart/deployment', 'retail-orders-chart/deployment'],
    );
  });
  it("a chart inside its service's folder runs that folder's code, but not its Redis nor a component's image", () => {
    const r = assess({
      'src/cart/Dockerfile': 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      'src/cart/app.py': 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(port=8080)\n',
      'src/cart/chart/Chart.yaml': chart('cart'),
      'src/cart/chart/values.yaml':
        'image:\n  repository: public.ecr.aws/acme/retail-store-cart\ncache:\n  image:\n    repository: public.ecr.aws/acme/cart-cache\n',
      'src/cart/chart/templates/deployment.yaml': deployment('{{ .Values.image.repository }}'),
      'src/cart/chart/templates/cache.yaml': deployment('{{ .Values.cache.image.repository }}').replace('shop.fullname', 'cart-cache'),
      'src/cart/chart/templates/redis.yaml': deployment('{{ .Values.redisImage | default "redis:7" }}', '6379').replace('shop.fullname', 'redis'),
    });
    const code = (n: string) => r.units.find((u) => u.name === n)?.codeFiles;
    assert.deepEqual(code('cart/deployment'), ['src/cart/app.py']);
    assert.equal(code('cart/cache'), undefined);
    assert.equal(code('cart/redis'), undefined);
    assert.equal(r.units.find((u) => u.name === 'cart/deployment')?.joinedBy, 'the service folder that holds the chart');
  });
  it('a chart in a deploy folder is not joined to a Dockerfile beside that folder', () => {
    const r = assess({
      'deploy/Dockerfile': 'FROM nginx\n',
      'deploy/helm/Chart.yaml': chart('cart'),
      'deploy/helm/values.yaml': 'image:\n  repository: acme/cart\n',
      'deploy/helm/templates/deployment.yaml': deployment('{{ .Values.image.repository }}'),
    });
    // The chart's parent folder (deploy/) has a Dockerfile, so it is taken; a chart two folders down is not.
    assert.equal(r.units[0].joinedBy, 'the service folder that holds the chart');
    const deeper = assess({
      'deploy/Dockerfile': 'FROM nginx\n',
      'deploy/k8s/helm/Chart.yaml': chart('cart'),
      'deploy/k8s/helm/values.yaml': 'image:\n  repository: acme/cart\n',
      'deploy/k8s/helm/templates/deployment.yaml': deployment('{{ .Values.image.repository }}'),
    });
    assert.equal(deeper.units[0].joinedBy, undefined);
  });
});

describe('Helm documents written under a condition', () => {
  const workload = (name: string, image: string, kind = 'Deployment') =>
    labelledWorkload(name, { kind, image, container: '          ports:\n            - name: http\n              containerPort: 8080\n' });
  const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: http
`;
  const values = 'mysql:\n  create: false\nsearch:\n  enabled: true\n  provider: self-hosted\nmetrics:\n  enabled: false\nuseStatefulSet: false\n';
  const files = {
    'charts/shop/Chart.yaml': chart('shop'),
    'charts/shop/values.yaml': values,
    'charts/shop/templates/_helpers.tpl': HELPERS,
    'charts/shop/templates/api.yaml': workload('api', 'example/api:1'),
    // Off by default: managed MySQL is used unless the chart is told to run its own.
    'charts/shop/templates/mysql.yaml': `{{- if .Values.mysql.create }}\n${workload('mysql', 'mysql:8.0', 'StatefulSet')}{{- end }}\n`,
    // On by default, through `and` and `eq`.
    'charts/shop/templates/search.yaml': `{{- if and .Values.search.enabled (eq .Values.search.provider "self-hosted") }}\n${workload('search', 'opensearchproject/opensearch:2', 'StatefulSet')}{{- end }}\n`,
    // Decided by something the defaults cannot say (the release): kept.
    'charts/shop/templates/upgrade.yaml': `{{- if .Release.IsUpgrade }}\n${workload('upgrade', 'example/api:1', 'Job')}{{- end }}\n`,
  };
  it("a workload is in the fleet only where the chart's defaults write it (or cannot say)", () => {
    const r = assess(files);
    assert.deepEqual(r.units.map((u) => u.name).sort(), ['api', 'search', 'upgrade']);
    assert.ok(!r.findings.some((f) => f.file === 'charts/shop/templates/mysql.yaml'), 'the unwritten StatefulSet adds no findings');
    const on = assess({ ...files, 'charts/shop/values.yaml': values.replace('create: false', 'create: true') });
    assert.ok(on.units.some((u) => u.name === 'mysql' && u.readiness.toLambda === 'blocked'));
  });
  it("a chart another chart depends on: its conditional workloads count where the parent's values switch them on", () => {
    const umbrella = (parentValues: string) =>
      assess({
        ...files,
        'charts/umbrella/Chart.yaml':
          'apiVersion: v2\nname: umbrella\nversion: 1.0.0\ndependencies:\n  - name: shop\n    version: 1.6.2\n    repository: file://../shop\n',
        'charts/umbrella/values.yaml': parentValues,
      }).units.some((u) => u.name === 'mysql');
    assert.equal(umbrella('shop:\n  mysql:\n    create: true\n'), true);
    // The parent's section merges over the defaults key by key: setting something else leaves create false.
    assert.equal(umbrella('shop:\n  mysql:\n    storage: 10Gi\nglobal:\n  registry: r.example\n'), false);
  });
  it('a Service the defaults do not write gives no HTTP event; one they write does', () => {
    const events = (metricsOn: boolean) =>
      assess({
        ...files,
        'charts/shop/values.yaml': metricsOn ? values.replace('metrics:\n  enabled: false', 'metrics:\n  enabled: true') : values,
        'charts/shop/templates/metrics-svc.yaml': `{{- if .Values.metrics.enabled }}\n${service('api-metrics')}{{- end }}\n`,
      }).units.find((u) => u.name === 'api')!.events;
    assert.deepEqual(events(false), []);
    assert.deepEqual(
      events(true).map((e) => e.type),
      ['http'],
    );
  });
  it('a kind written as an inline if/else is a workload of the kind the values choose', () => {
    const inline = '{{ if .Values.useStatefulSet }}StatefulSet{{- else }}Deployment{{- end }}';
    const r = assess({ ...files, 'charts/shop/templates/db.yaml': workload('db', 'mongo:7', inline) });
    assert.equal(r.units.find((u) => u.name === 'db')?.workloadKind, 'Deployment');
    const sts = assess({
      ...files,
      'charts/shop/values.yaml': values.replace('useStatefulSet: false', 'useStatefulSet: true'),
      'charts/shop/templates/db.yaml': workload('db', 'mongo:7', inline),
    });
    assert.equal(sts.units.find((u) => u.name === 'db')?.workloadKind, 'StatefulSet');
  });
});

describe('hostile chart helpers', () => {
  it('a huge, deep or long .tpl is read in bounded size and time, and renders as unknown rather than failing', () => {
    const deep = `{{- define "deep" -}}${'{{ if .Values.on }}'.repeat(1000)}x${'{{ end }}'.repeat(1000)}{{- end -}}`;
    const wide = `{{- define "wide" -}}${'{{.Values.a}}'.repeat(2400)}{{- end -}}`;
    const many = Array.from({ length: 2000 }, (_, i) => `{{ define "t${i}" }}${'y'.repeat(1000)}{{ end }}`).join('\n');
    const huge = `{{ define "huge" }}${'z'.repeat(40 * 1024)}{{ end }}`;
    const defines = { ...extractDefines(deep), ...extractDefines(wide), ...extractDefines(many), ...extractDefines(huge) };
    // 256 KB of bodies per file at most, and no body over 32 KB.
    assert.ok(JSON.stringify(defines).length < 600 * 1024);
    assert.equal(defines.huge, undefined);
    const data = { values: { on: true, a: 'v' }, chart: {}, defines };
    assert.equal(renderTemplate('{{ include "deep" . }}', data), 'x');
    assert.equal(renderTemplate('{{ include "wide" . }}', data), 'v'.repeat(2400));
    // 5,000 actions per evaluation: the third copy goes past it.
    assert.equal(renderTemplate('{{ include "wide" . }}{{ include "wide" . }}{{ include "wide" . }}', data), undefined);
    assert.equal(renderTemplate('{{ include "t1" . }}', data), 'y'.repeat(1000));
  });
});
