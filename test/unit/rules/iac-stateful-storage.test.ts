import { statefulStorage } from '../../../src/core/rules/iac/stateful-storage';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const withVolume = (volume: string, kind = 'Deployment') => deployment(container('app'), { kind, extra: `      volumes:\n        - name: data\n${volume}` });

ruleTester(statefulStorage, {
  defaultFile: 'k8s/app.yaml',
  valid: [
    { name: 'plain Deployment', code: deployment(container('app')) },
    { name: 'emptyDir scratch space (maps to /tmp)', code: withVolume('          emptyDir: {}\n') },
    { name: 'configMap volume', code: withVolume('          configMap: { name: cfg }\n') },
    { name: 'secret volume', code: withVolume('          secret: { secretName: s }\n') },
    { name: 'projected service account token', code: withVolume('          projected: { sources: [] }\n') },
    {
      name: 'standalone PVC document (no workload uses it here)',
      code: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources: { requests: { storage: 1Gi } }\n',
    },
    {
      name: 'Job with emptyDir',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n      volumes:\n        - name: t\n          emptyDir: { medium: Memory }\n',
    },
    { name: 'a Deployment named statefulset', code: deployment(container('app'), { name: 'statefulset' }) },
    {
      name: 'an inline CSI volume (the Secrets Store driver mounts secrets as files)',
      code: withVolume('          csi:\n            driver: secrets-store.csi.k8s.io\n            readOnly: true\n'),
    },
    {
      name: 'a generic ephemeral volume (scratch space made per pod)',
      code: withVolume('          ephemeral:\n            volumeClaimTemplate:\n              spec: { accessModes: [ReadWriteOnce] }\n'),
    },
  ],
  invalid: [
    { name: 'StatefulSet', code: deployment(container('db'), { kind: 'StatefulSet' }), errors: [{ line: 2, column: 7, message: 'StatefulSet web' }] },
    { name: 'DaemonSet', code: deployment(container('agent'), { kind: 'DaemonSet' }), errors: [{ line: 2, message: 'DaemonSet web' }] },
    {
      name: 'block and network storage mounted straight from the pod spec',
      code: withVolume('          rbd:\n            monitors: ["10.16.154.78:6789"]\n            image: foo\n'),
      errors: [{ line: 15, message: 'web mounts volume data straight from Ceph RBD storage, which a Lambda function cannot mount' }],
    },
    {
      name: 'an NFS share',
      code: withVolume('          nfs:\n            server: nfs.example.com\n            path: /exports\n'),
      errors: [{ line: 15, message: 'web mounts the NFS share data; a Lambda function mounts network file systems only as EFS access points' }],
    },
    {
      name: 'PVC volume',
      code: withVolume('          persistentVolumeClaim: { claimName: data }\n'),
      errors: [{ line: 15, message: 'persistent volume claim data' }],
    },
    { name: 'hostPath volume', code: withVolume('          hostPath: { path: /var/log }\n'), errors: [{ line: 15, message: 'hostPath' }] },
    {
      name: 'DaemonSet with hostPath reports both',
      code: withVolume('          hostPath: { path: /var/run/docker.sock }\n', 'DaemonSet'),
      errors: [{ line: 2 }, { line: 15 }],
    },
    {
      name: 'StatefulSet with volumeClaimTemplates reports once',
      code: deployment(container('db'), { kind: 'StatefulSet', extra: '  volumeClaimTemplates:\n    - metadata: { name: data }\n' }),
      errors: [{ line: 2 }],
    },
    {
      name: 'CronJob with a PVC',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: a\n              image: a:1\n          volumes:\n            - name: cache\n              persistentVolumeClaim: { claimName: cache }\n',
      errors: [{ line: 15, message: 'claim cache' }],
    },
    {
      name: 'Pod with hostPath',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n  volumes:\n    - name: h\n      hostPath: { path: /data }\n',
      errors: [{ line: 10, message: 'p mounts' }],
    },
  ],
});
