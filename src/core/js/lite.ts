// What the join needs from a JS/TS file that no rule can report on (a test file, a vendored file, a file the
// pre-filter rules out): its relative imports and its handler-looking exports, read from TypeScript's own syntax tree.
// typescript-estree builds that tree and then converts it to ESTree, and the conversion is about two thirds of the
// parse; a file no rule looks at does not need it.
//
// Each function here mirrors its ESTree counterpart (collectModuleInfo's relativeImports in module.ts, findHandlerExports
// in scope.ts) on TypeScript's nodes: ESTree drops parentheses, so they are unwrapped here; ESTree has no node for a
// function overload's signature (TSDeclareFunction), so bodiless declarations are skipped. A file with a syntax error
// is not read here at all: the caller parses it the usual way, so its error is worded as before.
import type * as TS from 'typescript';
import { normalizeModule } from './module';

// required, not imported: an ES import of this CommonJS module makes the bundle copy its ~2,250 exports onto a new
// object at load and read every `ts.` member through a getter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts: typeof TS = require('typescript');

export interface LiteModule {
  imports: string[];
  handlerExports: string[];
  /** Every module the file loads, normalised (module.ts collectModuleInfo's `modules`). */
  modules: string[];
}

/** As typescript-estree's getScriptKind: the extension decides, the JSX flag only for unknown extensions. */
function scriptKind(file: string, jsx: boolean): TS.ScriptKind {
  const ext = /\.[^./\\]*$/.exec(file.toLowerCase())?.[0] ?? '';
  if (ext === '.js' || ext === '.cjs' || ext === '.mjs') return ts.ScriptKind.JS;
  if (ext === '.ts' || ext === '.cts' || ext === '.mts') return ts.ScriptKind.TS;
  if (ext === '.json') return ts.ScriptKind.JSON;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  return jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

const unparen = (n: TS.Node): TS.Node => {
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
};

/** ast.ts stringValue: a string literal or a template without substitutions (parentheses, which ESTree drops, looked through). */
export function stringOf(n: TS.Node | undefined): string | undefined {
  if (!n) return undefined;
  n = unparen(n);
  return ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;
}

/** ast.ts memberPath, as far as findHandlerExports uses it. */
function memberPath(n: TS.Node): string[] | undefined {
  n = unparen(n);
  if (ts.isIdentifier(n)) return [n.text];
  if (n.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(n)) {
    const obj = memberPath(n.expression);
    return obj && ts.isIdentifier(n.name) ? [...obj, n.name.text] : undefined;
  }
  if (ts.isElementAccessExpression(n)) {
    const obj = memberPath(n.expression);
    const arg = unparen(n.argumentExpression);
    return obj && ts.isStringLiteral(arg) ? [...obj, arg.text] : undefined;
  }
  if (ts.isCallExpression(n)) {
    const callee = memberPath(n.expression);
    return callee ? [...callee, '()'] : undefined;
  }
  if (ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) return memberPath(n.expression);
  if (ts.isAwaitExpression(n)) return memberPath(n.expression);
  return undefined;
}

const hasModifier = (n: TS.Node, kind: TS.SyntaxKind) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === kind);

