import type { ModelRule } from '../types';
import { at } from './util';

export const sidecar: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/sidecar',
    category: 'sidecar',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'A pod with more than one container relies on companions (proxies, log shippers, agents) that a Lambda function does not run next to it.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-extensions.html',
    },
    messages: {
      sidecar: '{name} runs container {container} next to its main container; a Lambda function runs one process image. Replace the sidecar with a Lambda extension or a managed service (CloudWatch Logs, X-Ray), or fold it into the function.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      // Init containers finish before the main one starts, so they are not companions.
      for (const [i, c] of (u.containers ?? []).entries()) {
        if (i === 0) continue;
        ctx.report({ unit: u.name, messageId: 'sidecar', data: { name: u.name, container: c.name }, at: at(u, `containers.${i}`) });
      }
    }
  },
};
