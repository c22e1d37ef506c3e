import { handlerRules } from './handler';
import { iacRules } from './iac';
import type { Rule, RuleMeta } from './types';

/** Every rule, in one explicit registry sorted by id. Each area keeps its own list. */
export const allRules: Rule[] = [...handlerRules, ...iacRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(allRules.map((r) => [r.meta.id, r.meta]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export { handlerRules, iacRules };
