import { podEntryPoint } from '../../../src/core/rules/iac/pod-entry-point';
import { container, deployment, samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const API = '      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n';
const QUEUE = '      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n';
const SCHEDULE = '      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n';
const STREAM =
  '      Events:\n        Changes:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n';

/** A serverless.yml whose provider sets `runtime` for the two functions below it (the provider's runtime at line 4). */
const serverless = (runtime: string) => `service: orders
provider:
  name: aws
  runtime: ${runtime}
functions:
  list:
    handler: bin/list
    events:
      - httpApi: 'GET /orders'
  sync:
    handler: bin/sync
`;

// Valid cases are the near-misses that must stay silent: every runtime the conversion carries (Node.js and Python
// behind any trigger, Java and .NET run once per Job), images that serve HTTP themselves, runtimes not resolved.
ruleTester(podEntryPoint, {
  defaultFile: 'template.yaml',
  valid: [
    { name: 'Python behind HTTP: the generated runner serves it', code: samFunction(`      Runtime: python3.13\n${API}`) },
    { name: 'Node.js fed by SQS: the runner consumes the queue', code: samFunction(`      Runtime: nodejs22.x\n${QUEUE}`) },
    { name: 'Java invoked directly: one invocation per Job through the emulator', code: samFunction('      Runtime: java21\n') },
    { name: 'Java on a schedule: a CronJob of one invocation each', code: samFunction(`      Runtime: java21\n${SCHEDULE}`) },
    { name: '.NET invoked directly', code: samFunction('      Runtime: dotnet8\n') },
    { name: 'Java reading a stream: the stream consumer is iac/event-source’s', code: samFunction(`      Runtime: java21\n${STREAM}`) },
    {
      name: 'an image serving HTTP through Lambda Web Adapter runs in a pod as it is',
      code: samFunction(
        `      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n      Environment:\n        Variables:\n          AWS_LWA_PORT: "8000"\n${API}`,
      ),
    },
    {
      name: 'a provided.al2023 zip function with the Lambda Web Adapter layer: its bootstrap is the web app itself',
      code: samFunction(
        `      Runtime: provided.al2023\n      Layers:\n        - arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:26\n${API}`,
      ),
    },
    {
      name: 'Java behind HTTP through the adapter exec wrapper: run.sh starts the Spring Boot app, which serves HTTP in a pod',
      code: samFunction(`      Runtime: java21\n      Environment:\n        Variables:\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap\n${API}`),
    },
    {
      name: 'an image whose language the template alone does not tell: judged in the workspace join, with its Dockerfile',
      code: samFunction(`      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n${API}`),
    },
    { name: 'a runtime from a parameter is not known to be custom', code: samFunction(`      Runtime: !Ref FunctionRuntime\n${API}`) },
    { name: 'a placeholder a script substitutes is not a runtime', code: samFunction(`      Runtime: JAVA_VERSION\n${API}`) },
    { name: 'a Node.js serverless service', file: 'serverless.yml', code: serverless('nodejs20.x') },
    { name: 'a Kubernetes Deployment is not a function', file: 'k8s/app.yaml', code: deployment(container('app')) },
  ],
  invalid: [
    {
      name: 'an OS-only runtime behind HTTP (a Go or Rust bootstrap)',
      code: samFunction(`      Runtime: provided.al2023\n${API}`),
      errors: [{ line: 8, message: 'Function Fn runs on the OS-only provided.al2023 runtime, whose `bootstrap` is the program itself', severity: 'warning' }],
    },
    {
      name: 'go1.x set once for a service: one finding at the provider, naming both functions',
      file: 'serverless.yml',
      code: serverless('go1.x'),
      errors: [{ line: 4, message: '2 functions set here (list and sync) run on the OS-only go1.x runtime' }],
    },
    {
      name: 'Ruby: no runner is generated',
      code: samFunction('      Runtime: ruby3.3\n'),
      errors: [{ line: 8, message: 'Function Fn runs on ruby3.3, for which no runner is generated' }],
    },
    {
      name: 'Java behind HTTP: the emulator wrapper calls it once per Job',
      code: samFunction(`      Runtime: java21\n${API}`),
      errors: [{ line: 10, message: 'Function Fn (java21) is invoked over HTTP (http GET /orders)', severity: 'warning' }],
    },
    {
      name: '.NET fed by SQS: it needs a consumer',
      code: samFunction(`      Runtime: dotnet8\n${QUEUE}`),
      errors: [{ line: 10, message: 'is fed by events that reach a pod only through a queue' }],
    },
    {
      name: 'an app behind the Lambda Web Adapter fed by SQS: the adapter posted the messages to it, nothing in a pod does',
      code: samFunction(
        `      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n      Environment:\n        Variables:\n          AWS_LWA_PORT: "8000"\n          AWS_LWA_PASS_THROUGH_PATH: /sqs\n${QUEUE}`,
      ),
      errors: [
        {
          line: 15,
          message: 'serves HTTP through the Lambda Web Adapter, which hands it its sqs (Jobs.Arn) events as POST requests to /sqs',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'Terraform: an OS-only runtime',
      file: 'main.tf',
      code: `resource "aws_lambda_function" "sync" {
  function_name = "sync"
  handler       = "bootstrap"
  runtime       = "provided.al2"
  filename      = "sync.zip"
  role          = aws_iam_role.sync.arn
}
`,
      errors: [{ line: 4, message: 'Function sync runs on the OS-only provided.al2 runtime' }],
    },
  ],
});
