import { runtimeCoupling } from '../../../src/core/rules/handler/runtime-coupling';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(runtimeCoupling, {
  valid: [
    {
      name: 'awslambda: a guarded use (code written to run elsewhere too), a binding of our own, a comment',
      code: `const wrap = typeof awslambda !== 'undefined' ? awslambda.streamifyResponse : (h) => h;\nexport const handler = wrap(async (event, stream) => stream.end('ok'));`,
    },
    {
      name: 'awslambda: a local shim bound to the name',
      code: `const awslambda = require('./streaming-shim');\n// awslambda.streamifyResponse is the runtime's on Lambda\nexports.handler = awslambda.streamifyResponse(async (event, stream) => stream.end());`,
    },
    {
      name: 'a variable named context that is not the handler parameter',
      code: `const context = { getRemainingTimeInMillis: () => 1000, awsRequestId: 'x' };\nexport const handler = async (event) => {\n  return context.getRemainingTimeInMillis() + context.awsRequestId;\n};`,
    },
    {
      name: 'context read inside a helper that is not exported as a handler',
      code: `function render(context) {\n  return context.functionName;\n}\nexport const handler = async (event) => render({ functionName: event.name });`,
    },
    {
      name: 'local-dev guard on AWS_LAMBDA_FUNCTION_NAME (a container takes the listen branch, as intended)',
      code: `import express from 'express';\nconst app = express();\nif (!process.env.AWS_LAMBDA_FUNCTION_NAME) app.listen(3000);\nexport const handler = async (event) => ({ statusCode: 200 });`,
    },
    {
      name: 'presence flags and defaulted reads cope with the variable being absent',
      code: `const onLambda = !!process.env.AWS_EXECUTION_ENV;\nconst fn = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';\nconst ver = process.env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST';\nconst isNode = process.env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_nodejs') ? 1 : 0;\nexport const handler = async () => ({ onLambda, fn, ver, isNode });`,
    },
    {
      name: 'AWS_REGION and app config are set in Pods too',
      code: `const region = process.env.AWS_REGION;\nconst table = process.env.TABLE_NAME;\nexport const handler = async () => ({ region, table });`,
    },
    {
      name: 'a declared but never called callback parameter',
      code: `exports.handler = async function (event, context, callback) {\n  return { ok: true };\n};`,
    },
    {
      name: '/opt-like strings that are not layer paths',
      code: `const url = '/options/list';\nconst dir = '/optimised';\nexport const handler = async () => ({ url, dir });`,
    },
    {
      name: '/opt/app path in container code without a Lambda handler',
      code: `import { readFileSync } from 'node:fs';\nconst cfg = readFileSync('/opt/app/config.json', 'utf8');\nexport function start() { return cfg; }`,
    },
    {
      name: 'a harness that sets the Lambda env vars provides them rather than reading them',
      code: `process.env._HANDLER = 'index.handler';\nprocess.env.AWS_LAMBDA_FUNCTION_NAME = 'local';`,
    },
    {
      name: 'type-only Powertools import and SDK-wrapper utilities',
      code: `import type { Logger } from '@aws-lambda-powertools/logger';\nimport { getParameter } from '@aws-lambda-powertools/parameters/ssm';\nexport const handler = async (event: unknown) => getParameter('/x');`,
    },
    {
      name: 'test files build fake contexts freely',
      file: 'test/handler.test.ts',
      code: `import { handler } from '../src/handler';\nexport const main = async (event, context) => handler(event, { ...context, getRemainingTimeInMillis: () => 1 });\nmain({}, { awsRequestId: process.env.AWS_LAMBDA_FUNCTION_NAME });`,
    },
    {
      name: 'a Powertools Logger that only logs (a service module, an Express app) works anywhere',
      code: `import { Logger } from '@aws-lambda-powertools/logger';\nconst logger = new Logger({ serviceName: 'orders' });\nexport class OrderService {\n  place(order) { logger.info('placing', { order }); return order; }\n}`,
    },
    {
      name: 'addContext on something other than a Powertools Logger',
      code: `import pino from 'pino';\nconst log = pino();\nexport const handler = async (event, context) => {\n  span.addContext({ id: 1 });\n  return 1;\n};`,
    },
    {
      name: 'passing the context along (e.g. to a logger) is not a read',
      code: `export const handler = async (event, context) => {\n  logger.addContext(context);\n  return work(event, context);\n};`,
    },
    {
      name: 'an Express-style (req, res, next) handler is not a Lambda callback handler',
      code: `export function handler(req, res, next) {\n  if (res.done) return;\n  next();\n}`,
    },
  ],
  invalid: [
    {
      name: 'awslambda: a response-streaming handler, reported once per file',
      code: `exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {\n  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200 });\n  responseStream.end();\n});`,
      errors: [
        {
          line: 1,
          column: 19,
          message: '`awslambda.streamifyResponse` uses `awslambda`, a global that only the Lambda Node.js runtime defines',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'awslambda: a TypeScript declaration types the global, it does not provide it',
      file: 'src/stream.ts',
      code: `declare const awslambda: any;\nexport const handler = awslambda.streamifyResponse(async (event: unknown, stream: any) => stream.end());`,
      errors: [{ line: 2, message: 'ReferenceError', severity: 'warning' }],
    },
    {
      name: 'getRemainingTimeInMillis on the handler context, whatever its name',
      code: `export const handler = async (evt, lambdaCtx) => {\n  while (lambdaCtx.getRemainingTimeInMillis() > 5000) await step();\n  while (lambdaCtx.getRemainingTimeInMillis() > 1000) await step();\n};`,
      errors: [{ line: 2, column: 10, message: 'getRemainingTimeInMillis', severity: 'warning' }],
    },
    {
      name: 'context values read for logs are info; a dereferenced one is a warning',
      code: `exports.handler = async (event, context) => {\n  console.log(context.awsRequestId, context.functionName);\n  const account = context.invokedFunctionArn.split(':')[4];\n  return [account, context.identity?.cognitoIdentityId];\n};`,
      errors: [
        { line: 2, message: 'context.awsRequestId', severity: 'info' },
        { line: 2, message: 'context.functionName', severity: 'info' },
        { line: 3, message: 'throws a TypeError', severity: 'warning' },
        { line: 4, message: 'is undefined outside Lambda. The Kubernetes runner', severity: 'info' },
      ],
    },
    {
      name: 'callbackWaitsForEmptyEventLoop assignment and a destructured context',
      code: `module.exports.handler = async (event, context) => {\n  context.callbackWaitsForEmptyEventLoop = false;\n  const { logStreamName } = context;\n  return logStreamName;\n};`,
      errors: [
        { line: 2, message: 'never exit', severity: 'warning' },
        { line: 3, message: 'logStreamName', severity: 'info' },
      ],
    },
    {
      name: 'callback-style handler resolved through middy and an alias',
      code: `import middy from '@middy/core';\nconst base = function (event, context, cb) {\n  const c = context;\n  if (!event.ok) return c.fail(new Error('x'));\n  cb(null, { ok: true });\n};\nexport const handler = middy(base).use(jsonBodyParser());`,
      errors: [
        { line: 1, message: 'middy', severity: 'info' },
        { line: 2, column: 40, message: '`cb` callback', severity: 'warning' },
        { line: 4, message: 'legacy', severity: 'warning' },
      ],
    },
    {
      name: 'Lambda-only env vars read as values (member and destructuring)',
      code: `const { LAMBDA_TASK_ROOT } = process.env;\nconst name = process.env['AWS_LAMBDA_FUNCTION_NAME'];\nconst trace = process.env._X_AMZN_TRACE_ID;\nconsole.log(\`\${process.env._HANDLER}\`, name, trace, LAMBDA_TASK_ROOT);`,
      file: 'src/lib/log.ts',
      errors: [
        { line: 1, message: 'LAMBDA_TASK_ROOT', severity: 'info' },
        { line: 2, message: 'AWS_LAMBDA_FUNCTION_NAME' },
        { line: 3, message: '_X_AMZN_TRACE_ID' },
        { line: 4, message: '_HANDLER' },
      ],
    },
    {
      name: 'a custom runtime loop talks to the Runtime API',
      code: `const api = process.env.AWS_LAMBDA_RUNTIME_API;\nawait fetch(\`http://\${api}/2018-06-01/runtime/invocation/next\`);`,
      file: 'bootstrap.mjs',
      errors: [{ line: 1, message: 'Runtime Interface Emulator', severity: 'warning' }],
    },
    {
      name: 'layer paths in require, import and path joins',
      code: `import { helper } from '/opt/nodejs/shared/helper.js';\nconst sharp = require('/opt/nodejs/node_modules/sharp');\nconst ffmpeg = path.join('/opt/bin', 'ffmpeg');\nconst tpl = \`/opt/python/\${name}\`;`,
      file: 'src/util.js',
      errors: [
        { line: 1, column: 24, message: 'Lambda layer', severity: 'warning' },
        { line: 2, message: '/opt/nodejs/node_modules/sharp' },
        { line: 3, message: '/opt/bin' },
        { line: 4, message: '/opt/python/' },
      ],
    },
    {
      name: 'other /opt paths in a file that exports a handler',
      code: `import { readFile } from 'node:fs/promises';\nexport const handler = async () => JSON.parse(await readFile('/opt/config/settings.json', 'utf8'));`,
      errors: [{ line: 2, message: 'under /opt', severity: 'info' }],
    },
    {
      name: 'Powertools logger/tracer/metrics wiring, one finding per package (subpath imports included); the Logger where it is handed the context',
      code: `import { Logger } from '@aws-lambda-powertools/logger';\nimport { Tracer } from '@aws-lambda-powertools/tracer';\nimport { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';\nimport { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';\nconst { BatchProcessor } = require('@aws-lambda-powertools/batch');\nexport const handler = middy(main).use(injectLambdaContext(logger));`,
      errors: [
        { line: 2, message: 'X-Ray daemon', severity: 'info' },
        { line: 3, message: 'silently dropped', severity: 'warning' },
        { line: 5, message: 'batchItemFailures' },
        { line: 6, message: '`injectLambdaContext` fills request id', severity: 'info' },
      ],
    },
    {
      name: 'the Powertools decorator on a logger from a shared module',
      code: `import { logger } from './powertools';\nclass Lambda {\n  @logger.injectLambdaContext({ logEvent: true })\n  public async handler(event: unknown, context: unknown) { return event; }\n}\nexport const handler = new Lambda().handler;`,
      errors: [{ line: 3, message: '(Powertools Logger) is tied to the Lambda runtime: `injectLambdaContext`' }],
    },
    {
      name: 'logger.addContext(context) with the Logger imported',
      code: `import { Logger } from '@aws-lambda-powertools/logger';\nconst logger = new Logger();\nexport const handler = async (event, context) => {\n  logger.addContext(context);\n  return 1;\n};`,
      errors: [{ line: 4, message: '`addContext` fills request id' }],
    },
    {
      name: 'destructured context parameter in an exported function typed with aws-lambda',
      code: `import type { Context, SQSEvent } from 'aws-lambda';\nexport async function consume(event: SQSEvent, { awsRequestId, getRemainingTimeInMillis }: Context) {\n  return [awsRequestId, getRemainingTimeInMillis()];\n}`,
      errors: [
        { line: 2, message: 'context.awsRequestId', severity: 'info' },
        { line: 2, message: 'getRemainingTimeInMillis', severity: 'warning' },
      ],
    },
    {
      name: 'export specifier handler in CommonJS with a callback',
      code: `function handle(event, context, done) {\n  setTimeout(() => done(null, 'ok'), 10);\n}\nmodule.exports = { handler: handle };`,
      file: 'src/index.js',
      errors: [{ line: 1, message: '`done` callback' }],
    },
  ],
});
