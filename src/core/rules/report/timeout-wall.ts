// A rule on measured usage: checked in src/core/usage.ts (timeoutWallFindings, called by the report's
// withReportFindings) from each function's CloudWatch Duration against its timeout.
import type { RuleMeta } from '../types';

export const timeoutWall: RuleMeta = {
  id: 'report/timeout-wall',
  category: 'timeout-limit',
  severity: 'warning',
  direction: 'both',
  docs: {
    description:
      "A function's measured maximum duration (CloudWatch, `--metrics`) reaches 80% of its timeout, or it has timed out: it is at the wall of Lambda's run time.",
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
  },
  messages: {
    near: 'Function {name} ran for up to {max} over the last {days} days (p99 {p99}, average {avg}): {share} of its {timeout} s timeout, so a slower day will cut invocations off. {advice}',
    timedOut:
      'Function {name} reached its {timeout} s timeout over the last {days} days (maximum duration {max}, p99 {p99}, average {avg}): invocations were cut off. {advice}',
  },
};
