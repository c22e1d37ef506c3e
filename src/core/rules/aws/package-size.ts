// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

export const awsPackageSize: RuleMeta = {
  id: 'aws/package-size',
  category: 'cold-start-import',
  severity: 'warning',
  direction: 'both',
  docs: {
    description: 'A large zipped deployment package (function plus layers) lengthens every cold start and container image pull.',
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  messages: {
    large:
      'Function {name} ships {size} MB zipped (function {code} MB + layers {layers} MB), over the 50 MB direct-upload quota; code download and init grow with package size, so cold starts suffer. Bundle and tree-shake it, drop unused dependencies, or move to a container image.',
    notable:
      'Function {name} ships {size} MB zipped (function {code} MB + layers {layers} MB), which adds noticeable cold-start time. Bundle and minify it and import only the SDK clients it uses.',
  },
};
