import { localDiskWrite } from '../../../src/core/rules/handler/local-disk-write';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(localDiskWrite, {
  valid: [
    { name: 'write under /tmp', code: `import { writeFileSync } from 'node:fs';\nwriteFileSync('/tmp/report.json', '{}');` },
    {
      name: 'os.tmpdir() join',
      code: `import os from 'node:os';\nimport path from 'node:path';\nimport fs from 'node:fs/promises';\nexport const handler = async () => fs.writeFile(path.join(os.tmpdir(), 'a.csv'), 'x');`,
    },
    {
      name: 'tmpdir() named import in a template',
      code: `import { tmpdir } from 'os';\nimport { createWriteStream } from 'fs';\nconst out = createWriteStream(\`\${tmpdir()}/dump.ndjson\`);`,
    },
    { name: 'const that points under /tmp', code: `const fs = require('fs');\nconst CACHE_DIR = '/tmp/cache';\nfs.mkdirSync(CACHE_DIR, { recursive: true });` },
    {
      name: 'reads are fine anywhere',
      code: `import { readFileSync, createReadStream } from 'node:fs';\nconst tpl = readFileSync(__dirname + '/template.html', 'utf8');\ncreateReadStream('./data.csv');`,
    },
    {
      name: 'path from a parameter (unknown, not guessed)',
      code: `import { writeFile } from 'node:fs/promises';\nexport async function save(target, body) { await writeFile(target, body); }`,
    },
    {
      name: 'path.resolve with an absolute /tmp segment',
      code: `const fs = require('fs');\nconst path = require('path');\nfs.writeFileSync(path.resolve(__dirname, '/tmp/out.txt'), 'x');`,
    },
    { name: 'device paths', code: `const fs = require('fs');\nfs.writeFileSync('/dev/stdout', 'log line');\nfs.appendFileSync('/proc/self/fd/2', 'x');` },
    { name: 'in-memory sqlite', code: `const Database = require('better-sqlite3');\nconst db = new Database(':memory:');` },
    { name: 'in-memory node:sqlite', code: `import { DatabaseSync } from 'node:sqlite';\nconst db = new DatabaseSync(':memory:');` },
    { name: 'writes in a local-dev guard', code: `const fs = require('fs');\nif (require.main === module) {\n  fs.writeFileSync('./debug.json', '{}');\n}` },
    {
      name: 'string concatenation that starts under /tmp',
      code: `const fs = require('fs');\nexports.handler = async (e) => { fs.writeFileSync('/tmp/' + e.id + '.json', '{}'); };`,
    },
    { name: 'writeFile method of an unrelated object', code: `const doc = new PDFDocument();\ndoc.writeFile('out.pdf');\nstorage.writeFile('a.txt', 'b');` },
  ],
  invalid: [
    {
      name: 'string concatenation outside /tmp (no fix: the path is not a literal)',
      code: `const fs = require('fs');\nexports.handler = async (e) => { fs.writeFileSync('/var/data/' + e.id, 'a'); };`,
      errors: [{ line: 2, message: "'/var/data/' + e.id" }],
      output: null,
    },
    {
      name: 'literal relative path (fix adds ESM imports)',
      code: `import { writeFileSync } from 'node:fs';\nexport const handler = async () => {\n  writeFileSync('out/report.json', '{}');\n};`,
      errors: [{ line: 3, column: 3, message: "`'out/report.json'`" }],
      output: `import { writeFileSync } from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nexport const handler = async () => {\n  writeFileSync(path.join(os.tmpdir(), 'report.json'), '{}');\n};`,
    },
    {
      name: '__dirname join (fix swaps the base for os.tmpdir(), CommonJS require added)',
      code: `'use strict';\nconst fs = require('fs');\nconst path = require('path');\n\nmodule.exports.handler = async (event) => {\n  fs.appendFileSync(path.join(__dirname, 'webhooks.log'), event.body);\n};`,
      errors: [{ line: 6, column: 3, message: '`path.join(__dirname' }],
      output: `'use strict';\nconst fs = require('fs');\nconst path = require('path');\nconst os = require('node:os');\n\nmodule.exports.handler = async (event) => {\n  fs.appendFileSync(path.join(os.tmpdir(), 'webhooks.log'), event.body);\n};`,
    },
    {
      name: 'absolute path outside /tmp, existing os/path bindings reused',
      code: `import * as fs from 'node:fs';\nimport os from 'node:os';\nimport p from 'node:path';\nfs.writeFileSync('/var/reports/reconcile.json', '{}');`,
      errors: [{ line: 4, column: 1 }],
      output: `import * as fs from 'node:fs';\nimport os from 'node:os';\nimport p from 'node:path';\nfs.writeFileSync(p.join(os.tmpdir(), 'reconcile.json'), '{}');`,
    },
    {
      name: 'process.cwd() join with fs/promises',
      code: `import { mkdir } from 'fs/promises';\nimport path from 'path';\nawait mkdir(path.join(process.cwd(), 'uploads'), { recursive: true });`,
      errors: [{ line: 3, column: 7, message: 'process.cwd()' }],
      output:
        "import { mkdir } from 'fs/promises';\nimport path from 'path';\nimport * as os from 'node:os';\nawait mkdir(path.join(os.tmpdir(), 'uploads'), { recursive: true });",
    },
    {
      name: '/tmp look-alike prefix',
      code: `const fs = require('fs');\nfs.writeFileSync('/tmpdata/x.json', 'x');`,
      errors: [{ line: 2, column: 1 }],
      output:
        "const fs = require('fs');\nconst os = require('node:os');\nconst path = require('node:path');\nfs.writeFileSync(path.join(os.tmpdir(), 'x.json'), 'x');",
    },
    {
      name: 'rename destination (second argument) is checked',
      code: `const fs = require('fs');\nfs.renameSync('/tmp/upload.part', './uploads/final.bin');`,
      errors: [{ line: 2 }],
      output:
        "const fs = require('fs');\nconst os = require('node:os');\nconst path = require('node:path');\nfs.renameSync('/tmp/upload.part', path.join(os.tmpdir(), 'final.bin'));",
    },
    {
      name: 'createWriteStream with a template under the package',
      code: `import { createWriteStream } from 'fs';\nexport const handler = async (e) => {\n  const s = createWriteStream(\`./logs/\${e.id}.log\`);\n};`,
      errors: [{ line: 3, column: 13 }],
      output: null,
    },
    {
      name: 'fs.promises namespace',
      code: `const fs = require('fs');\nexport const handler = async () => { await fs.promises.writeFile('state.json', '{}'); };`,
      errors: [{ line: 2, column: 44 }],
      output:
        "const fs = require('fs');\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nexport const handler = async () => { await fs.promises.writeFile(path.join(os.tmpdir(), 'state.json'), '{}'); };",
    },
    {
      name: 'node:sqlite database next to the code',
      code: `const { DatabaseSync } = require('node:sqlite');\nconst db = new DatabaseSync('./orders.db');`,
      errors: [{ line: 2, message: 'SQLite database' }],
      output:
        "const { DatabaseSync } = require('node:sqlite');\nconst os = require('node:os');\nconst path = require('node:path');\nconst db = new DatabaseSync(path.join(os.tmpdir(), 'orders.db'));",
    },
    {
      name: 'sqlite database next to the code',
      code: `const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database('./orders.db');`,
      errors: [{ line: 2, column: 12, message: 'SQLite' }],
      output:
        "const sqlite3 = require('sqlite3');\nconst os = require('node:os');\nconst path = require('node:path');\nconst db = new sqlite3.Database(path.join(os.tmpdir(), 'orders.db'));",
    },
    {
      name: 'level store',
      code: `import { Level } from 'level';\nconst db = new Level('./data/kv');`,
      errors: [{ line: 2, column: 12, message: 'LevelDB' }],
      output:
        "import { Level } from 'level';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nconst db = new Level(path.join(os.tmpdir(), 'kv'));",
    },
    {
      name: 'fs-extra outputJson through a const',
      code: `import fse from 'fs-extra';\nconst OUT = './build/state.json';\nexport const handler = async () => fse.outputJson(OUT, {});`,
      errors: [{ line: 3, column: 36 }],
    },
  ],
});
