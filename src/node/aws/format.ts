import { plural } from '../../core/report/terminal';
import type { AwsInventory } from '../../core/model/aws';
import type { Severity } from '../../core/types';
import { VERSION } from '../../core/version';

/** `lambdashift inventory --format json`: the assess contract's finding/unit/error shapes plus `region` and `denied`. */
export function formatInventoryJson(inv: AwsInventory): string {
  const out = {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: VERSION },
    region: inv.region,
    findings: inv.findings.map(({ range: _r, ...f }) => f),
    units: inv.units,
    denied: inv.denied,
    errors: inv.errors,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const SGR = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

/** Human-readable inventory: one block per function (facts, then findings), then denied calls and errors. */
export function formatInventoryText(inv: AwsInventory, opts: { color?: boolean } = {}): string {
  const paint = (c: keyof typeof SGR, s: string) => (opts.color ? `\u001b[${SGR[c]}m${s}\u001b[0m` : s);
  const sev: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'blue' };
  const lines: string[] = [paint('bold', `AWS Lambda inventory for ${inv.region}: ${inv.units.length} function${inv.units.length === 1 ? '' : 's'}`), ''];
  for (const u of inv.units) {
    const facts = [
      u.packageType === 'Image' ? `image ${u.image ?? '(uri unknown)'}` : u.runtime,
      u.timeoutSeconds !== undefined ? `${u.timeoutSeconds} s` : undefined,
      u.memoryMB !== undefined ? `${u.memoryMB} MB` : undefined,
      u.architecture,
      u.reservedConcurrency !== undefined ? `reserved ${u.reservedConcurrency}` : undefined,
      ...u.events.map((e) => `${e.type} ${e.detail ?? ''}`.trim()),
    ].filter(Boolean);
    lines.push(`  ${u.name}  ${paint('dim', facts.join(' · '))}`);
    for (const f of inv.findings.filter((x) => x.unit === u.name))
      lines.push(`    ${paint(sev[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint('dim', f.ruleId)}`);
    if (u.unresolved?.length) lines.push(`    ${paint('dim', `unknown: ${u.unresolved.join('; ')}`)}`);
  }
  if (inv.denied.length) {
    lines.push('', paint('bold', 'Denied calls (the run continued; grant these read-only actions to fill the gaps, see docs/inventory.md)'));
    const byCall = new Map<string, typeof inv.denied>();
    for (const d of inv.denied) byCall.set(d.call, [...(byCall.get(d.call) ?? []), d]);
    for (const [call, list] of byCall) {
      const account = list.filter((d) => !d.function);
      for (const d of account) lines.push(`  lambda:${call} (account-wide) — unknown: ${d.leavesUnknown}`);
      for (const d of list.filter((x) => x.function)) lines.push(`  lambda:${call} on ${d.function} — unknown: ${d.leavesUnknown}`);
    }
  }
  if (inv.errors.length) {
    lines.push('', paint('bold', 'Errors'));
    for (const e of inv.errors) lines.push(`  ${e.file}  ${e.message}`);
  }
  const count = (s: Severity) => inv.findings.filter((f) => f.severity === s).length;
  lines.push(
    '',
    `${plural(inv.findings.length, 'finding')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info); ${plural(inv.denied.length, 'denied call')}; ${plural(inv.errors.length, 'error')}`,
  );
  return `${lines.join('\n')}\n`;
}
