import type { ModelRule } from '../types';
import { at, sharedSettings, unitList } from './util';

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
      description: "A function configured at (or above) Lambda's 900-second maximum has no headroom: work that grows a little will be killed mid-run.",
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      atWall:
        "Function {name} has a {timeout} s timeout, which is Lambda's 900 s maximum: any growth in its work gets it killed mid-run. Split the work (Step Functions, batching) or move it to a Kubernetes Job with activeDeadlineSeconds.",
      overWall:
        'Function {name} asks for a {timeout} s timeout, but Lambda allows at most 900 s and rejects the deployment. Lower it to 900 or less, or run this work as a Kubernetes Job.',
      atWallShared:
        "The {timeout} s timeout of {functions} is Lambda's 900 s maximum: any growth in their work gets them killed mid-run. Split the work (Step Functions, batching) or move it to Kubernetes Jobs with activeDeadlineSeconds.",
      overWallShared:
        'The {timeout} s timeout of {functions} is more than the 900 s Lambda allows, so their deployment is rejected. Lower it to 900 or less, or run this work as Kubernetes Jobs.',
    },
  },
  check(ctx) {
    const functions = ctx.units.filter((u) => u.kind === 'lambda-function' && u.timeoutSeconds !== undefined);
    // A timeout written once for several functions (provider default, SAM Globals) is one finding at that line.
    for (const group of sharedSettings(functions, 'timeoutSeconds')) {
      const unit = group[0];
      const timeout = unit.timeoutSeconds!;
      if (timeout < LAMBDA_MAX_TIMEOUT_SECONDS) continue;
      const over = timeout > LAMBDA_MAX_TIMEOUT_SECONDS;
      const where = at(unit, 'timeoutSeconds');
      if (group.length > 1) {
        const names = group.map((u) => u.name);
        ctx.report({
          unit: unit.name,
          units: names,
          messageId: over ? 'overWallShared' : 'atWallShared',
          data: { functions: unitList('function', names), timeout },
          at: where,
          ...(over ? { severity: 'error' as const } : {}),
        });
      } else
        ctx.report({
          unit: unit.name,
          messageId: over ? 'overWall' : 'atWall',
          data: { name: unit.name, timeout },
          at: where,
          ...(over ? { severity: 'error' as const } : {}),
        });
    }
  },
};
