// AWS services that invoke a Lambda function by its ARN for something only a Lambda function can do: the function
// stays on Lambda whatever else moves (iac/event-source says so; a conversion to Kubernetes lists it as a blocker).
// Keys are the models' `invokedBy` values.

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
};
