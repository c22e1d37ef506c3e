import { identity } from '../../../src/core/rules/handler/identity';
import { ruleTester } from '../../helpers/ruleTester';

// Valid cases are the near-misses that must stay silent (recommended practice above all); invalid cases give line,
// column and message, and the expected output of every fix or suggestion the rule offers.
ruleTester(identity, {
  valid: [
    {
      name: 'a client with no credentials (the default chain: recommended on both platforms)',
      code: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ region: process.env.AWS_REGION });`,
    },
    {
      name: 'a provider from the SDK',
      code: `import { fromNodeProviderChain } from '@aws-sdk/credential-providers';\nconst s3 = new S3Client({ credentials: fromNodeProviderChain() });`,
    },
    {
      name: 'credentials from the application own variables (a third-party account, not the role)',
      code: `const s3 = new S3Client({ credentials: { accessKeyId: process.env.PARTNER_KEY_ID, secretAccessKey: process.env.PARTNER_SECRET } });`,
    },
    {
      name: 'a mix of role and other variables is not the role alone',
      code: `const c = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: vault.secret } });`,
    },
    { name: 'reading the variables for something else (a log line)', code: `console.log('key id set:', Boolean(process.env.AWS_ACCESS_KEY_ID));` },
    {
      name: 'local development only',
      code: `if (process.env.IS_OFFLINE) {\n  AWS.config.update({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY });\n}`,
    },
    { name: 'an object with other keys named alike', code: `const row = { accessKey: process.env.AWS_ACCESS_KEY_ID };` },
    {
      name: 'a destructured name that is not a role variable',
      code: `const { PARTNER_KEY_ID } = process.env;\nconst c = new S3Client({ credentials: { accessKeyId: PARTNER_KEY_ID, secretAccessKey: PARTNER_KEY_ID } });`,
    },
    {
      name: 'a local name shadowing nothing env-related',
      code: `const AWS_ACCESS_KEY_ID = vault.read('id');\nconst c = new S3Client({ credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: vault.read('s') } });`,
    },
    {
      name: 'test file',
      file: 'src/s3.test.ts',
      code: `const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });`,
    },
  ],
  invalid: [
    {
      name: 'v3 client with credentials from the role variables: suggestion drops the property',
      code: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: {\n    accessKeyId: process.env.AWS_ACCESS_KEY_ID!,\n    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY as string,\n    sessionToken: process.env.AWS_SESSION_TOKEN,\n  },\n});`,
      errors: [{ line: 4, column: 3, message: 'copies AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from the environment' }],
      suggestionOutput: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({\n  region: 'eu-west-1',\n});`,
    },
    {
      name: 'credentials first, before other options',
      code: `const db = new DynamoDBClient({ credentials: { accessKeyId: process.env['AWS_ACCESS_KEY_ID'], secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] }, region: 'us-east-1' });`,
      errors: [{ line: 1, column: 33 }],
      suggestionOutput: `const db = new DynamoDBClient({ region: 'us-east-1' });`,
    },
    {
      name: 'credentials as the only option',
      code: `const sqs = new SQSClient({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }, });`,
      errors: [{ line: 1, column: 29 }],
      suggestionOutput: `const sqs = new SQSClient({ });`,
    },
    {
      name: 'SDK v2 config update',
      code: `const AWS = require('aws-sdk');\nAWS.config.update({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, region: 'eu-west-1' });`,
      errors: [{ line: 2, column: 19 }],
    },
    {
      name: 'SDK v2 Credentials object',
      code: `const AWS = require('aws-sdk');\nconst creds = new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN);`,
      errors: [{ line: 2, column: 15, message: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN' }],
    },
    {
      name: 'names destructured from process.env and used to sign requests by hand (SigV4)',
      code: `const { SignatureV4 } = require('@smithy/signature-v4');\nconst { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: token } = process.env;\nconst sigv4 = new SignatureV4({\n  service: 'lambda',\n  credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: token },\n});`,
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'inside the handler',
      code: `export const handler = async () => {\n  const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });\n  return s3.send(cmd);\n};`,
      errors: [{ line: 2, column: 29 }],
      suggestionOutput: `export const handler = async () => {\n  const s3 = new S3Client({ });\n  return s3.send(cmd);\n};`,
    },
  ],
});
