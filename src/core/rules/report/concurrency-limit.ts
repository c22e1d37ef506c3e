// A rule on the fleet report: checked in src/core/report/model.ts (withReportFindings) from each unit's traffic.
import type { RuleMeta } from '../types';

export const concurrencyLimit: RuleMeta = {
  id: 'report/concurrency-limit',
  category: 'resource-limit',
  severity: 'warning',
  direction: 'to-lambda',
  docs: {
    description:
      "A unit's peak concurrency on Lambda (measured, or peak requests per second × duration) exceeds the account's concurrency quota, or its measured ramp outpaces the per-function scaling rate, so Lambda would throttle it.",
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  },
  messages: {
    // {burst}: empty, or the measured ramp that also outpaces the scaling rate (src/core/report/model.ts).
    exceedsMeasured:
      "Measured over {days}, '{name}' peaked at {need} concurrent executions, above the account's {quota} default, and takes at least {seconds} s to scale to it from zero{burst}. Request a concurrency quota increase, or shorten the duration or smooth the peak with a queue.",
    exceedsDerived:
      "At its measured peak of {rps} requests/s × {ms} ms ({days}), '{name}' needs about {need} concurrent Lambda environments, above the account's {quota} default, and takes at least {seconds} s to scale to it from zero{burst}. Request a concurrency quota increase, or shorten the duration or smooth the peak with a queue.",
    burst:
      "Measured over {days}, the concurrency '{name}' needs on Lambda rose by {rise} within {window} s, faster than the {rate} new environments per 10 s ({allowed} in {window} s) Lambda adds per function, so it would be throttled (HTTP 429) while scaling. Smooth the ramp with a queue in front, or keep provisioned concurrency warm for the known peaks.",
    exceeds:
      "At {rps} requests/s × {ms} ms, '{name}' needs about {need} concurrent Lambda environments, above the account's {quota} default, and takes at least {seconds} s to scale to it from zero. Request a concurrency quota increase, or shorten the duration or smooth the peak with a queue.",
  },
};
