import { LAMBDA_ONLY_INVOKERS, streamKind } from '../../model/invokers';
import { describeRouteAuth, type RouteAuth, routeAuthOf, routeAuthReplacement } from '../../model/routeAuth';
import { usesWebAdapter } from '../../webAdapter';
import { isWebSocket } from '../../convert/to-kubernetes/runner';
import type { UnitEvent } from '../../types';
import type { ModelRule } from '../types';
import { at } from './util';

/** What each Lambda trigger becomes on Kubernetes (facts §6.6). */
function counterpart(e: UnitEvent): { messageId: string; severity: 'error' | 'warning' | 'info' } | undefined {
  switch (e.type) {
    case 'schedule':
      // L, W and # have no CronJob form; everything else converts mechanically.
      return /^cron\(.*[LW#]/.test(String(e.detail ?? '')) ? { messageId: 'scheduleManual', severity: 'warning' } : { messageId: 'schedule', severity: 'info' };
    case 'http':
      // A WebSocket API's routes need a server that holds the connections: no runner does that (a change, and a blocker of
      // the conversion).
      return isWebSocket(e) ? { messageId: 'websocket', severity: 'warning' } : { messageId: 'http', severity: 'info' };
    case 'sqs':
      return { messageId: 'sqs', severity: 'warning' };
    case 'sns':
      return { messageId: 'sns', severity: 'warning' };
    case 's3':
      return { messageId: 's3', severity: 'warning' };
    case 'stream': {
      const kind = streamKind(e);
      return { messageId: kind === 'kafka' ? 'streamKafka' : kind === 'broker' ? 'streamBroker' : 'stream', severity: 'warning' };
    }
    case 'eventbridge':
      return { messageId: 'eventbridge', severity: 'warning' };
    case 'direct':
    case 'other':
      // Services that invoke the function by its ARN: a state machine or AppSync can call something else instead; a
      // Cognito trigger, a custom resource or Lambda@Edge can only ever run a Lambda function.
      if (e.invokedBy === 'stepfunctions') return { messageId: 'stepfunctions', severity: 'warning' };
      if (e.invokedBy === 'appsync') return { messageId: 'appsync', severity: 'warning' };
      if (e.invokedBy === 'cognito') return { messageId: 'cognito', severity: 'error' };
      if (e.invokedBy === 'cloudformation') return { messageId: 'customResource', severity: 'error' };
      if (e.invokedBy === 'cloudfront') return { messageId: 'edge', severity: 'error' };
      // Firehose transformations, Lex code hooks, secret rotation, S3 Object Lambda, Config custom rules.
      if (e.invokedBy && LAMBDA_ONLY_INVOKERS[String(e.invokedBy)]) return { messageId: 'lambdaOnly', severity: 'error' };
      return undefined;
    default:
      return undefined;
  }
}

/** The check API Gateway or a function URL makes before the route runs: an authorizer, an API key, IAM auth. */
function guardOf(e: UnitEvent): RouteAuth | undefined {
  return routeAuthOf(e) ?? (e.functionUrl && e.authType === 'AWS_IAM' ? { kind: 'iam' } : undefined);
}

export const eventSource: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Each Lambda trigger needs a named Kubernetes counterpart (CronJob, Ingress, KEDA scaler, a queue subscription) because nothing invokes a pod the way Lambda invokes a function.',
      reference: 'https://keda.sh/docs/2.20/scalers/aws-sqs/',
    },
    messages: {
      schedule:
        '{name} runs on {detail}; on Kubernetes that is a CronJob. Convert the expression to 5-field cron (drop the year, shift day-of-week numbers by −1) and set timeZone: Etc/UTC.',
      scheduleManual:
        '{name} runs on {detail}, which uses L, W or #, and Kubernetes CronJob syntax has none of them. Rewrite the schedule by hand (or check the date inside the job) before converting.',
      http: '{name} is invoked over HTTP ({detail}); on Kubernetes it needs a Deployment running an HTTP server, a Service and an Ingress. Wrap the handler in a small server (or use an adapter) and scale it with an HPA or the KEDA HTTP add-on.',
      httpAdapted:
        '{name} is invoked over HTTP ({detail}) and already serves it with its own HTTP server behind Lambda Web Adapter, so there is no handler to wrap. On Kubernetes run the same app in a Deployment with a Service and an Ingress (the adapter stays idle outside Lambda), scaled with an HPA or the KEDA HTTP add-on.',
      httpFramework:
        '{name} is invoked over HTTP ({detail}) and its code is {app}, so there is no handler to wrap. On Kubernetes start that app as a server without the adapter, in a Deployment with a Service and an Ingress, scaled with an HPA or the KEDA HTTP add-on.',
      websocket:
        '{name} handles API Gateway WebSocket routes ({detail}); on Kubernetes the pod must hold the connections itself behind an Ingress that supports WebSocket. Plan a connection-holding server before converting.',
      sqs: '{name} is fed by SQS ({detail}) through an event source mapping that polls, batches and deletes for it. On Kubernetes, run a consumer Deployment (or ScaledJob) that receives and deletes messages itself, scaled by a KEDA aws-sqs-queue ScaledObject.',
      sns: '{name} is subscribed to SNS ({detail}), which can push to Lambda but not to a pod. Subscribe an SQS queue to the topic and consume it with KEDA, or point an HTTPS subscription at an Ingress.',
      s3: '{name} is triggered by S3 notifications ({detail}), which cannot target a pod. Send the notifications to SQS (or EventBridge → SQS) and consume them with a KEDA-scaled Deployment or ScaledJob.',
      stream:
        "{name} reads a stream ({detail}) through an event source mapping that tracks shards and checkpoints for it. On Kubernetes the consumer must do that itself (KCL or the DynamoDB Streams adapter), scaled by KEDA's aws-kinesis-stream or aws-dynamodb-streams scaler.",
      streamKafka:
        "{name} consumes Kafka topics ({detail}) through an event source mapping that polls the partitions and commits the consumer group's offsets for it. On Kubernetes, run a consumer Deployment in its own consumer group that commits its own offsets, scaled by KEDA's apache-kafka scaler on consumer lag.",
      streamBroker:
        "{name} consumes an Amazon MQ broker's queues ({detail}) through an event source mapping that holds the broker connection and acknowledges messages for it. On Kubernetes, run a consumer Deployment that connects to the broker itself and acknowledges what it has handled, scaled by KEDA's rabbitmq-queue (RabbitMQ) or activemq (ActiveMQ) scaler.",
      eventbridge:
        '{name} is the target of an EventBridge rule ({detail}), and a rule cannot target a pod. Route the rule to an SQS queue consumed with KEDA, or to an API destination behind an Ingress.',
      stepfunctions:
        '{name} is a task of {detail}, which invokes it by its ARN. On Kubernetes, change the task: run it as a Job with the EKS integration (eks:runJob.sync), call the service over HTTP (an API Gateway or HTTP Task), or hand it work through SQS.',
      appsync:
        '{name} resolves GraphQL fields for {detail}, which invokes it by its ARN. On Kubernetes, point the data source at the service over HTTP (an HTTP data source behind an Ingress) instead.',
      cognito:
        '{name} is a {detail}: Cognito calls only Lambda functions for its triggers. Keep this function on Lambda (it is part of the user pool, not of the workload) and move the rest.',
      customResource:
        '{name} backs a {detail}: CloudFormation calls it during deployments, through a Lambda or SNS service token only. Keep it on Lambda with the stack; it is deployment tooling, not part of the workload to move.',
      lambdaOnly: '{name} is invoked by {detail}, and {service} call only Lambda functions. Keep it on Lambda ({role}) and move the rest.',
      guarded:
        "{name}'s HTTP {routes} guarded by {guard}: {gate} turns away a request without valid credentials before the function runs. A Kubernetes Ingress checks nothing by itself, so the route would be open to anyone after the move. Before converting, {todo}.",
      edge: "{name} runs as {detail}: it executes in CloudFront's edge locations, where no pod can. Keep it on Lambda@Edge (or rewrite it as a CloudFront Function), and move only the origin.",
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'lambda-function') continue;
      // One warning per guard a function's routes share, at its first route, naming them all.
      const guarded = new Map<string, { guard: RouteAuth; url: boolean; index: number; routes: string[] }>();
      for (const [i, e] of u.events.entries()) {
        const c = counterpart(e);
        if (!c) continue;
        const detail = String(e.detail ?? e.type).slice(0, 120);
        const only = c.messageId === 'lambdaOnly' ? LAMBDA_ONLY_INVOKERS[String(e.invokedBy)] : undefined;
        const data = { name: u.name, detail, ...(only ? { service: only.service, role: only.role } : {}) };
        // Behind Lambda Web Adapter (its layer, AWS_LWA_* or the /opt/bootstrap wrapper) the app is an HTTP server already.
        const messageId = c.messageId === 'http' && usesWebAdapter(u) ? 'httpAdapted' : c.messageId;
        ctx.report({ unit: u.name, messageId, data, at: at(u, `events.${i}`), severity: c.severity });
        const guard = e.type === 'http' ? guardOf(e) : undefined;
        if (!guard) continue;
        // A function URL's IAM check is Lambda's own; every other guard is API Gateway's.
        const url = e.functionUrl === true;
        const key = `${describeRouteAuth(guard)}${url ? ' (function URL)' : ''}`;
        const seen = guarded.get(key);
        if (seen) seen.routes.push(detail);
        else guarded.set(key, { guard, url, index: i, routes: [detail] });
      }
      for (const { guard, url, index, routes } of guarded.values()) {
        const shown = routes.slice(0, 4).join(', ') + (routes.length > 4 ? ` and ${routes.length - 4} more` : '');
        ctx.report({
          unit: u.name,
          messageId: 'guarded',
          data: {
            name: u.name,
            routes: routes.length > 1 ? `routes (${shown}) are` : `route (${shown}) is`,
            guard: describeRouteAuth(guard),
            gate: url ? 'Lambda' : 'API Gateway',
            todo: routeAuthReplacement(guard, url),
          },
          at: at(u, `events.${index}`),
          severity: 'warning',
        });
      }
    }
  },
};
