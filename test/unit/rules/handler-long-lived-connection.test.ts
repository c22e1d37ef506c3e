import { longLivedConnection } from '../../../src/core/rules/handler/long-lived-connection';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(longLivedConnection, {
  valid: [
    // Socket servers attached to an HTTP server, and streaming feature-flag clients (issue #16).
    {
      name: 'socket.io listening on its own port (listening-server reports it)',
      code: `const io = require('socket.io')(3000);\nio.on('connection', (s) => s.emit('hi'));`,
    },
    {
      name: 'socket.io Server made with options only (nothing attached yet)',
      code: `import { Server } from 'socket.io';\nconst io = new Server({ cors: { origin: '*' } });`,
    },
    {
      name: 'socket.io client library is a client, not a server',
      code: `import { io } from 'socket.io-client';\nexport const handler = async () => {\n  const s = io('https://x');\n  s.emit('e');\n  s.disconnect();\n};`,
    },
    {
      name: 'LaunchDarkly with streaming off',
      code: `import * as ld from '@launchdarkly/node-server-sdk';\nconst client = ld.init(process.env.LD_KEY, { stream: false });`,
    },
    {
      name: 'LaunchDarkly made in the handler and closed there once it has synced the store',
      code: `import LaunchDarkly from 'launchdarkly-node-server-sdk';\nexport const handler = async (event) => {\n  const client = LaunchDarkly.init(key, { featureStore: store });\n  client.once('ready', () => {\n    client.close();\n  });\n};`,
    },
    {
      name: 'LaunchDarkly in daemon mode (flags from DynamoDB)',
      code: `const LaunchDarkly = require('launchdarkly-node-server-sdk');\nconst options = { useLdd: true, featureStore: store };\nconst client = LaunchDarkly.init(key, options);`,
    },
    {
      name: 'LaunchDarkly options built elsewhere',
      code: `import { init } from '@launchdarkly/node-server-sdk';\nimport { ldOptions } from './flags';\nconst client = init(key, ldOptions);`,
    },
    {
      name: 'Split in consumer mode (flags from Redis)',
      code: `import { SplitFactory } from '@splitsoftware/splitio';\nconst factory = SplitFactory({ mode: 'consumer', core: { authorizationKey: k }, storage: { type: 'REDIS' } });`,
    },
    { name: 'an init function of another module', code: `import { init } from './telemetry';\ninit(key);` },
    {
      name: 'WebSocket opened and closed inside the invocation',
      code: `import WebSocket from 'ws';\nexport const handler = async (e) => {\n  const ws = new WebSocket(e.url);\n  await once(ws, 'open');\n  ws.send(e.body);\n  ws.close();\n};`,
    },
    {
      name: 'request/response HTTP clients',
      code: `import axios from 'axios';\nexport const handler = async () => {\n  await axios.get('https://api.example');\n  return fetch('https://x');\n};`,
    },
    {
      name: 'ws server on its own port is the listening-server rule, not this one',
      code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });`,
    },
    {
      name: 'factory returning the socket (the caller owns it)',
      code: `import WebSocket from 'ws';\nexport function connect(url) {\n  return new WebSocket(url);\n}`,
    },
    {
      name: 'MQTT client ended before returning',
      code: `import mqtt from 'mqtt';\nexport const handler = async (e) => {\n  const c = await mqtt.connectAsync(e.broker);\n  await c.publishAsync('t', 'm');\n  await c.endAsync();\n};`,
    },
    {
      name: 'grpc unary call (no data stream)',
      code: `import * as grpc from '@grpc/grpc-js';\nconst client = new Orders('orders:50051', grpc.credentials.createInsecure());\nexport const handler = async (e) => new Promise((ok) => client.getOrder({ id: e.id }, (_err, r) => ok(r)));`,
    },
    {
      name: 'stream .on("data") on a non-grpc file (fs stream)',
      code: `import fs from 'node:fs';\nfs.createReadStream('/tmp/a').on('data', (c) => n += c.length);`,
    },
    { name: 'local-dev guard', code: `import { io } from 'socket.io-client';\nif (process.env.IS_OFFLINE) {\n  const s = io('http://localhost:3000');\n}` },
    { name: 'WebSocket from a local module', code: `import { WebSocket } from './fake';\nconst w = new WebSocket('x');` },
    { name: 'test file', file: 'src/ws.test.ts', code: `import WebSocket from 'ws';\nconst w = new WebSocket('wss://x');` },
  ],
  invalid: [
    {
      name: 'socket.io attached to the HTTP server',
      code: `const http = require('http');\nconst server = http.createServer(app);\nconst io = require('socket.io')(server);\nio.on('connection', (s) => s.emit('scores', data));`,
      errors: [{ line: 3, column: 12, message: "A socket.io server attached to the HTTP server keeps every client's connection open" }],
    },
    {
      name: 'socket.io Server class on an existing server',
      code: `import { createServer } from 'node:http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer();\nconst io = new Server(httpServer, { cors: { origin: '*' } });`,
      errors: [{ line: 4, column: 12, message: 'API Gateway WebSocket APIs' }],
    },
    {
      name: 'ws server sharing the HTTP server, and one taking upgrades itself',
      code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ server });\nconst upgrades = new WebSocketServer({ noServer: true });`,
      errors: [
        { line: 2, column: 13, message: 'A WebSocket server attached' },
        { line: 3, column: 18 },
      ],
    },
    {
      name: 'LaunchDarkly made in the handler and left open (a new streaming client per invocation)',
      code: `import LaunchDarkly from 'launchdarkly-node-server-sdk';\nexport const handler = async (event) => {\n  const client = LaunchDarkly.init(key);\n  await client.waitForInitialization();\n  return client.variation('f', ctx, false);\n};\nexport const shutdown = () => other.close();`,
      errors: [{ line: 3, message: 'The LaunchDarkly client keeps a streaming connection' }],
    },
    {
      name: 'LaunchDarkly with the default (streaming) options',
      code: `import * as ld from '@launchdarkly/node-server-sdk';\nconst client = ld.init(process.env.LD_KEY);`,
      errors: [{ line: 2, column: 16, message: 'The LaunchDarkly client keeps a streaming connection' }],
    },
    {
      name: 'LaunchDarkly v6 SDK with streaming left on',
      code: `const LaunchDarkly = require('launchdarkly-node-server-sdk');\nconst client = LaunchDarkly.init(key, { stream: true, timeout: 5 });`,
      errors: [{ line: 2, column: 16, message: '`stream: false`' }],
    },
    {
      name: 'Split SDK in standalone mode (streams by default)',
      code: `import { SplitFactory } from '@splitsoftware/splitio';\nconst factory = SplitFactory({ core: { authorizationKey: k } });`,
      errors: [{ line: 2, column: 17, message: 'The Split client' }],
    },
    {
      name: 'module-scope ws client',
      code: `import WebSocket from 'ws';\nconst feed = new WebSocket('wss://prices.example/feed');\nfeed.on('message', (m) => latest = m);`,
      errors: [{ line: 2, column: 14, message: 'A WebSocket client' }],
    },
    {
      name: 'global WebSocket at module scope',
      code: `const ws = new WebSocket(process.env.FEED_URL);\nexport const handler = async () => ws.send('ping');`,
      errors: [{ line: 1, column: 12 }],
    },
    {
      name: 'socket.io client',
      code: `import { io } from 'socket.io-client';\nconst socket = io('https://events.example');`,
      errors: [{ line: 2, column: 16, message: 'socket.io' }],
    },
    {
      name: 'socket.io client default require',
      code: `const io = require('socket.io-client');\nconst socket = io.connect('https://events.example');`,
      errors: [{ line: 2, column: 16 }],
    },
    {
      name: 'EventSource from the eventsource package',
      code: `const { EventSource } = require('eventsource');\nconst es = new EventSource('https://sse.example/stream');`,
      errors: [{ line: 2, column: 12, message: 'EventSource' }],
    },
    {
      name: 'MQTT connect at module scope',
      code: `import mqtt from 'mqtt';\nconst client = mqtt.connect('mqtts://iot.example');\nclient.subscribe('devices/#');`,
      errors: [{ line: 2, column: 16, message: 'MQTT' }],
    },
    {
      name: 'handler opens a socket into a module variable and never closes it',
      code: `import WebSocket from 'ws';\nlet conn;\nexport const handler = async (e) => {\n  if (!conn) conn = new WebSocket(e.url);\n  conn.send(e.body);\n};`,
      errors: [{ line: 4, column: 21 }],
    },
    {
      name: 'handler subscribes to a local socket and returns',
      code: `import WebSocket from 'ws';\nexport const handler = async (e) => {\n  const ws = new WebSocket(e.url);\n  ws.on('message', (m) => save(m));\n  return 'listening';\n};`,
      errors: [{ line: 3, column: 14 }],
    },
    {
      name: 'gRPC server stream chained',
      code: `import * as grpc from '@grpc/grpc-js';\nconst client = new Prices('p:50051', grpc.credentials.createInsecure());\nclient.watchPrices({}).on('data', (p) => cache.set(p.sku, p));`,
      errors: [{ line: 3, column: 1, message: 'gRPC stream' }],
    },
    {
      name: 'gRPC stream held in a variable',
      code: `import * as grpc from '@grpc/grpc-js';\nconst client = new Orders('o:50051', grpc.credentials.createInsecure());\nconst stream = client.subscribe({ topic: 'orders' });\nstream.on('data', onOrder);`,
      errors: [{ line: 3, column: 16 }],
    },
  ],
});
