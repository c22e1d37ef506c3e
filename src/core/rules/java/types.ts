import type { SyntaxNode } from '../../parsers/treesitter';
import type { JavaModuleInfo } from '../../java/module';
import type { BaseContext, RuleMeta } from '../types';

export interface JavaRuleContext extends BaseContext {
  root: SyntaxNode;
  module: JavaModuleInfo;
  /** What produced a value, by simple names: `new HashMap<>()` → `HashMap`, `Executors.newFixedThreadPool`. */
  typeOf(node: SyntaxNode | undefined): string | undefined;
  /** True in the off-Lambda branch of an on-Lambda check (`System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null`). */
  isLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean;
  /** Lambda handler methods, HTTP endpoint methods, servlet and unary gRPC methods. */
  isRequestMethod(method: SyntaxNode): boolean;
}

/** A Java rule; it runs through src/core/java/analyze.ts. */
export interface JavaRule {
  meta: RuleMeta;
  language: 'java';
  /** The pre-filter's literals (src/core/prefilter.ts); absent: the rule runs on every file. */
  needs?: readonly string[];
  /** More pre-filter literals, of which one must occur as well (src/core/prefilter.ts). */
  alsoNeeds?: readonly string[];
  check(ctx: JavaRuleContext): void;
}
