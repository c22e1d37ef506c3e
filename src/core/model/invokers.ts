// AWS services that invoke a Lambda function by its ARN for something only a Lambda function can do: the function
// stays on Lambda whatever else moves (iac/event-source says so; a conversion to Kubernetes lists it as a blocker).
// Keys are the models' `invokedBy` values.

import type { Unit, UnitEvent } from '../types';

export const LAMBDA_ONLY_INVOKERS: Readonly<Record<string, { service: string; role: string }>> = {
  apigateway: {
    service: 'Lambda authorizers',
    role: 'part of the API in front of the service; behind an Ingress the check becomes its external authentication, such as NGINX auth-url or Envoy ext_authz',
  },
  cognito: { service: 'Cognito triggers', role: 'part of the user pool, not of the workload' },
  cloudformation: { service: 'CloudFormation custom resources', role: 'deployment tooling, not part of the workload' },
  cloudfront: { service: 'Lambda@Edge', role: 'run in edge locations, where no pod can' },
  firehose: { service: 'Firehose data transformation', role: 'part of the delivery stream' },
  lex: { service: 'Amazon Lex code hooks', role: 'part of the bot' },
  secretsmanager: { service: 'Secrets Manager rotation', role: 'operations tooling, not part of the workload' },
  s3objectlambda: { service: 'S3 Object Lambda', role: 'part of the access point' },
  config: { service: 'AWS Config custom rules', role: 'compliance tooling, not part of the workload' },
  bedrock: {
    service: 'Bedrock agent action groups',
    role: 'part of the agent; an action group calls a Lambda function or returns control to the application that invoked the agent',
  },
  connect: { service: 'Amazon Connect contact flows', role: 'part of the contact flow, not of the workload' },
};

/**
 * The Lambda-only invoker a resource-based permission is granted to (`AWS::Lambda::Permission`, `aws_lambda_permission`,
 * CDK's `addPermission`/`grantInvoke`), for services that have no reason to be allowed to invoke a function but one of
 * their Lambda-only hooks. Bedrock's principal counts only with a source ARN naming an agent (`…:agent/*`, an agent's
 * ARN attribute): AgentCore gateways also invoke functions under it, and their targets can be HTTP endpoints.
 * `sourceArn` is the source ARN as written (a reference's text will do); `where` names the permission in the event.
 */
export function permissionEvent(principal: string | undefined, sourceArn: string | undefined, where: string): UnitEvent | undefined {
  const invoker = permissionInvoker(principal, sourceArn);
  return invoker && { type: 'other', detail: `${invoker.what} (${where})`, invokedBy: invoker.by };
}

/** A permission's trigger, waiting until every resource of the file is read (see addGranted). */
export interface GrantedInvoke {
  unit: Unit;
  event: UnitEvent;
  at?: [number, number];
}

/**
 * A permission for API Gateway (`apigateway.amazonaws.com`) that is not for an authorizer (a source ARN under
 * `/authorizers/`): the function is an integration of an API whose routes are written elsewhere (an OpenAPI body,
 * `AWS::Include`d or templated), so it is invoked over HTTP. `rest`: the source ARN names a REST API (payload 1.0).
 */
export function apiPermissionEvent(principal: string | undefined, sourceArn: string | undefined, where: string, rest: boolean): UnitEvent | undefined {
  if (!/^apigateway\.amazonaws\.com(?:\.cn)?$/i.test(principal?.trim() ?? '') || /\/authorizers\//.test(sourceArn ?? '')) return undefined;
  return { type: 'http', detail: `API Gateway (${where})`, ...(rest ? { apiGateway: 'rest' } : {}) };
}

/** Adds each permission's trigger where no resource of that service names the function already. */
export function addGranted(granted: readonly GrantedInvoke[]): void {
  for (const { unit, event, at } of granted) {
    // An API's permission: unless the function is already an HTTP integration or an authorizer of an API.
    if (
      event.type === 'http'
        ? unit.events.some((x) => x.type === 'http' || x.invokedBy === 'apigateway')
        : unit.events.some((x) => x.invokedBy === event.invokedBy)
    )
      continue;
    if (at) (unit.fieldRanges ??= {})[`events.${unit.events.length}`] = at;
    unit.events.push(event);
  }
}

function permissionInvoker(principal: string | undefined, sourceArn: string | undefined): { by: string; what: string } | undefined {
  const service = principal
    ?.trim()
    .toLowerCase()
    .replace(/\.amazonaws\.com(?:\.cn)?$/, '');
  switch (service) {
    case 'cognito-idp':
      return { by: 'cognito', what: 'Cognito user pool trigger' };
    case 'secretsmanager':
      return { by: 'secretsmanager', what: 'Secrets Manager rotation' };
    case 'config':
      return { by: 'config', what: 'AWS Config rule' };
    case 'lex':
    case 'lexv2':
      return { by: 'lex', what: 'Lex bot' };
    case 'connect':
      return { by: 'connect', what: 'Amazon Connect contact flow' };
    case 'bedrock':
      return sourceArn && /:agent\/|agent_?arn/i.test(sourceArn) ? { by: 'bedrock', what: 'Bedrock agent action group' } : undefined;
    case 'apigateway':
      // An API's authorizers are under `/authorizers/` of its execute-api ARN; its routes are integrations (apiPermissionEvent).
      return sourceArn && /\/authorizers\//.test(sourceArn) ? { by: 'apigateway', what: 'API Gateway authorizer' } : undefined;
    default:
      return undefined;
  }
}

/** Whether an AWS SDK call (an AwsCustomResource's `service` and `action`) is Lambda's Invoke. */
export function invokesFunction(service: string | undefined, action: string | undefined): boolean {
  return /^(?:Lambda|lambda|@aws-sdk\/client-lambda)$/.test(service ?? '') && /^(?:invoke|Invoke|InvokeCommand)$/.test(action ?? '');
}

/**
 * What a polled (`stream`) trigger reads, from its detail as the models write it (a resource type, an ARN, a reference,
 * a serverless.yml event name): Kafka topics (MSK or self-managed), an Amazon MQ broker's queues, or shards (Kinesis,
 * DynamoDB Streams, DocumentDB change streams). Each needs a different consumer and KEDA scaler on Kubernetes.
 */
export function streamKind(e: UnitEvent): 'kafka' | 'broker' | 'shards' {
  const d = String(e.detail ?? '');
  if (/kafka|\bmsk\b|aws_msk|AWS::MSK|:kafka:/i.test(d)) return 'kafka';
  if (/\bmq\b|aws_mq|AmazonMQ|activemq|rabbitmq|:mq:/i.test(d)) return 'broker';
  return 'shards';
}

/**
 * What an event source mapping whose source is not a resource of the template reads, from the settings only one kind of
 * source takes: a self-managed event source (Kafka brokers of one's own), topics (Kafka), queues (Amazon MQ).
 */
export function mappingSource(selfManaged: unknown, topics: unknown, queues: unknown): string {
  if (selfManaged !== undefined) return 'self-managed Kafka';
  if (topics !== undefined) return 'Kafka';
  if (queues !== undefined) return 'Amazon MQ';
  return 'stream';
}
