import { daysBetween, RETIRED_RUNTIMES, RUNTIME_TABLE, RUNTIME_TABLE_DATE, runtimeSuccessors } from '../../model/runtimes';
import type { Fix, Unit } from '../../types';
import type { ModelRule } from '../types';
import { at, sharedSettings, unitList } from './util';

/** How far ahead a coming deprecation is worth an info note. */
const NOTICE_DAYS = 180;

/** CDK's enum member for a runtime id (`nodejs24.x` → `NODEJS_24_X`), the inverse of cdkRuntimeId. */
function cdkMember(runtime: string): string | undefined {
  let m = /^nodejs(\d+)\.x$/.exec(runtime);
  if (m) return `NODEJS_${m[1]}_X`;
  m = /^python(\d+)\.(\d+)$/.exec(runtime);
  if (m) return `PYTHON_${m[1]}_${m[2]}`;
  m = /^java(\d+)$/.exec(runtime);
  return m ? `JAVA_${m[1]}` : undefined;
}

/**
 * The edit that writes `to` where `from` is set: the YAML/HCL/JSON value (quoted or not) or CDK's `Runtime.X` member.
 * Undefined when the value is not written there as such (a parameter, a variable without a default, an expression).
 */
function upgrade(text: string, range: [number, number], from: string, to: string): Fix | undefined {
  const written = text.slice(range[0], range[1]);
  const bare = written.replace(/^(["'])(.*)\1$/s, '$2');
  if (bare === from) {
    const start = range[0] + written.indexOf(from);
    return { description: `Upgrade the runtime to ${to}`, edits: [{ start, end: start + from.length, newText: to }] };
  }
  const m = /\bRuntime\.([A-Z0-9_]+)$/.exec(written);
  const member = cdkMember(to);
  if (m && member) {
    const start = range[1] - m[1].length;
    return { description: `Upgrade the runtime to ${to}`, edits: [{ start, end: range[1], newText: member }] };
  }
  return undefined;
}

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
      blocked:
        '{runtime}, the runtime of {functions}, has had function updates blocked since {date}: the code still runs but can no longer be changed. Move to {target} as part of the migration, and pick that version for the container base image.',
      retired:
        "{runtime}, the runtime of {functions}, is retired: AWS stopped patching it and then blocked function updates, both before 2026 (the dates are in AWS's table of deprecated runtimes). The code still runs but can no longer be changed. Move to {target} as part of the migration, and pick that version for the container base image.",
      deprecated:
        '{runtime}, the runtime of {functions}, is deprecated since {date}: no more security patches, and updates are blocked from {block}. Upgrade to {target} (and use that version for any container base image).',
      soon: '{runtime}, the runtime of {functions}, is to be deprecated by AWS on {date}. Plan the upgrade to {target} with this migration.',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    const today = ctx.today ?? RUNTIME_TABLE_DATE;
    const functions = ctx.units.filter((u): u is Unit & { runtime: string } => u.kind === 'lambda-function' && typeof u.runtime === 'string');
    // One finding per place the runtime is written: a provider default, SAM Globals or a Terraform local set for many
    // functions is one thing to change, reported once with every function it affects.
    for (const group of sharedSettings(functions, 'runtime')) {
      const first = group[0];
      const rt = first.runtime;
      const names = group.map((u) => u.name);
      const next = runtimeSuccessors(rt);
      const where = at(first, 'runtime');
      // Only where the identifier is what changes: a .NET assembly is built for its framework (the project is retargeted
      // and rebuilt), and a Go or custom runtime's bootstrap is built for the OS of its runtime.
      const fix = next.length && !/^(?:dotnet|go|provided)/.test(rt) ? upgrade(ctx.text, where, rt, next[next.length - 1]) : undefined;
      const common = { unit: first.name, ...(group.length > 1 ? { units: names } : {}), at: where, ...(fix ? { suggestions: [fix] } : {}) };
      // A runtime the join filled in (a tfvars value, a construct's default) says where it came from.
      const shown = group.map((u) => (u.valuesFrom?.runtime ? `${u.name} (${u.valuesFrom.runtime})` : u.name));
      const data = { runtime: rt, functions: unitList('function', shown), target: next.length ? next.join(' or ') : 'a supported runtime' };
      if (RETIRED_RUNTIMES.has(rt)) {
        ctx.report({
          ...common,
          messageId: 'retired',
          data: { ...data, target: next.length ? `a supported runtime (${next.join(' or ')})` : 'a supported runtime' },
          severity: 'error',
        });
        continue;
      }
      const row = RUNTIME_TABLE[rt];
      if (!row) continue;
      if (daysBetween(row.blockUpdate, today) >= 0)
        ctx.report({
          ...common,
          messageId: 'blocked',
          data: { ...data, date: row.blockUpdate, target: next.length ? `a supported runtime (${next.join(' or ')})` : 'a supported runtime' },
          severity: 'error',
        });
      else if (daysBetween(row.deprecation, today) >= 0)
        ctx.report({ ...common, messageId: 'deprecated', data: { ...data, date: row.deprecation, block: row.blockUpdate } });
      else if (daysBetween(today, row.deprecation) <= NOTICE_DAYS)
        ctx.report({ ...common, messageId: 'soon', data: { ...data, date: row.deprecation }, severity: 'info' });
    }
  },
};
