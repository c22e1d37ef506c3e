// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

export const awsReservedConcurrencyZero: RuleMeta = {
  id: 'aws/reserved-concurrency-zero',
  category: 'config-risk',
  severity: 'warning',
  direction: 'both',
  docs: {
    description: 'Reserved concurrency 0 throttles every invocation: the function is switched off.',
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  },
  messages: {
    zero: 'Function {name} has reserved concurrency 0, so Lambda throttles every invocation and it never runs. Confirm it is meant to be off; migrate it as a scaled-to-zero workload (replicas: 0 or a suspended CronJob), or delete it.',
  },
};
