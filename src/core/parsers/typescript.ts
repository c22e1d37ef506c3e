import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';

export type Program = TSESTree.Program;

export interface JsParseResult {
  ast?: Program;
  error?: { message: string; offset: number; line: number; column: number };
}

/** Parses JS/TS/JSX/TSX source with ranges. Never throws. */
export function parseJs(text: string, fileName: string): JsParseResult {
  const lower = fileName.toLowerCase();
  const isTs = /\.(?:[cm]?ts|tsx)$/.test(lower);
  const jsx = lower.endsWith('.tsx') || lower.endsWith('.jsx') || (!isTs && /<[A-Za-z>]/.test(text));
  try {
    const ast = parse(text, {
      range: true,
      loc: false,
      // Comments are not needed: suppression directives are read from the text (src/core/suppress.ts).
      comment: false,
      jsx,
      // The file name makes typescript-estree pick TS vs JS grammar; no type information is ever requested.
      filePath: fileName,
      errorOnTypeScriptSyntacticAndSemanticIssues: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ast };
  } catch (e) {
    const err = e as { message?: string; index?: number; lineNumber?: number; column?: number; location?: { start: { offset: number; line: number; column: number } } };
    const start = err.location?.start;
    return {
      error: {
        message: String(err.message ?? e).split('\n')[0],
        offset: start?.offset ?? err.index ?? 0,
        line: start?.line ?? err.lineNumber ?? 1,
        column: (start?.column ?? err.column ?? 0) + 1,
      },
    };
  }
}
