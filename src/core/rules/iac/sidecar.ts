import { INJECTED_SIDECARS } from '../../model/kubernetes';
import type { ModelRule } from '../types';
import { at } from './util';

/** Injected sidecars the application talks to (secrets as files, a local API): code or config changes. Mesh proxies are transparent. */
const APP_FACING = new Set(['vault.hashicorp.com/agent-inject', 'dapr.io/enabled', 'gke-gcsfuse/volumes']);

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
      agent:
        '{name} gets {sidecar} injected by {annotation}, which the application relies on (secrets written as files, a local API on localhost, a mounted bucket). On Lambda, read secrets through the Parameters and Secrets extension or the SDK, and call the managed services directly.',
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
        const appFacing = APP_FACING.has(annotation);
        ctx.report({
          unit: u.name,
          messageId: appFacing ? 'agent' : 'mesh',
          data: { name: u.name, sidecar: spec.sidecar, annotation },
          at: where,
          ...(appFacing ? {} : { severity: 'info' as const }),
        });
      }
    }
  },
};