const isAssignment = (k: TS.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;

function handlerExports(sf: TS.SourceFile): string[] {
  const out: string[] = [];
  for (const stmt of sf.statements) {
    const exported = hasModifier(stmt, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(stmt, ts.SyntaxKind.DefaultKeyword);
    if (exported && !isDefault && ts.isFunctionDeclaration(stmt)) {
      // Without a body it is an overload signature (ESTree's TSDeclareFunction), not a FunctionDeclaration.
      if (stmt.body && stmt.name) out.push(stmt.name.text);
    } else if (exported && !isDefault && ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.push(d.name.text);
    } else if (ts.isExportDeclaration(stmt) && !stmt.moduleSpecifier && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const s of stmt.exportClause.elements) out.push(s.name.text);
    } else if (exported && isDefault && ts.isFunctionDeclaration(stmt)) {
      if (stmt.body && stmt.parameters.length >= 1) out.push('default');
    } else if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) {
      const d = unparen(stmt.expression);
      if ((ts.isArrowFunction(d) || ts.isFunctionExpression(d)) && d.parameters.length >= 1) out.push('default');
    } else if (ts.isExpressionStatement(stmt)) {
      const e = unparen(stmt.expression);
      if (!ts.isBinaryExpression(e) || !isAssignment(e.operatorToken.kind)) continue;
      const p = memberPath(e.left);
      if (!p) continue;
      if (p.length === 2 && p[0] === 'exports') out.push(p[1]);
      else if (p.length === 3 && p[0] === 'module' && p[1] === 'exports') out.push(p[2]);
      else if (p.length === 2 && p[0] === 'module' && p[1] === 'exports') {
        const right = unparen(e.right);
        if (!ts.isObjectLiteralExpression(right)) continue;
        for (const prop of right.properties) {
          // ESTree's Property: assignments, shorthands, methods and accessors; a computed key counts when it is a name.
          if (ts.isSpreadAssignment(prop)) continue;
          let key: TS.Node | undefined = prop.name;
          if (key && ts.isComputedPropertyName(key)) key = unparen(key.expression);
          if (key && ts.isIdentifier(key)) out.push(key.text);
        }
      }
    }
  }
  return out;
}

/** The modules the file loads, normalised, and its relative imports as written (collectModuleInfo's). */
function moduleSpecs(sf: TS.SourceFile): { relative: string[]; modules: string[] } {
  const out: string[] = [];
  const modules = new Set<string>();
  const note = (spec: string) => {
    modules.add(normalizeModule(spec));
    if (spec.startsWith('.') || spec.startsWith('#')) out.push(spec);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      if (n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) note(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n)) {
      const callee = unparen(n.expression);
      if (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        const s = stringOf(n.arguments[0]);
        if (s !== undefined) note(s);
      }
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      const s = stringOf(n.moduleReference.expression);
      if (s !== undefined) note(s);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { relative: out, modules: [...modules] };
}

/**
 * TypeScript's tree of a JS/TS file, made as typescript-estree makes it (src/core/parsers/typescript.ts can convert it
 * without parsing again). `parents`: set every node's parent, which the ESTree converter needs.
 */
export function jsSourceFile(text: string, file: string, jsx: boolean, parents: boolean): TS.SourceFile {
  const lower = file.toLowerCase();
  return ts.createSourceFile(
    file,
    text,
    {
      languageVersion: ts.ScriptTarget.Latest,
      jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
      // typescript-estree marks .mjs/.mts files as modules before parsing.
      setExternalModuleIndicator:
        lower.endsWith('.mjs') || lower.endsWith('.mts')
          ? (f) => void ((f as unknown as { externalModuleIndicator: unknown }).externalModuleIndicator = true)
          : undefined,
    },
    parents,
    scriptKind(file, jsx),
  );
}

/**
 * Sets every node's parent, as TypeScript's `setParentNodes` does (the ESTree converter and the in-memory-state gate
 * need them), skipping a subtree whose root already has it. Done only when a tree made without parents is needed so.
 */
export function setParents(root: TS.Node): void {
  // One callback for the whole walk (a closure per node was a tenth of a converted file's garbage).
  let parent = root;
  const visit = (child: TS.Node): undefined => {
    if (child.parent !== parent) {
      (child as { parent: TS.Node }).parent = parent;
      const up = parent;
      parent = child;
      ts.forEachChild(child, visit);
      parent = up;
    }
    return undefined;
  };
  ts.forEachChild(root, visit);
}

/** True when TypeScript reported a syntax error: the ESTree parse then fails with it. */
export function hasSyntaxError(sf: TS.SourceFile): boolean {
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0;
}

/** The file's imports and handler exports, or undefined when TypeScript reports a syntax error. */
export function liteModule(sf: TS.SourceFile): LiteModule | undefined {
  if (hasSyntaxError(sf)) return undefined;
  const specs = moduleSpecs(sf);
  return { imports: specs.relative, handlerExports: handlerExports(sf), modules: specs.modules };
}
