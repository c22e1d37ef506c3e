import { type AwsEventSourceMapping } from '../../../src/core/model/aws';
import { awsSqsBatch } from '../../../src/core/rules/aws';
import { awsRuleTable, rec } from '../inventory/awsRuleTable';

const Q = 'arn:aws:sqs:eu-west-1:123456789012:orders-queue';
const esm = (m: Partial<AwsEventSourceMapping>): AwsEventSourceMapping => ({ UUID: 'a1b2', EventSourceArn: Q, BatchSize: 10, State: 'Enabled', ...m });
const partial = ['ReportBatchItemFailures'];

awsRuleTable(awsSqsBatch, {
  valid: [
    { name: 'batch 10 with ReportBatchItemFailures', rec: rec({}, { eventSourceMappings: [esm({ FunctionResponseTypes: partial })] }) },
    { name: 'batch size 1 needs no partial failures', rec: rec({}, { eventSourceMappings: [esm({ BatchSize: 1 })] }) },
    {
      name: 'Kinesis stream batch 100 (not SQS)',
      rec: rec({}, { eventSourceMappings: [esm({ EventSourceArn: 'arn:aws:kinesis:eu-west-1:1:stream/s', BatchSize: 100 })] }),
    },
    {
      name: 'DynamoDB stream (not SQS)',
      rec: rec({}, { eventSourceMappings: [esm({ EventSourceArn: 'arn:aws:dynamodb:eu-west-1:1:table/t/stream/2026', BatchSize: 100 })] }),
    },
    { name: 'disabled mapping', rec: rec({}, { eventSourceMappings: [esm({ State: 'Disabled' })] }) },
    {
      name: 'max concurrency equal to the reservation',
      rec: rec({}, { reservedConcurrency: 5, eventSourceMappings: [esm({ FunctionResponseTypes: partial, ScalingConfig: { MaximumConcurrency: 5 } })] }),
    },
    {
      name: 'max concurrency with no reservation',
      rec: rec({}, { reservedConcurrency: null, eventSourceMappings: [esm({ FunctionResponseTypes: partial, ScalingConfig: { MaximumConcurrency: 50 } })] }),
    },
    {
      name: 'max concurrency with the reservation unknown',
      rec: rec(
        {},
        { reservedConcurrency: undefined, eventSourceMappings: [esm({ FunctionResponseTypes: partial, ScalingConfig: { MaximumConcurrency: 50 } })] },
      ),
    },
    { name: 'mappings unknown (denied)', rec: rec({}, { eventSourceMappings: undefined }) },
    {
      name: 'reserved 0 is a different rule',
      rec: rec({}, { reservedConcurrency: 0, eventSourceMappings: [esm({ FunctionResponseTypes: partial, ScalingConfig: { MaximumConcurrency: 2 } })] }),
    },
  ],
  invalid: [
    {
      name: 'batch 10 without partial failures',
      rec: rec({}, { eventSourceMappings: [esm({})] }),
      errors: [{ message: 'reads orders-queue in batches of 10 without ReportBatchItemFailures', severity: 'warning' }],
    },
    {
      name: 'batch size absent defaults to 10',
      rec: rec({}, { eventSourceMappings: [esm({ BatchSize: undefined })] }),
      errors: [{ message: 'batches of 10' }],
    },
    { name: 'batch 2', rec: rec({}, { eventSourceMappings: [esm({ BatchSize: 2 })] }), errors: [{ message: 'batches of 2' }] },
    {
      name: 'batch 1000 with a window',
      rec: rec({}, { eventSourceMappings: [esm({ BatchSize: 1000, MaximumBatchingWindowInSeconds: 30 })] }),
      errors: [{ message: 'processed twice' }],
    },
    { name: 'empty response types list', rec: rec({}, { eventSourceMappings: [esm({ FunctionResponseTypes: [] })] }), errors: [{ message: 'mapping a1b2' }] },
    {
      name: 'max concurrency above the reservation',
      rec: rec({}, { reservedConcurrency: 5, eventSourceMappings: [esm({ FunctionResponseTypes: partial, ScalingConfig: { MaximumConcurrency: 20 } })] }),
      errors: [{ message: "up to 20 concurrent invocations of orders, but the function's reserved concurrency is 5" }],
    },
    {
      name: 'both problems on one mapping',
      rec: rec({}, { reservedConcurrency: 2, eventSourceMappings: [esm({ ScalingConfig: { MaximumConcurrency: 10 } })] }),
      errors: [{ message: 'without ReportBatchItemFailures' }, { message: 'Set MaximumConcurrency to at most 2' }],
    },
    {
      name: 'two SQS mappings, one risky',
      rec: rec({}, { eventSourceMappings: [esm({ FunctionResponseTypes: partial }), esm({ UUID: 'c3d4', EventSourceArn: 'arn:aws:sqs:eu-west-1:1:other' })] }),
      errors: [{ message: 'reads other' }],
    },
    {
      name: 'FIFO queue',
      rec: rec({}, { eventSourceMappings: [esm({ EventSourceArn: 'arn:aws:sqs:eu-west-1:1:jobs.fifo' })] }),
      errors: [{ message: 'jobs.fifo' }],
    },
  ],
});
