// A rule on the fleet report: checked in src/core/report/model.ts (withReportFindings) from each unit's traffic.
import type { RuleMeta } from '../types';

export const concurrencyLimit: RuleMeta = {
  id: 'report/concurrency-limit',
  category: 'resource-limit',
  severity: 'warning',
  direction: 'to-lambda',
  docs: {
    description: "A unit's peak concurrency on Lambda (peak requests per second × duration) exceeds the account's concurrency quota, so Lambda would throttle it.",
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  },
  messages: {
    exceeds:
      "At {rps} requests/s × {ms} ms, '{name}' needs about {need} concurrent Lambda environments, above the account's {quota} default, and takes at least {seconds} s to scale to it from zero. Request a concurrency quota increase, or shorten the duration or smooth the peak with a queue.",
  },
};
