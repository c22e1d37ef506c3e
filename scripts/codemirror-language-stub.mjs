// What codemirror-lang-hcl takes from @codemirror/language, for the bundles: the HCL parser is all src/core/parsers/hcl.ts
// uses, and the editor-side language support (indentation, folding) would pull in @codemirror/view and
// @codemirror/state, 700 KB that every analyser start would compile for nothing. The node props stay real lezer props, so
// the parser is configured exactly as before and parses the same trees; only the editor behaviour is gone.
import { NodeProp } from '@lezer/common';

export const indentNodeProp = new NodeProp();
export const foldNodeProp = new NodeProp();
export const delimitedIndent = () => () => null;
export const foldInside = () => null;
export class LanguageSupport {
  constructor(language) {
    this.language = language;
  }
}
export const LRLanguage = { define: (spec) => ({ parser: spec.parser }) };
