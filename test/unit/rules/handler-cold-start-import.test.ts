import { coldStartImport } from '../../../src/core/rules/handler/cold-start-import';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(coldStartImport, {
  valid: [
    {
      name: 'SDK v3 modular clients',
      code: `import { S3Client } from '@aws-sdk/client-s3';\nimport { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nconst s3 = new S3Client({});`,
    },
    { name: 'small modules', code: `import { v4 } from 'uuid';\nimport dayjs from 'dayjs';\nimport get from 'lodash/get';` },
    {
      name: 'heavy module loaded lazily inside a function',
      code: `export const handler = async (e) => {\n  if (e.pdf) {\n    const puppeteer = await import('puppeteer');\n    const sharp = require('sharp');\n  }\n};`,
    },
    {
      name: 'type-only import of a heavy module',
      code: `import type { Browser } from 'puppeteer';\nimport { type DataSource } from 'typeorm';\nexport let browser: Browser | undefined;`,
    },
    {
      name: 'module-scope readFileSync of a small config file',
      code: `import { readFileSync } from 'node:fs';\nconst config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));`,
    },
    {
      name: 'execSync inside the handler is not INIT work',
      code: `import { execSync } from 'node:child_process';\nexport const handler = async () => execSync('date').toString();`,
    },
    {
      name: 'top-level await of a module loaded with import() and a .then chain (a dev server in development only)',
      code: `const dev = process.env.NODE_ENV === 'production' ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }));\nconst cfg = await import('./config.js').catch(() => ({}));`,
    },
    {
      name: 'top-level await of a local file read',
      code: `import { readFile } from 'node:fs/promises';\nconst tpl = await readFile('./template.html', 'utf8');`,
    },
    {
      name: 'network call inside the handler, result cached',
      code: `let params;\nexport const handler = async () => {\n  params ??= await fetch(process.env.PARAMS_URL).then((r) => r.json());\n  return params;\n};`,
    },
    { name: 'test file', file: 'test/setup.test.ts', code: `import AWS from 'aws-sdk';\nimport puppeteer from 'puppeteer';` },
    {
      name: 'aws-sdk under a local-dev guard',
      code: `if (process.env.IS_OFFLINE) {\n  const AWS = require('aws-sdk');\n  AWS.config.update({ region: 'local' });\n}`,
    },
  ],
  invalid: [
    {
      name: 'aws-sdk v2 require + S3 (fix rewrites require and constructor)',
      code: `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexports.handler = async () => s3.getObject({ Bucket: 'b', Key: 'k' }).promise();`,
      errors: [{ line: 1, column: 1, message: 'AWS SDK v2' }],
      output: `const { S3 } = require('@aws-sdk/client-s3');\nconst s3 = new S3();\nexports.handler = async () => s3.getObject({ Bucket: 'b', Key: 'k' }).promise();`,
    },
    {
      name: 'DocumentClient → DynamoDBDocument, ESM, several services',
      code: `import AWS from 'aws-sdk';\nconst ddb = new AWS.DynamoDB.DocumentClient({ region: 'eu-west-1' });\nconst sqs = new AWS.SQS();\nconst sns = new AWS.SNS();\nconst lambda = new AWS.Lambda();`,
      errors: [{ line: 1, column: 1 }],
      output: `import { DynamoDB } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nimport { SQS } from '@aws-sdk/client-sqs';\nimport { SNS } from '@aws-sdk/client-sns';\nimport { Lambda } from '@aws-sdk/client-lambda';\nconst ddb = DynamoDBDocument.from(new DynamoDB({ region: 'eu-west-1' }));\nconst sqs = new SQS();\nconst sns = new SNS();\nconst lambda = new Lambda();`,
    },
    {
      name: 'unsupported service: finding without a fix',
      code: `const AWS = require('aws-sdk');\nconst ses = new AWS.SES();`,
      errors: [{ line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'AWS.config use blocks the fix',
      code: `import * as AWS from 'aws-sdk';\nAWS.config.update({ region: 'us-east-1' });\nconst s3 = new AWS.S3();`,
      errors: [{ line: 1 }],
      output: null,
    },
    {
      name: 'aws-sdk required inside a function still ships the monolith',
      code: `export const handler = async () => {\n  const { S3 } = require('aws-sdk');\n  return new S3().listBuckets().promise();\n};`,
      errors: [{ line: 2, column: 18 }],
    },
    {
      name: 'heavy modules at module scope are info',
      code: `import puppeteer from 'puppeteer';\nconst _ = require('lodash');\nimport { google } from 'googleapis';`,
      errors: [
        { line: 1, column: 1, severity: 'info', message: 'puppeteer' },
        { line: 2, column: 11, message: 'lodash' },
        { line: 3, message: 'googleapis' },
      ],
    },
    {
      name: 'execSync while the module loads',
      code: `const { execSync } = require('node:child_process');\nconst sha = execSync('git rev-parse HEAD').toString();`,
      errors: [{ line: 2, column: 13, message: 'blocks INIT' }],
    },
    {
      name: 'module-scope readFileSync of a data file',
      code: `import fs from 'node:fs';\nimport path from 'node:path';\nconst rows = fs.readFileSync(path.join(__dirname, 'geo.mmdb'));\nconst csv = fs.readFileSync('./prices.csv', 'utf8');`,
      errors: [
        { line: 3, column: 14, severity: 'info' },
        { line: 4, column: 13 },
      ],
    },
    {
      name: 'a .then chain that starts with fetch, beside one that starts with import(), is still a network call',
      code: `const mod = await import('./x.js').then((m) => m.default);\nconst data = await fetch(process.env.CONFIG_URL).then((r) => r.json());`,
      errors: [{ line: 2, column: 14, severity: 'info' }],
    },
    {
      name: 'top-level await of a network call',
      code: `import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';\nconst ssm = new SSMClient({});\nconst param = await ssm.send(new GetParameterCommand({ Name: 'x' }));\nconst res = await fetch('https://config.example');`,
      errors: [
        { line: 3, column: 15, severity: 'info' },
        { line: 4, column: 13 },
      ],
    },
    {
      name: 'moment-timezone via require at module scope',
      code: `const moment = require('moment-timezone');\nmodule.exports.handler = async () => moment().tz('Europe/Paris').format();`,
      errors: [{ line: 1, column: 16 }],
    },
  ],
});
