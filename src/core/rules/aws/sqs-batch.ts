// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

export const awsSqsBatch: RuleMeta = {
  id: 'aws/sqs-batch',
  category: 'event-source',
  severity: 'warning',
  direction: 'both',
  docs: {
    description: 'An SQS event source mapping whose batch or concurrency settings redeliver or throttle messages.',
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
  },
  messages: {
    wholeBatch:
      'Function {name} reads {queue} in batches of {batch} without ReportBatchItemFailures, so one failed message makes the whole batch visible again and every message in it is processed twice. Return batchItemFailures and enable ReportBatchItemFailures on mapping {uuid}; a Kubernetes consumer must delete messages one by one the same way.',
    overReserved:
      "Mapping {uuid} lets {queue} drive up to {max} concurrent invocations of {name}, but the function's reserved concurrency is {reserved}: the extra invocations are throttled and messages return to the queue, towards the dead-letter queue. Set MaximumConcurrency to at most {reserved} or raise the reservation.",
  },
};
