import { awsReservedConcurrencyZero } from '../../../src/core/rules/aws';
import { awsRuleTable, rec } from '../inventory/awsRuleTable';

awsRuleTable(awsReservedConcurrencyZero, {
  valid: [
    { name: 'no reservation (null)', rec: rec({}, { reservedConcurrency: null }) },
    { name: 'reservation unknown (denied call)', rec: rec({}, { reservedConcurrency: undefined }) },
    { name: 'reserved 1', rec: rec({}, { reservedConcurrency: 1 }) },
    { name: 'reserved 100', rec: rec({}, { reservedConcurrency: 100 }) },
    { name: 'zero timeout-like values elsewhere do not count', rec: rec({ CodeSize: 0 }, { reservedConcurrency: null }) },
    {
      name: 'an SQS mapping with max concurrency 2 and no reservation',
      rec: rec({}, { eventSourceMappings: [{ EventSourceArn: 'arn:aws:sqs:eu-west-1:1:q', ScalingConfig: { MaximumConcurrency: 2 }, BatchSize: 1 }] }),
    },
    { name: 'an inactive function with reserved 5', rec: rec({ State: 'Inactive' }, { reservedConcurrency: 5 }) },
    { name: 'image function reserved 10', rec: rec({ PackageType: 'Image' }, { reservedConcurrency: 10 }) },
  ],
  invalid: [
    { name: 'reserved 0', rec: rec({}, { reservedConcurrency: 0 }), errors: [{ message: 'throttles every invocation', severity: 'warning' }] },
    { name: 'says how to migrate it', rec: rec({}, { reservedConcurrency: 0 }), errors: [{ message: 'replicas: 0' }] },
    {
      name: 'names the function',
      rec: rec({ FunctionName: 'legacy-export' }, { reservedConcurrency: 0 }),
      errors: [{ message: /^Function legacy-export has reserved concurrency 0/ }],
    },
    { name: 'image function at 0', rec: rec({ PackageType: 'Image', Runtime: undefined }, { reservedConcurrency: 0 }), errors: [{ message: 'never runs' }] },
    { name: 'python function at 0', rec: rec({ Runtime: 'python3.13' }, { reservedConcurrency: 0 }), errors: [{ severity: 'warning' }] },
    {
      name: 'at 0 with an SQS mapping',
      rec: rec({}, { reservedConcurrency: 0, eventSourceMappings: [{ EventSourceArn: 'arn:aws:sqs:eu-west-1:1:q', BatchSize: 1 }] }),
      errors: [{ message: 'reserved concurrency 0' }],
    },
    {
      name: 'at 0 with a function URL',
      rec: rec({}, { reservedConcurrency: 0, urls: [{ FunctionUrl: 'https://x.lambda-url.eu-west-1.on.aws/', AuthType: 'NONE' }] }),
      errors: [{ message: 'Confirm it is meant to be off' }],
    },
    { name: 'at 0 with max memory', rec: rec({ MemorySize: 10240 }, { reservedConcurrency: 0 }), errors: [{ message: 'delete it' }] },
  ],
});
