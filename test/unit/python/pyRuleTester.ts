import { before } from 'node:test';
import { ensurePythonParser } from '../../../src/core/python/parser';
import type { PyRule } from '../../../src/core/rules/python/types';
import type { ModelRule } from '../../../src/core/rules/types';
import { ruleTester, type InvalidCase, type ValidCase } from '../../helpers/ruleTester';

/**
 * The shared table tester, run on Python files. Python rules run through their own engine, so the tester only needs
 * the rule's id (findings are filtered by it); the tree-sitter parser is loaded once for the file's tests.
 */
export function pyRuleTester(rule: PyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  before(() => ensurePythonParser());
  const asRule: ModelRule = { meta: rule.meta, language: 'model', check: () => undefined };
  ruleTester(asRule, { ...cases, defaultFile: 'src/handler.py' });
}
