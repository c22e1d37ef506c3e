import { timeoutLimit } from '../../../src/core/rules/iac/timeout-limit';
import { ruleTester } from '../../helpers/ruleTester';

const sam = (props: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
${props}`;

ruleTester(timeoutLimit, {
  valid: [
    { name: 'timeout 899', code: sam('      Timeout: 899\n') },
    { name: 'no timeout (default 3 s)', code: sam('      Runtime: nodejs22.x\n') },
    { name: 'timeout 30 with Globals 900 (own value wins)', code: sam('      Timeout: 30\n', 'Globals:\n  Function:\n    Timeout: 900\n') },
    { name: 'Ref to a parameter without default', code: sam('      Timeout: !Ref T\n', 'Parameters:\n  T:\n    Type: Number\n') },
    {
      name: 'not a function (state machine with 900)',
      code: `Resources:\n  SM:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Timeout: 900\nAWSTemplateFormatVersion: '2010-09-09'\n`,
    },
    {
      name: 'JSON template at 300',
      file: 'template.json',
      code: JSON.stringify(
        { AWSTemplateFormatVersion: '2010-09-09', Resources: { F: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 300 } } } },
        null,
        2,
      ),
    },
    { name: 'timeout as a string below the wall', code: sam(`      Timeout: "600"\n`) },
    {
      name: 'Timeout under Events (not the function)',
      code: sam(`      Timeout: 60\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Timeout: 900\n`),
    },
  ],
  invalid: [
    { name: 'at the wall', code: sam('      Timeout: 900\n'), errors: [{ line: 8, column: 16, message: '900 s maximum', severity: 'warning' }] },
    { name: 'over the wall', code: sam('      Timeout: 1200\n'), errors: [{ line: 8, message: 'at most 900 s', severity: 'error' }] },
    { name: 'from Globals', code: sam('      Runtime: nodejs22.x\n', 'Globals:\n  Function:\n    Timeout: 900\n'), errors: [{ line: 5, column: 14 }] },
    {
      name: 'Ref to a parameter default',
      code: sam('      Timeout: !Ref FnTimeout\n', 'Parameters:\n  FnTimeout:\n    Type: Number\n    Default: 900\n'),
      errors: [{ line: 12 }],
    },
    {
      name: 'plain CloudFormation function',
      code: `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 900\n`,
      errors: [{ line: 6 }],
    },
    {
      name: 'JSON template',
      file: 'stack.json',
      code: `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "F": { "Type": "AWS::Lambda::Function", "Properties": { "Timeout": 900 } }\n  }\n}\n`,
      errors: [{ line: 4 }],
    },
    { name: 'string value', code: sam(`      Timeout: "900"\n`), errors: [{ line: 8 }] },
    {
      name: 'Globals at the wall shared by two functions, a third with its own value: one finding for the two',
      code:
        sam('      Runtime: nodejs22.x\n', 'Globals:\n  Function:\n    Timeout: 900\n') +
        `  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: o.handler\n  Own:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 60\n`,
      errors: [{ line: 5, message: 'The 900 s timeout of the 2 functions set here (Worker and Other)', severity: 'warning', units: ['Worker', 'Other'] }],
    },
    {
      name: 'Globals over the wall shared by two functions',
      code:
        sam('      Runtime: nodejs22.x\n', 'Globals:\n  Function:\n    Timeout: 1000\n') +
        `  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: o.handler\n`,
      errors: [{ line: 5, message: 'more than the 900 s Lambda allows', severity: 'error' }],
    },
    {
      name: 'two functions, one at the wall',
      code: sam('      Timeout: 900\n') + `  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 10\n`,
      errors: [{ line: 8 }],
    },
  ],
});
