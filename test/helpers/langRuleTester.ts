import { before } from 'node:test';
import { ensureParser } from '../../src/core/parsers/load';
import type { TreeSitterLanguage } from '../../src/core/parsers/treesitter';
import type { ModelRule, RuleMeta } from '../../src/core/rules/types';
import { ruleTester, type InvalidCase, type ValidCase } from './ruleTester';

const DEFAULT_FILES: Record<Exclude<TreeSitterLanguage, 'python'>, string> = {
  go: 'cmd/app/main.go',
  java: 'src/main/java/com/example/Handler.java',
  csharp: 'src/App/Function.cs',
};

/**
 * The shared table tester, run on Go, Java or C# files. These rules run through their language's analysis, so the
 * tester only needs the rule's id (findings are filtered by it); the grammar is loaded once for the file's tests.
 */
export function langRuleTester(
  rule: { meta: RuleMeta },
  language: Exclude<TreeSitterLanguage, 'python'>,
  cases: { valid: ValidCase[]; invalid: InvalidCase[] },
): void {
  before(() => ensureParser(language));
  const asRule: ModelRule = { meta: rule.meta, language: 'model', check: () => undefined };
  ruleTester(asRule, { ...cases, defaultFile: DEFAULT_FILES[language] });
}
