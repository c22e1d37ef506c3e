// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

const RUNTIMES_REF = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html';

export const awsDeprecatedRuntime: RuleMeta = {
  id: 'aws/deprecated-runtime',
  category: 'deprecated-runtime',
  severity: 'warning',
  direction: 'both',
  docs: {
    description: 'A deployed function runs on a Lambda runtime that is deprecated (no patches, no new functions) or whose updates are blocked.',
    reference: RUNTIMES_REF,
  },
  messages: {
    blocked:
      'Function {name} runs {runtime}, deprecated since {deprecation} and blocked from updates since {block}: you cannot deploy a fix to it any more. Move it to {successor} (or to a container image you patch yourself) before migrating.',
    deprecated:
      'Function {name} runs {runtime}, deprecated since {deprecation}: it gets no security patches and updates are blocked from {block}. Upgrade to {successor} as part of the move.',
    retired:
      'Function {name} runs {runtime}, a runtime AWS retired years ago: it gets no patches and may no longer accept updates. Upgrade to {successor} (or run it in a container image you maintain).',
    soon: 'Function {name} runs {runtime}, which AWS deprecates on {deprecation} (forecast). Plan the upgrade to {successor} now so it does not collide with the migration.',
  },
};
