// Services and Ingresses written in files of their own (a Kustomize base's service.yaml beside deployment.yaml, a
// chart's templates/service.yaml) give the workloads they select their HTTP events, and the rules that judged those
// workloads without them judge again, in the report and in the editor's record of the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import { documentFindings } from '../../../src/core/workspace';
import { assessTexts } from '../../helpers/assessTexts';

const deployment = (name: string, labels: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  selector:
    matchLabels:
${labels.replace(/^/gm, '      ')}
  template:
    metadata:
      labels:
${labels.replace(/^/gm, '        ')}
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1.0
`;

const service = (name: string, selector: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra}spec:
  ports:
    - name: http
      port: 80
      targetPort: 8080
  selector:
${selector.replace(/^/gm, '    ')}
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`;

const eventsOf = (files: Record<string, string>, name: string) =>
  assessTexts(files)
    .units.find((u) => u.name === name)!
    .events.map((e) => e.detail)
    .sort();

describe('Services in other files of the folder', () => {
  it('give the workload they select its Service and Ingress events', () => {
    const files = { 'k8s/deployment.yaml': deployment('web', 'app: web'), 'k8s/service.yaml': service('web', 'app: web'), 'k8s/ingress.yaml': ingress };
    assert.deepEqual(eventsOf(files, 'web'), ['Ingress web shop.example.com', 'Service web 80→8080']);
  });

  const negatives: [string, Record<string, string>][] = [
    ['a Service of another folder', { 'k8s/web/deployment.yaml': deployment('web', 'app: web'), 'k8s/other/service.yaml': service('web', 'app: web') }],
    ['a selector the pods do not carry', { 'k8s/deployment.yaml': deployment('web', 'app: web'), 'k8s/service.yaml': service('web', 'app: web\ntier: api') }],
    [
      'another namespace',
      {
        'k8s/deployment.yaml': deployment('web', 'app: web', '  namespace: shop\n'),
        'k8s/service.yaml': service('web', 'app: web', '  namespace: staging\n'),
      },
    ],
    ['an empty selector', { 'k8s/deployment.yaml': deployment('web', 'app: web'), 'k8s/service.yaml': service('web', '{}') }],
    [
      'a Service whose ports all target a port name no container of the workload declares (no endpoints there)',
      {
        'k8s/deployment.yaml': deployment('web', 'app: web'),
        'k8s/service.yaml': service('web', 'app: web').replace('targetPort: 8080', 'targetPort: task-logs'),
      },
    ],
  ];
  for (const [what, files] of negatives)
    it(`stay away from ${what}`, () => {
      assert.deepEqual(eventsOf(files, 'web'), []);
    });

  it('a named target port the container declares routes, in another file and in the same one', () => {
    const named = deployment('web', 'app: web').replace(
      '          image: example/web:1.0\n',
      '          image: example/web:1.0\n          ports:\n            - name: task-logs\n              containerPort: 8793\n',
    );
    const svc = service('web', 'app: web').replace('targetPort: 8080', 'targetPort: task-logs');
    assert.deepEqual(eventsOf({ 'k8s/deployment.yaml': named, 'k8s/service.yaml': svc }, 'web'), ['Service web 80\u2192task-logs']);
    assert.deepEqual(eventsOf({ 'k8s/all.yaml': `${named}---\n${svc}` }, 'web'), ['Service web 80\u2192task-logs']);
    // Not declared, in the same file: no way in either.
    assert.deepEqual(eventsOf({ 'k8s/all.yaml': `${deployment('web', 'app: web')}---\n${svc}` }, 'web'), []);
  });

  it('judge a worker again: a Deployment with a Service elsewhere is not one, in the report and in the editor', () => {
    const files = { 'k8s/deployment.yaml': deployment('web', 'app: web'), 'k8s/service.yaml': service('web', 'app: web') };
    const alone = assessTexts({ 'k8s/deployment.yaml': files['k8s/deployment.yaml'] });
    assert.ok(
      alone.findings.some((f) => f.ruleId === 'iac/long-running' && f.unit === 'web'),
      'without the Service it is a worker',
    );
    const result = assessTexts(files);
    assert.ok(!result.findings.some((f) => f.ruleId === 'iac/long-running'), JSON.stringify(result.findings));
    // The editor analyses the open file again and finalises it with the file's record of the last assessment.
    const record = result.fileJoins?.['k8s/deployment.yaml'];
    assert.deepEqual(record?.rejudged, ['web']);
    const text = files['k8s/deployment.yaml'];
    const live = documentFindings(analyzeFile(text, 'k8s/deployment.yaml', { today: '2026-11-22' }, detectKind('k8s/deployment.yaml', text)), record, 'both');
    assert.ok(!live.some((f) => f.ruleId === 'iac/long-running'), JSON.stringify(live));
  });

  it('keep the report identical when the Service is in the same file', () => {
    const oneFile = assessTexts({ 'k8s/web.yaml': `${deployment('web', 'app: web')}---\n${service('web', 'app: web')}` });
    const twoFiles = assessTexts({ 'k8s/deployment.yaml': deployment('web', 'app: web'), 'k8s/service.yaml': service('web', 'app: web') });
    const shape = (r: typeof oneFile) => ({ events: r.units[0].events, readiness: r.units[0].readiness, rules: r.findings.map((f) => f.ruleId).sort() });
    assert.deepEqual(shape(twoFiles), shape(oneFile));
  });

  it('match a Helm Service to the workload whose pod labels come from the same named template', () => {
    const chart = {
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/values.yaml': 'image:\n  repository: example/web\n  tag: "1.0"\n',
      'charts/web/templates/_helpers.tpl':
        '{{- define "web.selectorLabels" -}}\napp.kubernetes.io/name: web\n{{- end }}\n{{- define "api.selectorLabels" -}}\napp.kubernetes.io/name: api\n{{- end }}\n',
      'charts/web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      {{- include "web.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "web.selectorLabels" . | nindent 8 }}
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
`,
      'charts/web/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
      targetPort: http
  selector:
    {{- include "web.selectorLabels" . | nindent 4 }}
`,
      'charts/web/templates/api-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports:
    - port: 9000
  selector:
    {{- include "api.selectorLabels" . | nindent 4 }}
`,
    };
    assert.deepEqual(eventsOf(chart, 'web'), ['Service web 80→http']);
    // Ports the chart writes with a directive may hold the name: the Service routes. Without any ports, it does not.
    const ports = '          ports:\n            - name: http\n              containerPort: {{ .Values.service.port }}\n';
    const withPorts = (written: string) => {
      const deployment = chart['charts/web/templates/deployment.yaml'];
      assert.ok(deployment.includes(ports));
      return { ...chart, 'charts/web/templates/deployment.yaml': deployment.replace(ports, written) };
    };
    assert.deepEqual(eventsOf(withPorts('          ports:\n            {{- toYaml .Values.containerPorts | nindent 12 }}\n'), 'web'), ['Service web 80→http']);
    assert.deepEqual(eventsOf(withPorts(''), 'web'), []);
    // The include written on the selector's own line.
    const inline = {
      ...chart,
      'charts/web/templates/service.yaml': chart['charts/web/templates/service.yaml'].replace(
        'selector:\n    {{- include "web.selectorLabels" . | nindent 4 }}',
        'selector: {{- include "web.selectorLabels" . | nindent 4 }}',
      ),
    };
    assert.notEqual(inline['charts/web/templates/service.yaml'], chart['charts/web/templates/service.yaml']);
    assert.deepEqual(eventsOf(inline, 'web'), ['Service web 80→http']);
  });
  it('match a Helm Service whose selector values are written with the same directives as the pod labels (Helm 2 scaffold)', () => {
    const labels = 'app: {{ template "guestbook.name" . }}\nrelease: {{ .Release.Name }}';
    const chart = (selector: string) => ({
      'charts/guestbook/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 1.0.0\n',
      'charts/guestbook/values.yaml': 'replicaCount: 1\n',
      'charts/guestbook/templates/deployment.yaml': deployment('guestbook', labels),
      'charts/guestbook/templates/service.yaml': service('guestbook', selector),
    });
    assert.deepEqual(eventsOf(chart(labels), 'guestbook'), ['Service guestbook 80→8080']);
    // Quotes around a value are YAML's, not the template's.
    assert.deepEqual(
      eventsOf(
        chart(
          'app: "{{ template "guestbook.name" . }}"\nrelease: {{ .Release.Name }}'.replace(
            '"{{ template "guestbook.name" . }}"',
            '\'{{ template "guestbook.name" . }}\'',
          ),
        ),
        'guestbook',
      ),
      ['Service guestbook 80→8080'],
    );
    // Another named template, or one label more than the pods carry: not these pods.
    assert.deepEqual(eventsOf(chart('app: {{ template "other.name" . }}\nrelease: {{ .Release.Name }}'), 'guestbook'), []);
    assert.deepEqual(eventsOf(chart(`${labels}\ntier: {{ .Values.tier }}`), 'guestbook'), []);
  });
});
