import { listeningServer } from '../../../src/core/rules/handler/listening-server';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(listeningServer, {
  valid: [
    // Servers kept on the instance or reached through an alias (issue #16).
    {
      name: 'app on this wrapped by serverless-http',
      code: `import express from 'express';\nimport serverless from 'serverless-http';\nclass Api {\n  app = express();\n  handler = serverless(this.app);\n}`,
    },
    {
      name: 'listen on a this field that holds no server',
      code: `class Queue {\n  constructor() { this.emitter = new EventEmitter(); }\n  start() { this.emitter.listen('x'); }\n}`,
    },
    {
      name: 'alias of a server only under the main-module guard',
      code: `const http = require('http');\nclass S { constructor() { this.server = http.createServer(h); } }\nif (require.main === module) {\n  const s = new S().server;\n  s.listen(3000);\n}`,
    },
    {
      name: 'express app wrapped by serverless-http',
      code: `import express from 'express';\nimport serverless from 'serverless-http';\nconst app = express();\nexport const handler = serverless(app);`,
    },
    {
      name: 'listen only under require.main guard',
      code: `const express = require('express');\nconst app = express();\nif (require.main === module) {\n  app.listen(3000);\n}\nmodule.exports.app = app;`,
    },
    {
      name: 'listen only when not on Lambda',
      code: `import express from 'express';\nconst app = express();\nif (!process.env.AWS_LAMBDA_FUNCTION_NAME) app.listen(3000);`,
    },
    { name: 'listen in a test file', file: 'src/app.test.ts', code: `import express from 'express';\nconst app = express();\napp.listen(0);` },
    {
      name: '@codegenie/serverless-express adapter',
      code: `import express from 'express';\nimport serverlessExpress from '@codegenie/serverless-express';\nconst app = express();\nexport const handler = serverlessExpress({ app });\napp.listen; `,
    },
    { name: 'a listen() method on an unrelated object', code: `const emitter = new EventEmitter();\nemitter.listen('x');\nqueue.listen();` },
    { name: 'ws client, not a server', code: `import WebSocket from 'ws';\nconst ws = new WebSocket('wss://example.com');` },
    {
      name: 'WebSocketServer attached without a port (noServer)',
      code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ noServer: true });`,
    },
    {
      name: 'fastify wrapped by @fastify/aws-lambda',
      code: `import Fastify from 'fastify';\nimport awsLambdaFastify from '@fastify/aws-lambda';\nconst app = Fastify();\nexport const handler = awsLambdaFastify(app);`,
    },
    { name: 'http.request is a client call', code: `import http from 'node:http';\nhttp.request('http://x').end();` },
    {
      name: 'an EventSource client reads a stream, it does not serve one',
      code: `const es = new EventSource('/events');\nfetch('/x', { headers: { Accept: 'text/event-stream' } });`,
    },
    {
      name: 'text/event-stream in a comment or a constant only',
      code: `// streams 'text/event-stream' elsewhere\nconst TYPE = 'text/event-stream';\nexport const handler = async () => ({ statusCode: 200, headers: { 'Content-Type': TYPE } });`,
    },
  ],
  invalid: [
    {
      name: 'server kept on this and reached through a local alias',
      code: `import http from 'node:http';\nexport class App {\n  constructor(handler) {\n    this.server = http.createServer(handler);\n  }\n  start(port) {\n    const srv = this.server;\n    srv.listen(port);\n  }\n}`,
      errors: [{ line: 8, column: 5, message: '`srv` (Node server) listens on a port' }],
    },
    {
      name: 'Express app in a class field',
      code: `import express from 'express';\nexport class Service {\n  private app = express();\n  run() {\n    this.app.listen(3000);\n  }\n}`,
      errors: [{ line: 5, column: 5, message: '`this.app` (Express app)' }],
    },
    {
      name: 'Fastify instance assigned to this in the constructor',
      code: `const Fastify = require('fastify');\nclass Server {\n  constructor() { this.fastify = Fastify(); }\n  async start() { await this.fastify.listen({ port: 8080 }); }\n}`,
      errors: [{ line: 4, column: 25, message: 'Fastify app' }],
    },
    {
      name: 'express app.listen',
      code: `import express from 'express';\nconst app = express();\napp.listen(3000);`,
      // An HTTP app moves behind an adapter: a change, not a redesign.
      errors: [{ line: 3, column: 1, message: 'Express app', severity: 'warning' }],
      suggestionOutput: `import express from 'express';\nconst app = express();\nmodule.exports.handler = require('serverless-http')(app);`,
    },
    {
      name: 'http.createServer(...).listen chained',
      code: `const http = require('http');\nhttp.createServer((req, res) => res.end()).listen(8080);`,
      errors: [{ line: 2, message: '`http.createServer(…)` (Node server) listens on a port' }],
    },
    {
      name: 'node: prefix and variable',
      code: `import { createServer } from 'node:http';\nconst server = createServer(() => {});\nserver.listen(80);`,
      errors: [{ line: 3 }],
    },
    { name: 'aliased require', code: `const { createServer: mk } = require('node:https');\nconst s = mk({});\ns.listen(443);`, errors: [{ line: 3 }] },
    {
      name: 'koa',
      code: `const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);`,
      errors: [{ line: 3, message: 'Koa app' }],
      suggestionOutput: "const Koa = require('koa');\nconst app = new Koa();\nmodule.exports.handler = require('serverless-http')(app);",
    },
    {
      name: 'fastify awaited listen',
      code: `import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nawait app.listen({ port: 3000 });`,
      errors: [{ line: 3, message: 'Fastify app' }],
    },
    {
      name: 'net server: raw TCP blocks',
      code: `import net from 'net';\nconst srv = net.createServer();\nsrv.listen(9000);`,
      errors: [{ line: 3, message: 'raw TCP', severity: 'error' }],
    },
    {
      name: 'ws server with port',
      code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });`,
      errors: [{ line: 2, message: 'WebSocket server', severity: 'error' }],
    },
    {
      name: 'server-sent events through setHeader',
      code: `import http from 'node:http';\nexport function stream(req, res) {\n  res.setHeader('Content-Type', 'text/event-stream');\n  res.write('data: hi\\n\\n');\n}`,
      errors: [{ line: 3, message: 'server-sent events', severity: 'error' }],
    },
    {
      name: 'server-sent events through writeHead headers',
      code: `export function stream(req, res) {\n  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });\n}`,
      errors: [{ line: 2, message: 'server-sent events' }],
    },
    {
      name: 'nest',
      code: `import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}`,
      errors: [{ line: 4, message: 'NestJS app' }],
    },
    {
      name: 'grpc bindAsync',
      code: `import * as grpc from '@grpc/grpc-js';\nconst server = new grpc.Server();\nserver.bindAsync('0.0.0.0:50051', grpc.ServerCredentials.createInsecure(), () => {});`,
      errors: [{ line: 3, message: 'gRPC', severity: 'error' }],
    },
    {
      name: 'hapi start',
      code: `const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000 });\nawait server.start();`,
      errors: [{ line: 3, message: 'hapi' }],
    },
    {
      // No `port` or `listen` in the text: hapi's own default port, and `start` is the only word that listens.
      name: 'hapi start on the default port',
      code: `const Hapi = require('@hapi/hapi');\nconst init = async () => {\n  const server = Hapi.server({ host: 'localhost' });\n  await server.start();\n};\ninit();`,
      errors: [{ line: 4, message: 'hapi' }],
    },
    {
      name: 'guard that only runs on Lambda does not hide the else branch',
      code: `import express from 'express';\nconst app = express();\nif (process.env.AWS_LAMBDA_FUNCTION_NAME) { console.log('lambda'); } else { app.listen(3000); }\napp.listen(4000);`,
      errors: [{ line: 4 }],
      suggestionOutput:
        "import express from 'express';\nconst app = express();\nif (process.env.AWS_LAMBDA_FUNCTION_NAME) { console.log('lambda'); } else { app.listen(3000); }\nmodule.exports.handler = require('serverless-http')(app);",
    },
  ],
});
