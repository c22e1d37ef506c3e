import type { PyNode } from '../../python/ast';
import type { PyModuleInfo } from '../../python/module';
import type { BaseContext, RuleMeta } from '../types';

interface PyHandler {
  name: string;
  node: PyNode;
  /** Names of the `event` and `context` parameters. */
  event?: string;
  context?: string;
}

export interface PyRuleContext extends BaseContext {
  root: PyNode;
  module: PyModuleInfo;
  /** Functions that look like Lambda entries (`(event, context)` parameters or conventional names). */
  handlers: PyHandler[];
  /** Dotted name through imports: `np.array` → `numpy.array`. */
  qualified(node: PyNode | undefined): string | undefined;
  /** What produced a value: the callee's qualified name, followed through assignments. */
  typeOf(node: PyNode | undefined): string | undefined;
  /** True under `if __name__ == "__main__":` or another only-outside-Lambda guard. */
  isLocalOnly(node: PyNode, ancestors: readonly PyNode[]): boolean;
}

/** A Python rule; it runs through src/core/python/analyze.ts, not the JS/IaC engines. */
export interface PyRule {
  meta: RuleMeta;
  language: 'python';
  /** The pre-filter's literals (src/core/prefilter.ts); absent: the rule runs on every file. */
  needs?: readonly string[];
  /** More literals, one of which must occur as well (prefilter.ts Gated). */
  alsoNeeds?: readonly string[];
  check(ctx: PyRuleContext): void;
}
