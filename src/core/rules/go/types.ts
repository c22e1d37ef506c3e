import type { SyntaxNode } from '../../parsers/treesitter';
import type { GoHandler, GoModuleInfo } from '../../go/module';
import type { BaseContext, RuleMeta } from '../types';

export interface GoRuleContext extends BaseContext {
  root: SyntaxNode;
  module: GoModuleInfo;
  /** Functions handed to `lambda.Start` and its variants. */
  handlers: GoHandler[];
  /** The `lambda.Start(...)` calls. */
  startCalls: SyntaxNode[];
  /** Import path + name: `http.ListenAndServe` → `net/http.ListenAndServe`. */
  qualified(node: SyntaxNode | undefined): string | undefined;
  /** What produced a value: the callee or composite type, followed through assignments. */
  typeOf(node: SyntaxNode | undefined): string | undefined;
  /** True in the off-Lambda branch of an on-Lambda check. */
  isLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean;
  /** True for Lambda handlers, net/http handlers and gRPC unary methods. */
  isRequestFunction(fn: SyntaxNode): boolean;
}

/** A Go rule; it runs through src/core/go/analyze.ts. */
export interface GoRule {
  meta: RuleMeta;
  language: 'go';
  /** The pre-filter's literals (src/core/prefilter.ts); absent: the rule runs on every file. */
  needs?: readonly string[];
  check(ctx: GoRuleContext): void;
}
