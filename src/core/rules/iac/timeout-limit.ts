import type { ModelRule } from '../types';

/** Lambda's maximum timeout (900 s). https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

export const timeoutLimit: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/timeout-limit',
    category: 'timeout-limit',
    severity: 'warning',
    direction: 'both',
    docs: {
      description: 'A function configured at (or above) Lambda\'s 900-second maximum has no headroom: work that grows a little will be killed mid-run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      atWall: 'Function {name} has a {timeout} s timeout, which is Lambda\'s 900 s maximum: any growth in its work gets it killed mid-run. Split the work (Step Functions, batching) or move it to a Kubernetes Job with activeDeadlineSeconds.',
      overWall: 'Function {name} asks for a {timeout} s timeout, but Lambda allows at most 900 s and rejects the deployment. Lower it to 900 or less, or run this work as a Kubernetes Job.',
    },
  },
  check(ctx) {
    for (const unit of ctx.units) {
      if (unit.kind !== 'lambda-function' || unit.timeoutSeconds === undefined) continue;
      const at = unit.fieldRanges?.timeoutSeconds ?? unit.range ?? [0, 0];
      if (unit.timeoutSeconds > LAMBDA_MAX_TIMEOUT_SECONDS) {
        ctx.report({ unit: unit.name, messageId: 'overWall', data: { name: unit.name, timeout: unit.timeoutSeconds }, at, severity: 'error' });
      } else if (unit.timeoutSeconds === LAMBDA_MAX_TIMEOUT_SECONDS) {
        ctx.report({ unit: unit.name, messageId: 'atWall', data: { name: unit.name, timeout: unit.timeoutSeconds }, at });
      }
    }
  },
};
