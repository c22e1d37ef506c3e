import { inMemoryState } from '../../../src/core/rules/handler/in-memory-state';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(inMemoryState, {
  valid: [
    {
      name: 'a settings snapshot: fixed keys set from an import and environment variables, read by getters',
      code: `import pkg from './package.json' with { type: 'json' };\nconst metadata = {};\nasync function init() {\n  metadata.version = pkg.version;\n  metadata.logStream = process.env.AWS_LAMBDA_LOG_STREAM_NAME || 'unknown';\n  metadata.label = \`v\${pkg.version}\`;\n}\nexport default { init, get version() { return metadata.version; } };`,
    },
    // Sessions and false counters (issue #16).
    {
      name: 'express-session with a shared store',
      code: `const session = require('express-session');\nconst RedisStore = require('connect-redis').default;\napp.use(session({ secret: s, store: new RedisStore({ client }) }));`,
    },
    {
      name: 'cookie-session keeps the session in the cookie',
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: [k] }));`,
    },
    {
      name: 'session options built elsewhere',
      code: `import session from 'express-session';\nimport { sessionOptions } from './config';\napp.use(session(sessionOptions));`,
    },
    {
      name: 'a database handle assigned from a method named like the variable',
      code: `let db;\nasync function connect() {\n  db = client.db('shop');\n}\nexport const handler = async () => {\n  await connect();\n  return db.collection('x').find().toArray();\n};`,
    },
    {
      name: 'a property named like a module-scope variable',
      code: `let count = 0;\nexport const handler = async (e) => {\n  e.stats.count = e.stats.count + 1;\n  return { count: e.stats.count };\n};`,
    },
    {
      name: 'a module-scope Map never used after its declaration, and its name in a longer name',
      code: `const cache = new Map();\nconst cacheSize = 0;\nexport const handler = async (e) => {\n  e.cacheHits = (e.cacheHits ?? 0) + 1;\n  return e;\n};`,
    },
    {
      name: 'module-scope SDK client (AWS recommends it)',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async () => db.send(cmd);`,
    },
    {
      name: 'lazy-initialised client',
      code: `let client;\nexport const handler = async () => {\n  if (!client) client = await connect(process.env.DB_URL);\n  return client.query('select 1');\n};`,
    },
    {
      name: 'config loaded once at module scope',
      code: `const config = {};\nconfig.region = process.env.AWS_REGION;\nObject.assign(config, { stage: 'prod' });\nexport const handler = async () => config.region;`,
    },
    {
      name: 'get-or-compute memoisation (a miss is harmless)',
      code: `const cache = new Map();\nexport const handler = async (e) => {\n  if (!cache.has(e.sku)) cache.set(e.sku, await loadPrice(e.sku));\n  return cache.get(e.sku);\n};`,
    },
    {
      name: 'lru-cache memo with the key looked up first',
      code: `import { LRUCache } from 'lru-cache';\nconst secrets = new LRUCache({ max: 10 });\nexport async function getSecret(id) {\n  const hit = secrets.get(id);\n  if (hit) return hit;\n  const value = await fetchSecret(id);\n  secrets.set(id, value);\n  return value;\n}`,
    },
    {
      name: 'lookup table only read',
      code: `const STATUS = { ok: 200, created: 201 };\nconst seen = new Set(['a', 'b']);\nexport const handler = async (e) => ({ code: STATUS[e.kind], known: seen.has(e.id) });`,
    },
    {
      name: 'map filled by an init function called at module scope',
      code: `const routes = new Map();\nfunction register(path, fn) { routes.set(path, fn); }\nregister('/a', a);\nregister('/b', b);\nexport const handler = async (e) => routes.get(e.path)(e);`,
    },
    {
      name: 'local variable shadows the module name',
      code: `const items = [];\nexport const handler = async (e) => {\n  const items = [];\n  items.push(e.id);\n  return items;\n};`,
    },
    {
      name: 'written only under a local-dev guard',
      code: `const hits = new Map();\nexport const handler = async (e) => {\n  if (process.env.IS_OFFLINE) { hits.set(e.path, (hits.get(e.path) ?? 0) + 1); }\n  return 1;\n};`,
    },
    {
      name: 'cached secret with expiry (scalar reassigned, not self-referencing)',
      code: `let cached;\nexport async function token() {\n  if (!cached || cached.exp < Date.now()) cached = { value: await fetchToken(), exp: Date.now() + 60_000 };\n  return cached.value;\n}`,
    },
    {
      name: 'lazy ??= and last-value reassignment',
      code: `let core: Api | undefined;\nlet lastStats = { hits: 0 };\nexport function getCore() {\n  core ??= load();\n  return core;\n}\nexport async function scan() {\n  lastStats = { hits: await count() };\n}\nexport const stats = () => lastStats;`,
    },
    {
      name: 'closure that clears its own variable',
      code: `var stop;\nexport function start() {\n  if (stop) stop();\n  stop = () => { child.kill(); stop = undefined; };\n}`,
    },
    {
      name: 'scratch array reused by index (an optimisation)',
      code: `const row = [];\nexport function distance(a, b) {\n  for (let i = 0; i < a.length; i++) row[i] = i;\n  return row[a.length - 1];\n}`,
    },
    { name: 'test file', file: 'src/store.spec.ts', code: `let count = 0;\nexport const handler = async () => ++count;` },
  ],
  invalid: [
    {
      name: 'tricky: the same snapshot object also keeps a value taken from the request',
      code: `import pkg from './package.json';\nconst metadata = {};\nexport const handler = async (event) => {\n  metadata.version = pkg.version;\n  metadata.lastUser = event.user;\n  return metadata.lastUser;\n};`,
      errors: [{ line: 2, column: 7, message: 'requests write and read back' }],
    },
    {
      // The text spells the name twice: its declaration and one use that both reads and writes it.
      name: 'a counter used once after its declaration (the pre-filter counts the name in the text)',
      code: `let calls = 0;\nexport const handler = async () => ({ n: ++calls });`,
      errors: [{ line: 1, column: 5, message: 'counter' }],
    },
    {
      name: 'express-session with no store',
      code: `const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: true }));`,
      errors: [{ line: 4, column: 9, message: "keeps sessions in express-session's default MemoryStore" }],
    },
    {
      name: 'express-session with its MemoryStore, options in a const',
      code: `import session from 'express-session';\nconst opts = { secret: s, store: new session.MemoryStore() };\napp.use(session(opts));`,
      errors: [{ line: 3, column: 9, message: 'in a MemoryStore' }],
    },
    {
      name: 'a real counter next to a property of the same name',
      code: `let count = 0;\nexport const handler = async (e) => {\n  count = count + e.stats.count;\n  return count;\n};`,
      errors: [{ line: 1, column: 5, message: 'counter' }],
    },
    {
      name: 'dedupe set (SQS redeliveries)',
      code: `const sent = new Set();\nexports.handler = async (event) => {\n  for (const r of event.Records) {\n    if (sent.has(r.messageId)) continue;\n    await send(r);\n    sent.add(r.messageId);\n  }\n};`,
      errors: [{ line: 1, column: 7, message: 'set of seen keys' }],
    },
    {
      name: 'rate limit counter in a Map',
      code: `const hits = new Map();\nexport const handler = async (e) => {\n  const ip = e.requestContext.http.sourceIp;\n  hits.set(ip, (hits.get(ip) ?? 0) + 1);\n  if (hits.get(ip) > 100) return { statusCode: 429 };\n};`,
      errors: [{ line: 1, column: 7, message: 'counter' }],
    },
    {
      name: 'scalar request counter',
      code: `let requests = 0;\nexport const handler = async () => {\n  requests++;\n  return { requests };\n};`,
      errors: [{ line: 1, column: 5, message: 'counter' }],
    },
    {
      name: 'sessions stored by login, read by another route',
      code: `const sessions = {};\nexport async function login(e) {\n  const token = newToken();\n  sessions[token] = { user: e.user };\n  return token;\n}\nexport async function me(e) {\n  return sessions[e.headers.token];\n}`,
      errors: [{ line: 1, column: 7, message: 'store' }],
    },
    {
      name: 'job queue array',
      code: `const jobs = [];\nexport const enqueue = async (e) => { jobs.push(e.job); };\nexport const work = async () => { const j = jobs.shift(); if (j) await run(j); };`,
      errors: [{ line: 1, column: 7, message: 'list' }],
    },
    {
      name: 'node-cache used as a session store',
      code: `const NodeCache = require('node-cache');\nconst store = new NodeCache({ stdTTL: 600 });\nexports.login = async (e) => { store.set(e.sid, { user: e.user }); };\nexports.me = async (e) => store.get(e.sid);`,
      errors: [{ line: 2, column: 7 }],
    },
    {
      name: 'memory-cache module as a counter',
      code: `const cache = require('memory-cache');\nexports.handler = async (e) => {\n  cache.put(e.user, (cache.get(e.user) || 0) + 1);\n  return cache.get(e.user);\n};`,
      errors: [{ line: 1, column: 7, message: 'counter' }],
    },
    {
      name: 'per-object counter with ++',
      code: `const counts = {};\nexport const handler = async (e) => {\n  counts[e.type] = counts[e.type] || 0;\n  counts[e.type]++;\n  return counts;\n};`,
      errors: [{ line: 1, column: 7, message: 'counter' }],
    },
    {
      name: 'running total replaced with a value computed from itself',
      code: `let total = 0;\nexport const handler = async (e) => {\n  total = total + e.amount;\n  return { total };\n};`,
      errors: [{ line: 1, column: 5, message: 'counter' }],
    },
    {
      name: 'accumulating results leak between requests',
      code: `export const results = [];\nexport const handler = async (e) => {\n  results.push(await process(e));\n  return results.length;\n};`,
      errors: [{ line: 1, column: 14 }],
    },
    {
      name: 'quick-lru used as a dedupe store',
      code: `import QuickLRU from 'quick-lru';\nconst seen = new QuickLRU({ maxSize: 1000 });\nexport const handler = async (e) => {\n  if (seen.has(e.id)) return 'dup';\n  seen.set(e.id, true);\n};`,
      errors: [{ line: 2, column: 7, message: 'store' }],
    },
  ],
});
