import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, stringValue, type Node, walkTypes } from './ast';

/** Where a local name comes from: module `m`, export path `path` (empty = the module itself / default). */
export interface Binding {
  module: string;
  path: string[];
}

/** Strips `node:` so that `node:http` and `http` are one module. */
export function normalizeModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function requireSpec(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'CallExpression') return undefined;
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  return stringValue(node.arguments[0] as Node);
}

/** Unwraps `await import('x')`, `require('x')`, `require('x').a.b` to (module, path). */
function moduleRef(init: Node | null | undefined): Binding | undefined {
  if (!init) return undefined;
  if (init.type === 'AwaitExpression') return moduleRef(init.argument);
  if (init.type === 'ImportExpression') {
    const s = stringValue(init.source as Node);
    return s ? { module: normalizeModule(s), path: [] } : undefined;
  }
  const spec = requireSpec(init);
  if (spec) return { module: normalizeModule(spec), path: [] };
  if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
    const base = moduleRef(init.object);
    return base ? { module: base.module, path: [...base.path, init.property.name] } : undefined;
  }
  return undefined;
}

function bindPattern(pattern: Node, base: Binding, out: Map<string, Binding>): void {
  if (pattern.type === 'Identifier') out.set(pattern.name, base);
  else if (pattern.type === 'ObjectPattern') {
    for (const prop of pattern.properties) {
      if (prop.type !== 'Property') continue;
      const key = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key as Node);
      if (!key) continue;
      const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
      bindPattern(value as Node, { module: base.module, path: [...base.path, key] }, out);
    }
  }
}

export interface ModuleInfo {
  bindings: Map<string, Binding>;
  /** Every module specifier the file loads (import, require, dynamic import), normalised. */
  modules: Set<string>;
  /** Relative specifiers only, as written, for the import graph. */
  relativeImports: string[];
}

/** Collects import/require bindings anywhere in the file (aliased, destructured, `node:` prefixed). */
export function collectModuleInfo(ast: TSESTree.Program): ModuleInfo {
  const bindings = new Map<string, Binding>();
  const modules = new Set<string>();
  const relative: string[] = [];
  const note = (spec: string) => {
    const m = normalizeModule(spec);
    modules.add(m);
    // Relative paths, and the package's own subpath imports (`#helpers/x`, package.json `imports`).
    if (spec.startsWith('.') || spec.startsWith('#')) relative.push(spec);
  };
  walkTypes(
    ast,
    [
      'ImportDeclaration',
      'ExportNamedDeclaration',
      'ExportAllDeclaration',
      'CallExpression',
      'ImportExpression',
      'VariableDeclarator',
      'TSImportEqualsDeclaration',
    ],
    (node) => {
      if (node.type === 'ImportDeclaration') {
        const spec = String(node.source.value);
        note(spec);
        const m = normalizeModule(spec);
        for (const s of node.specifiers) {
          if (s.type === 'ImportDefaultSpecifier') bindings.set(s.local.name, { module: m, path: ['default'] });
          else if (s.type === 'ImportNamespaceSpecifier') bindings.set(s.local.name, { module: m, path: [] });
          else {
            const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
            bindings.set(s.local.name, { module: m, path: [imported] });
          }
        }
      } else if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') {
        if (node.source) note(String(node.source.value));
      } else if (node.type === 'CallExpression') {
        const spec = requireSpec(node);
        if (spec) note(spec);
      } else if (node.type === 'ImportExpression') {
        const s = stringValue(node.source as Node);
        if (s) note(s);
      } else if (node.type === 'VariableDeclarator') {
        const ref = moduleRef(node.init);
        if (ref) bindPattern(node.id as Node, ref, bindings);
      } else if (node.type === 'TSImportEqualsDeclaration' && node.moduleReference.type === 'TSExternalModuleReference') {
        const s = stringValue(node.moduleReference.expression as Node);
        if (s) {
          note(s);
          bindings.set(node.id.name, { module: normalizeModule(s), path: [] });
        }
      }
    },
  );
  return { bindings, modules, relativeImports: relative };
}

/**
 * Resolves an expression to (module, path) through the bindings: with `const { Worker: W } = require('worker_threads')`,
 * `new W()` resolves to worker_threads/Worker. Default imports of CommonJS modules are treated as the module itself.
 */
export function resolveRef(node: Node, bindings: Map<string, Binding>): Binding | undefined {
  const direct = moduleRef(node);
  if (direct) return direct;
  const path = memberPath(node);
  if (!path) return undefined;
  const head = bindings.get(path[0]);
  if (!head) return undefined;
  let base = head.path;
  if (base.length === 1 && base[0] === 'default') base = [];
  return { module: head.module, path: [...base, ...path.slice(1)] };
}
