import type { AssessResult, Severity } from '../types';

export interface TextOptions {
  color: boolean;
}

const SGR = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32 } as const;

/** Human-readable report: findings grouped by file, units with verdicts, then a summary line. */
export function formatText(result: AssessResult, opts: TextOptions): string {
  const paint = (code: keyof typeof SGR, s: string) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'blue' };
  const lines: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, list] of byFile) {
    lines.push(paint('underline', file));
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(8);
      const sev = paint(sevColor[f.severity], f.severity.padEnd(7));
      const unit = f.unit ? paint('dim', ` [${f.unit}]`) : '';
      lines.push(`  ${pos} ${sev} ${f.message}  ${paint('dim', f.ruleId)}${unit}`);
    }
    lines.push('');
  }
  if (result.units.length) {
    lines.push(paint('bold', 'Units'));
    for (const u of result.units) {
      const verdict = u.readiness.toKubernetes ? `to Kubernetes: ${u.readiness.toKubernetes}` : u.readiness.toLambda ? `to Lambda: ${u.readiness.toLambda}` : '';
      const facts = [u.runtime, u.timeoutSeconds !== undefined ? `${u.timeoutSeconds} s` : undefined, u.memoryMB !== undefined ? `${u.memoryMB} MB` : undefined, ...u.events.map((e) => [e.type, e.detail].filter(Boolean).join(' '))]
        .filter(Boolean)
        .join(' · ');
      const kind = u.kind === 'lambda-function' ? 'Lambda' : u.workloadKind ?? 'Workload';
      lines.push(`  ${kind.padEnd(12)} ${u.name}  ${paint('dim', `${u.file}:${u.line}`)}${facts ? `  ${facts}` : ''}${verdict ? `  — ${verdict}${u.readiness.effort ? `, effort ${u.readiness.effort}` : ''}` : ''}`);
    }
    lines.push('');
  }
  if (result.errors.length) {
    lines.push(paint('bold', 'Could not analyse'));
    for (const e of result.errors) lines.push(`  ${e.file}${e.line ? `:${e.line}` : ''}  ${e.message}`);
    lines.push('');
  }
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const summary = `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${result.stats.analyzed} analysed files; ${result.units.length} units; ${result.stats.skipped} files skipped; ${result.errors.length} could not be read; ${result.stats.ms} ms`;
  lines.push(count('error') ? paint('red', summary) : count('warning') ? paint('yellow', summary) : paint('green', summary));
  return `${lines.join('\n')}\n`;
}
