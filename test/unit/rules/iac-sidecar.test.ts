import { sidecar } from '../../../src/core/rules/iac/sidecar';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const initOnly = deployment(container('app'), { extra: '      initContainers:\n        - name: migrate\n          image: migrate:1\n' });

const annotated = (where: 'pod' | 'deployment', ann: string) =>
  deployment(container('app')).replace(
    where === 'pod' ? '    metadata:\n      labels: { app: web }\n' : 'metadata:\n  name: web\n',
    where === 'pod'
      ? `    metadata:\n      labels: { app: web }\n      annotations:\n        ${ann}\n`
      : `metadata:\n  name: web\n  annotations:\n    ${ann}\n`,
  );
const nativeSidecar = deployment(container('app'), {
  extra: '      initContainers:\n        - name: log-agent\n          image: fluent-bit:3\n          restartPolicy: Always\n',
});

ruleTester(sidecar, {
  defaultFile: 'k8s/deploy.yaml',
  valid: [
    { name: 'single container', code: deployment(container('app')) },
    { name: 'istio injection switched off', code: annotated('pod', 'sidecar.istio.io/inject: "false"') },
    { name: 'linkerd injection disabled', code: annotated('pod', 'linkerd.io/inject: disabled') },
    {
      name: 'an injection annotation on the Deployment, not its pod template, injects nothing',
      code: annotated('deployment', 'sidecar.istio.io/inject: "true"'),
    },
    { name: 'dapr app-id without dapr.io/enabled', code: annotated('pod', 'dapr.io/app-id: orders') },
    { name: 'vault role without agent-inject', code: annotated('pod', 'vault.hashicorp.com/role: app') },
    {
      name: 'init container with restartPolicy OnFailure is not a sidecar',
      code: initOnly.replace('image: migrate:1\n', 'image: migrate:1\n          restartPolicy: OnFailure\n'),
    },
    { name: 'init container only (runs before, not beside)', code: initOnly },
    {
      name: 'Service with two ports is not a pod',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n    - port: 443\n',
    },
    {
      name: 'CronJob with one container',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      activeDeadlineSeconds: 60\n      template:\n        spec:\n          containers:\n            - name: a\n              image: a:1\n',
    },
    {
      name: 'kustomize patch with two image-less containers',
      code: deployment('        - name: app\n          resources: {}\n        - name: proxy\n          resources: {}\n'),
    },
    { name: 'two Deployments with one container each', code: deployment(container('a')) + '---\n' + deployment(container('b'), { name: 'other' }) },
    {
      name: 'a Lambda template is not a pod',
      file: 'template.yaml',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Layers: [a, b]\n",
    },
    {
      name: 'Pod with one container and a volume',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n  volumes:\n    - name: tmp\n      emptyDir: {}\n',
    },
  ],
  invalid: [
    {
      name: 'native sidecar (init container restartPolicy: Always)',
      code: nativeSidecar,
      errors: [{ line: 15, column: 11, message: 'init container log-agent with restartPolicy: Always', severity: 'warning' }],
    },
    {
      name: 'istio injected: a transparent proxy, a note',
      code: annotated('pod', 'sidecar.istio.io/inject: "true"'),
      errors: [{ line: 11, column: 9, message: 'istio-proxy (Istio)', severity: 'info' }],
    },
    {
      name: 'istio injected by label',
      code: deployment(container('app')).replace('labels: { app: web }', 'labels: { app: web, sidecar.istio.io/inject: "true" }'),
      errors: [{ line: 9, message: 'istio-proxy', severity: 'info' }],
    },
    { name: 'linkerd injected', code: annotated('pod', 'linkerd.io/inject: enabled'), errors: [{ line: 11, message: 'linkerd-proxy', severity: 'info' }] },
    {
      name: 'vault agent injected: the app reads its secrets as files (changes)',
      code: annotated('pod', 'vault.hashicorp.com/agent-inject: "true"'),
      errors: [
        {
          line: 11,
          message: 'vault-agent (HashiCorp Vault) injected by vault.hashicorp.com/agent-inject, which writes the secrets the application reads as files',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'dapr sidecar: the app calls its local API (changes)',
      code: annotated('pod', 'dapr.io/enabled: "true"'),
      errors: [{ line: 11, message: "daprd (Dapr) injected by dapr.io/enabled: the application calls daprd's API on localhost", severity: 'warning' }],
    },
    {
      name: 'a mounted bucket: the app reads and writes it as files (changes)',
      code: annotated('pod', 'gke-gcsfuse/volumes: "true"'),
      errors: [{ line: 11, message: 'which mounts a Cloud Storage bucket as files', severity: 'warning' }],
    },
    { name: 'log shipper', code: deployment(container('api') + container('log-shipper')), errors: [{ line: 14, column: 11, message: 'log-shipper' }] },
    {
      name: 'two sidecars',
      code: deployment(container('api') + container('envoy') + container('agent')),
      errors: [
        { line: 14, message: 'envoy' },
        { line: 16, message: 'agent' },
      ],
    },
    {
      name: 'sidecar next to init containers',
      code: deployment(container('api') + container('proxy'), { extra: '      initContainers:\n        - name: m\n          image: m:1\n' }),
      errors: [{ line: 14 }],
    },
    { name: 'StatefulSet', code: deployment(container('db') + container('exporter'), { kind: 'StatefulSet' }), errors: [{ line: 14, message: 'exporter' }] },
    { name: 'DaemonSet', code: deployment(container('a') + container('b'), { kind: 'DaemonSet' }), errors: [{ line: 14 }] },
    {
      name: 'Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n',
      errors: [{ line: 9, message: 'p runs container b' }],
    },
    {
      name: 'Job',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  activeDeadlineSeconds: 60\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n        - name: cloudsql-proxy\n          image: p:1\n',
      errors: [{ line: 12, message: 'cloudsql-proxy' }],
    },
    {
      name: 'second document only',
      code: deployment(container('a')) + '---\n' + deployment(container('b') + container('c'), { name: 'two' }),
      errors: [{ line: 28, message: 'two runs container c' }],
    },
  ],
});
