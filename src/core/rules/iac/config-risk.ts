import type { ModelRule } from '../types';
import { at } from './util';

/** Lambda's default timeout when none is configured. */
const DEFAULT_TIMEOUT = 3;
/** API Gateway's maximum integration timeout: 29 s for REST APIs (default quota), 30 s for HTTP APIs. */
const API_GATEWAY_TIMEOUT: Record<string, number> = { rest: 29, http: 30 };

export const configRisk: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/config-risk',
    category: 'config-risk',
    severity: 'warning',
    direction: 'both',
    docs: {
      description:
        "Settings that misbehave today and carry over into a migration: SQS visibility timeout under 6× the function timeout, HTTP functions allowed to run past API Gateway's 29 s, reserved concurrency 0.",
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
    },
    messages: {
      visibility:
        "Queue {queue} has a {visibility} s visibility timeout, under 6× the {timeout} s timeout of {name}: messages still being processed reappear and run twice. Set the queue's visibility timeout to at least {needed} s (and give the consumer the same headroom on Kubernetes).",
      http: 'Function {name} is behind API Gateway with a {timeout} s timeout, but API Gateway gives up after {limit} s and the caller gets a 504 while the function keeps running. Bring the work under {limit} s or make it asynchronous (return 202 and poll).',
      zeroConcurrency:
        'Function {name} has reserved concurrency 0, which throttles every invocation: it is switched off. Remove the unit from the migration or restore its concurrency on purpose.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'lambda-function') continue;
      const timeout = u.timeoutSeconds ?? DEFAULT_TIMEOUT;
      for (const [i, e] of u.events.entries()) {
        if (e.type === 'sqs' && typeof e.visibilityTimeout === 'number' && e.visibilityTimeout < 6 * timeout) {
          ctx.report({
            unit: u.name,
            messageId: 'visibility',
            data: {
              queue: String(e.detail ?? 'queue').replace(/\.Arn$|\.arn$/, ''),
              visibility: e.visibilityTimeout,
              timeout,
              name: u.name,
              needed: 6 * timeout,
            },
            at: at(u, `events.${i}`),
          });
        }
      }
      const api = u.events.findIndex((e) => e.type === 'http' && typeof e.apiGateway === 'string' && e.apiGateway in API_GATEWAY_TIMEOUT);
      const limit = api >= 0 ? API_GATEWAY_TIMEOUT[u.events[api].apiGateway as string] : Infinity;
      // A limit of API Gateway in front of Lambda: a pod behind an Ingress or a load balancer has its own, configurable
      // timeouts, so it weighs on staying on (or moving to) Lambda, not on the move to Kubernetes.
      if (timeout > limit)
        ctx.report({
          unit: u.name,
          messageId: 'http',
          data: { name: u.name, timeout, limit },
          at: at(u, u.fieldRanges?.timeoutSeconds ? 'timeoutSeconds' : `events.${api}`),
          direction: 'to-lambda',
        });
      if (u.reservedConcurrency === 0) ctx.report({ unit: u.name, messageId: 'zeroConcurrency', data: { name: u.name }, at: at(u, 'reservedConcurrency') });
    }
  },
};
