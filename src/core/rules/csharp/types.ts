import type { SyntaxNode } from '../../parsers/treesitter';
import type { CsModuleInfo } from '../../csharp/module';
import type { BaseContext, RuleMeta } from '../types';

export interface CsRuleContext extends BaseContext {
  root: SyntaxNode;
  module: CsModuleInfo;
  /** What produced a value, by simple names: `WebApplication.CreateBuilder.Build`, `Dictionary`. */
  typeOf(node: SyntaxNode | undefined): string | undefined;
  /** True in the off-Lambda branch of an on-Lambda check, and in the AWS template's `LocalEntryPoint`. */
  isLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean;
}

/** A C# rule; it runs through src/core/csharp/analyze.ts. */
export interface CsRule {
  meta: RuleMeta;
  language: 'csharp';
  /** The pre-filter's literals (src/core/prefilter.ts); absent: the rule runs on every file. */
  needs?: readonly string[];
  check(ctx: CsRuleContext): void;
}
