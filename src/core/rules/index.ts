import { awsRuleMetas } from '../model/aws';
import { couplingRules } from './coupling';
import { handlerRules } from './handler';
import { iacRules } from './iac';
import { pythonRuleMetas } from './python';
import type { Rule, RuleMeta } from './types';

/** JS/TS rules of both directions. */
export const jsRules = [...handlerRules, ...couplingRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Every rule, in one explicit registry sorted by id. Each area keeps its own list. */
export const allRules: Rule[] = [...jsRules, ...iacRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Metadata of every rule, Python's included (Python rules run through their own engine). */
export const allRuleMetas: RuleMeta[] = [...allRules.map((r) => r.meta), ...pythonRuleMetas, ...awsRuleMetas].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(allRuleMetas.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export { handlerRules, iacRules, couplingRules };
