import type { ModelRule } from '../types';
import { at } from './util';

export const statefulStorage: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/stateful-storage',
    category: 'stateful-storage',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: 'StatefulSets, DaemonSets, persistent volume claims and hostPath volumes depend on storage or node placement that Lambda does not offer.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      statefulSet:
        'StatefulSet {name} keeps stable identity and per-replica disks, which Lambda cannot give: environments are short-lived and /tmp is lost when they go. Move the state to a managed store (RDS, DynamoDB, S3, OpenSearch Service) first, or keep it on Kubernetes.',
      daemonSet:
        'DaemonSet {name} runs one copy per node to serve that node, which has no meaning on Lambda. Replace it with the managed equivalent (CloudWatch agent, Lambda extension) or keep it on Kubernetes.',
      pvc: '{name} mounts persistent volume claim {volume}; Lambda only has ephemeral /tmp (or EFS). Move the data to S3/EFS/a database before converting.',
      hostPath: "{name} mounts the node's filesystem ({volume}, hostPath), which does not exist on Lambda. Remove the hostPath dependency before converting.",
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      if (u.workloadKind === 'StatefulSet') ctx.report({ unit: u.name, messageId: 'statefulSet', data: { name: u.name }, at: at(u, 'workloadKind') });
      if (u.workloadKind === 'DaemonSet') ctx.report({ unit: u.name, messageId: 'daemonSet', data: { name: u.name }, at: at(u, 'workloadKind') });
      for (const [i, v] of (u.volumes ?? []).entries()) {
        if (v.type === 'persistentVolumeClaim')
          ctx.report({ unit: u.name, messageId: 'pvc', data: { name: u.name, volume: v.name }, at: at(u, `volumes.${i}`) });
        else if (v.type === 'hostPath') ctx.report({ unit: u.name, messageId: 'hostPath', data: { name: u.name, volume: v.name }, at: at(u, `volumes.${i}`) });
      }
    }
  },
};
