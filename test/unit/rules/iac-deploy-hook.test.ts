import { deployHook } from '../../../src/core/rules/iac/deploy-hook';
import { ruleTester } from '../../helpers/ruleTester';

/** A Job with `annotations` (YAML lines at metadata level, or none); its annotation value sits at line 6. */
const job = (annotations = '', kind = 'Job') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'v1'}
kind: ${kind}
metadata:
  name: migrate
${annotations ? `  annotations:\n${annotations}` : ''}spec:
${
  kind === 'Job'
    ? '  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: acme/migrate:1\n'
    : '  restartPolicy: Never\n  containers:\n    - name: migrate\n      image: acme/migrate:1\n'
}`;

// Valid cases are the near-misses that must stay silent: a plain Job, a Helm test (no workload), Argo CD's Skip, other
// annotations of those tools.
ruleTester(deployHook, {
  defaultFile: 'k8s/migrate.yaml',
  valid: [
    { name: 'a Job without hook annotations', code: job() },
    { name: 'a Helm test runs only under `helm test`: no workload at all', code: job('    helm.sh/hook: test\n') },
    { name: 'Argo CD Skip: the tool does not apply it', code: job('    argocd.argoproj.io/hook: Skip\n') },
    { name: 'a hook weight or delete policy alone is no hook', code: job('    helm.sh/hook-weight: "-1"\n    argocd.argoproj.io/sync-wave: "2"\n') },
  ],
  invalid: [
    {
      name: 'a Helm pre-install and pre-upgrade hook (a schema migration)',
      code: job('    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: "-2"\n'),
      errors: [
        {
          line: 6,
          message:
            'Job migrate is a hook of Helm (pre-install, pre-upgrade): Helm runs it before install, before upgrade of the release, ordered with the rest',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an Argo CD PreSync hook',
      code: job('    argocd.argoproj.io/hook: PreSync\n'),
      errors: [{ line: 6, message: 'Argo CD runs it before it applies the application’s manifests on each sync' }],
    },
    {
      name: 'an Argo CD PostSync hook on a bare Pod',
      code: job('    argocd.argoproj.io/hook: PostSync\n', 'Pod'),
      errors: [{ line: 6, message: 'Pod migrate is a hook of Argo CD (PostSync): Argo CD runs it on each sync of the application' }],
    },
    {
      name: 'a chart that sets the phase from its values (podinfo hooks/job.yaml) is a hook all the same',
      file: 'charts/app/templates/hooks/job.yaml',
      code: job('    "helm.sh/hook": {{ $hookType }}\n'),
      errors: [{ line: 6, message: 'is a hook of Helm (phase set by the chart): Helm runs it during a release' }],
    },
    {
      name: 'a Helm post-delete hook',
      code: job('    "helm.sh/hook": post-delete\n'),
      errors: [{ line: 6, message: 'Helm runs it after delete of the release' }],
    },
  ],
});
