import type { ModelRule } from '../types';
import { at } from './util';

/**
 * Volume sources a pod mounts directly from block, network or cluster storage (Kubernetes' in-tree volume types), which
 * outlive the pod and which no Lambda function can mount. Ephemeral sources (emptyDir, configMap, secret, projected,
 * downwardAPI, a generic ephemeral volume, gitRepo) carry over as /tmp or configuration, and an inline `csi` volume is
 * most often the Secrets Store driver's files: neither is reported.
 */
const PERSISTENT_VOLUMES: Record<string, string> = {
  awsElasticBlockStore: 'EBS',
  azureDisk: 'Azure Disk',
  azureFile: 'Azure Files',
  cephfs: 'CephFS',
  cinder: 'OpenStack Cinder',
  fc: 'Fibre Channel',
  flexVolume: 'FlexVolume driver',
  flocker: 'Flocker',
  gcePersistentDisk: 'GCE persistent disk',
  glusterfs: 'GlusterFS',
  iscsi: 'iSCSI',
  photonPersistentDisk: 'Photon persistent disk',
  portworxVolume: 'Portworx',
  quobyte: 'Quobyte',
  rbd: 'Ceph RBD',
  scaleIO: 'ScaleIO',
  storageos: 'StorageOS',
  vsphereVolume: 'vSphere',
};

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
      volume:
        '{name} mounts volume {volume} straight from {type} storage, which a Lambda function cannot mount: it has ephemeral /tmp and EFS only. Move the data to S3, EFS or a database before converting.',
      nfs: '{name} mounts the NFS share {volume}; a Lambda function mounts network file systems only as EFS access points. Move the share to EFS (or its data to S3) before converting.',
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
        else if (v.type === 'nfs') ctx.report({ unit: u.name, messageId: 'nfs', data: { name: u.name, volume: v.name }, at: at(u, `volumes.${i}`) });
        else if (PERSISTENT_VOLUMES[v.type])
          ctx.report({
            unit: u.name,
            messageId: 'volume',
            data: { name: u.name, volume: v.name, type: PERSISTENT_VOLUMES[v.type] },
            at: at(u, `volumes.${i}`),
          });
      }
    }
  },
};
