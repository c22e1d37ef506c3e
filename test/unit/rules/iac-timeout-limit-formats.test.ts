import { timeoutLimit } from '../../../src/core/rules/iac/timeout-limit';
import { ruleTester } from '../../helpers/ruleTester';

// timeout-limit.test.ts covers SAM/CloudFormation; these cases cover the other formats through the same fieldRanges.
const sls = (fn: string, provider = '') => `service: s\nprovider:\n  name: aws\n${provider}functions:\n  worker:\n    handler: src/w.handler\n${fn}`;
const tf = (body: string) => `resource "aws_lambda_function" "w" {\n  function_name = "w"\n${body}}\n`;
const cdk = (timeout: string) =>
  `import { Duration } from 'aws-cdk-lib';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nnew NodejsFunction(this, 'W', {\n  entry: 'src/w.ts',\n  timeout: ${timeout},\n});\n`;

ruleTester(timeoutLimit, {
  valid: [
    { name: 'serverless 600', file: 'serverless.yml', code: sls('    timeout: 600\n') },
    { name: 'serverless provider 900 overridden by the function', file: 'serverless.yml', code: sls('    timeout: 30\n', '  timeout: 900\n') },
    { name: 'serverless unresolvable ${env:}', file: 'serverless.yml', code: sls('    timeout: ${env:T}\n') },
    { name: 'Terraform 300', file: 'main.tf', code: tf('  timeout = 300\n') },
    { name: 'Terraform var without default', file: 'main.tf', code: 'variable "t" {}\n' + tf('  timeout = var.t\n') },
    { name: 'Terraform timeouts block is not the function timeout', file: 'main.tf', code: tf('  timeouts {\n    create = "900s"\n  }\n') },
    { name: 'CDK 14 minutes', file: 'lib/stack.ts', code: cdk('Duration.minutes(14)') },
    {
      name: 'CDK Duration outside a function construct',
      file: 'lib/stack.ts',
      code: "import { Duration } from 'aws-cdk-lib';\nexport const t = Duration.minutes(15);\n",
    },
  ],
  invalid: [
    {
      name: 'serverless function 900',
      file: 'serverless.yml',
      code: sls('    timeout: 900\n'),
      errors: [{ line: 7, column: 14, message: 'worker has a 900 s timeout' }],
    },
    { name: 'serverless provider default 900', file: 'serverless.yml', code: sls('', '  timeout: 900\n'), errors: [{ line: 4, column: 12 }] },
    {
      name: 'serverless over the wall via ${self:}',
      file: 'serverless.yml',
      code: 'custom:\n  t: 1800\n' + sls('    timeout: ${self:custom.t}\n'),
      errors: [{ line: 9, severity: 'error' }],
    },
    { name: 'Terraform 900', file: 'main.tf', code: tf('  timeout = 900\n'), errors: [{ line: 3, column: 13 }] },
    {
      name: 'Terraform var default 900',
      file: 'main.tf',
      code: 'variable "t" {\n  default = 900\n}\n' + tf('  timeout = var.t\n'),
      errors: [{ line: 6, message: 'w has a 900 s' }],
    },
    {
      name: 'Terraform lambda module',
      file: 'main.tf',
      code: 'module "w" {\n  source  = "terraform-aws-modules/lambda/aws"\n  timeout = 1000\n}\n',
      errors: [{ line: 3, severity: 'error' }],
    },
    { name: 'CDK Duration.minutes(15)', file: 'lib/stack.ts', code: cdk('Duration.minutes(15)'), errors: [{ line: 5, column: 12 }] },
    { name: 'CDK Duration.seconds(900)', file: 'lib/stack.ts', code: cdk('Duration.seconds(900)'), errors: [{ line: 5, message: 'W has a 900 s timeout' }] },
  ],
});
