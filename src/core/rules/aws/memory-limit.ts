// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

export const awsMemoryLimit: RuleMeta = {
  id: 'aws/memory-limit',
  category: 'resource-limit',
  severity: 'warning',
  direction: 'both',
  docs: {
    description:
      "A deployed function is at or near Lambda's 10,240 MB memory maximum, so it has no room to grow on Lambda and needs a large node on Kubernetes.",
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
  },
  messages: {
    atMax:
      "Function {name} is configured with {memory} MB, Lambda's maximum: it cannot get more memory or CPU on Lambda. Profile it before migrating; on Kubernetes give it a request = limit of about {memory}Mi and roughly {cpu} vCPU.",
    nearMax:
      "Function {name} is configured with {memory} MB, within 10% of Lambda's 10,240 MB maximum: there is little headroom left. Profile its peak usage; on Kubernetes size it at about {memory}Mi and {cpu} vCPU.",
  },
};
