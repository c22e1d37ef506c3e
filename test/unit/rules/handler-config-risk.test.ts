import { configRisk } from '../../../src/core/rules/handler/config-risk';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(configRisk, {
  valid: [
    { name: 'pg pool of 1', code: `import { Pool } from 'pg';\nconst pool = new Pool({ max: 1 });` },
    {
      name: 'RDS Proxy endpoint',
      code: `const { Pool } = require('pg');\nconst pool = new Pool({ host: 'orders.proxy-abc123.eu-west-1.rds.amazonaws.com', max: 5 });`,
    },
    {
      name: 'mysql2 pool of 1',
      code: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: process.env.DB_HOST, connectionLimit: 1 });`,
    },
    { name: 'single pg Client', code: `import { Client } from 'pg';\nconst client = new Client();` },
    {
      name: 'pool created per invocation is not a module-scope pool',
      code: `import { Pool } from 'pg';\nexport const handler = async () => {\n  const pool = new Pool({ max: 4 });\n  try { return await pool.query('select 1'); } finally { await pool.end(); }\n};`,
    },
    {
      name: 'size from configuration is not guessed',
      code: `import { Pool } from 'pg';\nconst pool = new Pool({ max: Number(process.env.POOL_MAX) });\nconst p2 = new Pool({ ...base });`,
    },
    { name: 'mongoose without an explicit pool size', code: `import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URI);` },
    {
      name: 'SIGINT is not SIGTERM; process.on for other events',
      code: `process.on('SIGINT', () => process.exit(0));\nprocess.on('unhandledRejection', log);`,
    },
    { name: 'SIGTERM handler in a local-dev guard', code: `if (require.main === module) {\n  process.on('SIGTERM', () => server.close());\n}` },
    {
      name: 'knex with pool max 1 and RDS Proxy template host',
      code: `import knex from 'knex';\nconst db = knex({ client: 'pg', connection: { host: \`app.proxy-\${id}.rds.amazonaws.com\` }, pool: { min: 0, max: 1 } });`,
    },
  ],
  invalid: [
    {
      name: 'pg Pool with max 20',
      code: `import { Pool } from 'pg';\nconst pool = new Pool({ max: 20 });`,
      errors: [{ line: 2, column: 14, message: 'up to 20 connections' }],
    },
    {
      name: 'pg Pool with the default size',
      code: `const pg = require('pg');\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });`,
      errors: [{ line: 2, column: 14, message: 'the default' }],
    },
    {
      name: 'mysql2 createPool',
      code: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db.internal', connectionLimit: 10 });`,
      errors: [{ line: 2, column: 21, message: '10 connections' }],
    },
    {
      name: 'mysql createPool default',
      code: `const mysql = require('mysql');\nconst pool = mysql.createPool({ host: 'db' });`,
      errors: [{ line: 2, column: 14 }],
    },
    {
      name: 'knex pool',
      code: `import knex from 'knex';\nconst db = knex({ client: 'pg', connection: process.env.DB, pool: { min: 2, max: 8 } });`,
      errors: [{ line: 2, column: 12, message: 'knex' }],
    },
    {
      name: 'mongoose maxPoolSize',
      code: `import mongoose from 'mongoose';\nawait mongoose.connect(uri, { maxPoolSize: 50 });`,
      errors: [{ line: 2, column: 7, message: '50' }],
    },
    {
      name: 'MongoClient maxPoolSize',
      code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(uri, { maxPoolSize: 10 });`,
      errors: [{ line: 2, column: 16 }],
    },
    {
      name: 'Sequelize pool max',
      code: `const { Sequelize } = require('sequelize');\nconst db = new Sequelize(url, { pool: { max: 5 } });`,
      errors: [{ line: 2, column: 12 }],
    },
    {
      name: 'SIGTERM shutdown hook',
      code: `process.on('SIGTERM', async () => {\n  await pool.end();\n});`,
      errors: [{ line: 1, column: 1, message: 'extension is registered' }],
    },
    { name: 'process.once SIGTERM', code: `export const handler = async () => 1;\nprocess.once('SIGTERM', flush);`, errors: [{ line: 2, column: 1 }] },
  ],
});
