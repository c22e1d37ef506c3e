import { INJECTED_SIDECARS } from '../../model/kubernetes';
import type { ModelRule } from '../types';
import { at } from './util';

/**
 * Injected sidecars the application talks to, by the message that says how (secrets as files, a local API, a mounted
 * bucket): code or config changes. Mesh proxies are transparent.
 */
const APP_FACING: Record<string, 'vault' | 'dapr' | 'bucket'> = {
  'vault.hashicorp.com/agent-inject': 'vault',
  'dapr.io/enabled': 'dapr',
  'gke-gcsfuse/volumes': 'bucket',
};

export const sidecar: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/sidecar',
    category: 'sidecar',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'A pod with more than one container (a second container, a native sidecar, or one injected by annotation) relies on companions (proxies, log shippers, agents) that a Lambda function does not run next to it.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-extensions.html',
    },
    messages: {
      sidecar:
        '{name} runs container {container} next to its main container; a Lambda function runs one process image. Replace the sidecar with a Lambda extension or a managed service (CloudWatch Logs, X-Ray), or fold it into the function.',
      native:
        '{name} runs init container {container} with restartPolicy: Always, a native sidecar that stays up beside the main container; a Lambda function runs one process image. Replace it with a Lambda extension or a managed service, or fold it into the function.',
      mesh: '{name} gets {sidecar} injected by {annotation}: the mesh adds mutual TLS, retries and traffic policy that a Lambda function does not get. Secure the way in with IAM auth or a VPC Lattice service network instead; the code itself need not change.',
      vault:
        '{name} gets {sidecar} injected by {annotation}, which writes the secrets the application reads as files (and renews them). A Lambda function runs no agent beside it: read the secrets through the Parameters and Secrets Lambda extension or the SDK (Secrets Manager, SSM Parameter Store), and grant the function role access instead of a Vault role.',
      dapr: "{name} gets {sidecar} injected by {annotation}: the application calls daprd's API on localhost (service invocation, pub/sub, state stores, bindings) and Dapr's components decide what stands behind it. A Lambda function runs no daprd: call the services those components name directly (SNS, SQS or EventBridge for pub/sub, DynamoDB for state, an HTTP or Lambda invoke for service invocation), and take subscriptions as the function's triggers.",
      bucket:
        '{name} gets {sidecar} injected by {annotation}, which mounts a Cloud Storage bucket as files the application reads and writes. A Lambda function has no such mount: read and write objects through the SDK (S3 after the move), or mount EFS for shared files.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      for (const [i, c] of (u.containers ?? []).entries()) {
        if (i === 0) continue;
        ctx.report({ unit: u.name, messageId: 'sidecar', data: { name: u.name, container: c.name }, at: at(u, `containers.${i}`) });
      }
      // Init containers finish before the main one starts, so they are not companions, unless they restart always
      // (Kubernetes native sidecars: https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/).
      for (const [i, c] of (u.initContainers ?? []).entries()) {
        if (c.restartPolicy === 'Always')
          ctx.report({ unit: u.name, messageId: 'native', data: { name: u.name, container: c.name }, at: at(u, `initContainers.${i}`) });
      }
      for (const [annotation, spec] of Object.entries(INJECTED_SIDECARS)) {
        const where = u.fieldRanges?.[`inject.${annotation}`];
        if (!where) continue;
        const appFacing = APP_FACING[annotation];
        ctx.report({
          unit: u.name,
          messageId: appFacing ?? 'mesh',
          data: { name: u.name, sidecar: spec.sidecar, annotation },
          at: where,
          ...(appFacing ? {} : { severity: 'info' as const }),
        });
      }
    }
  },
};
