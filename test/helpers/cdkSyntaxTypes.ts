import assert from 'node:assert/strict';
import type { CdkSyntax } from '../../src/core/model/cdkTree';
import { parseTree, walk, type TreeSitterLanguage } from '../../src/core/parsers/treesitter';

/**
 * The CDK reader (src/core/model/cdkTree.ts) visits only nodes of the types a syntax lists for `construct`, `call` and
 * `ref`: every named node of `code` that one of them reads must be of a listed type, or the reader would miss it.
 */
export function assertSyntaxTypesCover(syntax: CdkSyntax, language: TreeSitterLanguage, code: string): void {
  const { root } = parseTree(language, code);
  walk(root, (n) => {
    if (syntax.construct(n)) assert.ok(syntax.types.construct.includes(n.type), `construct reads a ${n.type}, not among its types`);
    if (syntax.call(n)) assert.ok(syntax.types.call.includes(n.type), `call reads a ${n.type}, not among its types`);
    if (syntax.ref(n) !== undefined) assert.ok(syntax.types.ref.includes(n.type), `ref reads a ${n.type}, not among its types`);
  });
}
