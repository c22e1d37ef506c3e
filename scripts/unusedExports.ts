// Exports of src/ that no other file imports: an export used only inside its own module (or nowhere) is API
// surface nobody needs, and keeps dead code alive. An exported type its own module names stays: it is the shape of
// what the module exports, for callers to name. Read syntactically with TypeScript's parser (no type checking),
// so it runs offline in a second over the whole repository; `npx knip` (knip.json) is the fuller check when the
// npm registry is at hand. Checked by test/unit/meta/exports.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Modules whose exports are used by what loads them (esbuild entry points, bundles required at run time). */
const ENTRY_MODULES = [
  'src/core/api.ts',
  'src/node/scanner.ts',
  'src/node/worker.ts',
  'src/node/aws/inventory.ts',
  'src/extension/extension.ts',
  'src/cli/index.ts',
];
/** Where imports are read from: every source, test, script, benchmark and the webview script. */
const READ_DIRS = ['src', 'test', 'scripts', 'bench', 'media'];
const SKIP_DIRS = new Set(['node_modules', 'fixtures', '.work', 'dist']);
const SOURCE = /\.(ts|mjs|cjs|js)$/;

interface ModuleInfo {
  /** Names this module exports, with the line of each. */
  own: Map<string, number>;
  /** Exported types (interfaces, aliases) that the module's own code names: the shape of what it exports. */
  typesUsedHere: Set<string>;
  /** `export { a as b } from './x'`: exported name → [module, name there, line]. */
  reexports: Map<string, [string, string, number]>;
  /** `export * from './x'`. */
  stars: string[];
}

function listFiles(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) {
      if (!SKIP_DIRS.has(name)) listFiles(root, rel, out);
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
}

function resolve(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), `${base}/index.ts`]) if (known.has(candidate)) return candidate;
  return undefined;
}

const isExported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Every `file:line name` of src/ that is exported and imported by no other file. */
export function unusedExports(root: string): string[] {
  const files: string[] = [];
  for (const dir of READ_DIRS) if (existsSync(path.join(root, dir))) listFiles(root, dir, files);
  const known = new Set(files);
  const modules = new Map<string, ModuleInfo>();
  const uses: [string, string | '*'][] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
    const info: ModuleInfo = { own: new Map(), typesUsedHere: new Set(), reexports: new Map(), stars: [] };
    modules.set(file, info);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = resolve(file, st.moduleSpecifier.text, known);
        const clause = st.importClause;
        if (!target || !clause) continue;
        if (clause.name) uses.push([target, 'default']);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) uses.push([target, '*']);
        else if (bindings) for (const el of bindings.elements) uses.push([target, (el.propertyName ?? el.name).text]);
      } else if (ts.isExportDeclaration(st)) {
        const target = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? resolve(file, st.moduleSpecifier.text, known) : undefined;
        if (st.moduleSpecifier && !target) continue;
        if (!st.exportClause) {
          if (target) info.stars.push(target);
        } else if (ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (target) info.reexports.set(el.name.text, [target, (el.propertyName ?? el.name).text, lineOf(el)]);
            else info.own.set(el.name.text, lineOf(el));
          }
        }
      } else if (isExported(st)) {
        if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) info.own.set(d.name.text, lineOf(st));
        } else {
          const name = (st as ts.DeclarationStatement).name;
          if (name && ts.isIdentifier(name)) info.own.set(name.text, lineOf(st));
          if (name && (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && (text.match(new RegExp(`\\b${name.text}\\b`, 'g')) ?? []).length > 1)
            info.typesUsedHere.add(name.text);
        }
      }
    }
    // `import('./x')` (types, lazy loads, JSDoc in media/) and `require('./x')`: a named member, else the whole module.
    for (const m of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)(?:\.(\w+))?/g)) {
      const target = resolve(file, m[1], known);
      if (target) uses.push([target, m[2] ?? '*']);
    }
  }
  const used = new Set<string>();
  const mark = (file: string, name: string, seen = new Set<string>()): void => {
    const key = `${file}\u0000${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const info = modules.get(file);
    if (!info) return;
    if (name === '*') {
      for (const own of info.own.keys()) used.add(`${file}\u0000${own}`);
      for (const [name, [target, there]] of info.reexports) {
        used.add(`${file}\u0000${name}`);
        mark(target, there, seen);
      }
      for (const star of info.stars) mark(star, '*', seen);
      return;
    }
    if (info.own.has(name)) used.add(key);
    const re = info.reexports.get(name);
    if (re) {
      used.add(key);
      mark(re[0], re[1], seen);
    }
    for (const star of info.stars) mark(star, name, seen);
  };
  for (const entry of ENTRY_MODULES) mark(entry, '*');
  for (const [file, name] of uses) mark(file, name);
  const out: string[] = [];
  for (const [file, info] of modules) {
    if (!file.startsWith('src/') || !file.endsWith('.ts')) continue;
    for (const [name, line] of info.own) if (!used.has(`${file}\u0000${name}`) && !info.typesUsedHere.has(name)) out.push(`${file}:${line} ${name}`);
    for (const [name, [, , line]] of info.reexports) if (!used.has(`${file}\u0000${name}`)) out.push(`${file}:${line} ${name}`);
  }
  return out.sort();
}

if (require.main === module) {
  const found = unusedExports(path.resolve(__dirname, '..'));
  process.stdout.write(found.map((l) => `${l}\n`).join(''));
}
