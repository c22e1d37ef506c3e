import { RETIRED_RUNTIMES, RUNTIME_TABLE, RUNTIME_TABLE_DATE } from '../../model/runtimes';
import type { ModelRule } from '../types';
import { at } from './util';

/** Days from `a` to `b` (ISO dates). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** How far ahead a coming deprecation is worth an info note. */
const NOTICE_DAYS = 180;

export const deprecatedRuntime: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/deprecated-runtime',
    category: 'deprecated-runtime',
    severity: 'warning',
    direction: 'both',
    docs: {
      description: 'Lambda runtimes past (or near) their deprecation date get no security patches, and later cannot be updated at all.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    },
    messages: {
      blocked: 'Function {name} uses {runtime}, whose function updates were blocked on {date}: it still runs but can no longer be changed. Move to a supported runtime ({suggest}) as part of the migration, and pick that version for the container base image.',
      deprecated: 'Function {name} uses {runtime}, deprecated since {date}: no more security patches, and updates are blocked from {block}. Upgrade to {suggest} (and use that version for any container base image).',
      soon: 'Function {name} uses {runtime}, which AWS plans to deprecate on {date}. Plan the upgrade to {suggest} with this migration.',
    },
  },
  check(ctx) {
    const today = ctx.today ?? RUNTIME_TABLE_DATE;
    for (const u of ctx.units) {
      if (u.kind !== 'lambda-function' || !u.runtime) continue;
      const rt = u.runtime;
      const suggest = rt.startsWith('nodejs') ? 'nodejs22.x or nodejs24.x' : rt.startsWith('python') ? 'python3.13 or python3.14' : rt.startsWith('java') ? 'java21 or java25' : 'a supported runtime';
      const where = at(u, 'runtime');
      if (RETIRED_RUNTIMES.has(rt)) {
        ctx.report({ unit: u.name, messageId: 'blocked', data: { name: u.name, runtime: rt, date: 'an earlier date', suggest }, at: where, severity: 'error' });
        continue;
      }
      const row = RUNTIME_TABLE[rt];
      if (!row) continue;
      if (daysBetween(row.blockUpdate, today) >= 0) ctx.report({ unit: u.name, messageId: 'blocked', data: { name: u.name, runtime: rt, date: row.blockUpdate, suggest }, at: where, severity: 'error' });
      else if (daysBetween(row.deprecation, today) >= 0) ctx.report({ unit: u.name, messageId: 'deprecated', data: { name: u.name, runtime: rt, date: row.deprecation, block: row.blockUpdate, suggest }, at: where });
      else if (daysBetween(today, row.deprecation) <= NOTICE_DAYS) ctx.report({ unit: u.name, messageId: 'soon', data: { name: u.name, runtime: rt, date: row.deprecation, suggest }, at: where, severity: 'info' });
    }
  },
};
