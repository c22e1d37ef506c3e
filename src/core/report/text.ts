import type WrapAnsi from 'wrap-ansi';
import type { LambdaShiftConfig } from '../config';
import type { AnalyzeOptions, AssessResult, Severity } from '../types';
import { buildReportModel, type UnitRow } from './model';
import { topReason } from './verdict';
import { plural, terminalSafe } from './terminal';

/**
 * Required on first use: wrap-ansi's string-width compiles Unicode-property regular expressions when it loads (~20 ms),
 * which every process loading the analyser paid before its first diagnostic, though only a terminal report wraps.
 */
let wrapAnsiFn: typeof WrapAnsi | undefined;
function wrapAnsi(...args: Parameters<typeof WrapAnsi>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wrapAnsiFn ??= (require('wrap-ansi') as { default: typeof WrapAnsi }).default;
  return wrapAnsiFn(...args);
}

export interface TextOptions {
  color: boolean;
  /** Columns to wrap to (the terminal's width); undefined: no wrapping (a pipe or a file keeps whole lines). */
  width?: number;
  /** Cost inputs and rates for the cost columns; undefined: the defaults. */
  config?: LambdaShiftConfig;
  /** Severity overrides, for the findings the report adds. */
  rules?: AnalyzeOptions['rules'];
}

const SGR = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32 } as const;
/** Below this a hanging indent leaves too little room for text, so lines are not wrapped. */
const MIN_WIDTH = 60;

function money(n: number): string {
  return n < 10 ? `$${n.toFixed(2)}` : `$${Math.round(n).toLocaleString('en-US')}`;
}

const PLATFORM: Record<UnitRow['cost']['cheapest'], string> = { lambda: 'Lambda', kubernetes: 'Kubernetes', fargate: 'Fargate' };

/**
 * The verdict's top reason for the units table, with how many more there are; "manifests only" (a workload) or
 * "template only" (a function) marks a verdict read without code.
 */
function reasonCell(unit: AssessResult['units'][number] | undefined, row: UnitRow): string {
  const findings = row.decidedBy.filter((r) => r.ruleId);
  const top = unit ? topReason(unit, 48) : undefined;
  const extra = row.blockers + row.warnings - 1;
  const only = (m: string) => /(manifests|template) only/.exec(m)?.[0];
  if (!findings.length)
    return row.decidedBy.length
      ? only(row.decidedBy[0].message)
        ? `${only(row.decidedBy[0].message)}: no code read`
        : shortNote(row.decidedBy[0].message)
      : row.notes
        ? `${row.notes} note${row.notes === 1 ? '' : 's'} to read`
        : '—';
  const without = row.decidedBy.map((r) => (r.ruleId ? undefined : only(r.message))).find(Boolean);
  return `${top ?? findings[0].message}${extra > 0 ? ` +${extra}` : ''}${without ? ` (${without})` : ''}`;
}

function shortNote(message: string): string {
  return message.length > 48 ? `${message.slice(0, 47)}…` : message;
}

/** The unit's code for the units table: its first file and how many more, or why there is none. */
function codeCell(row: UnitRow): string {
  if (!row.codeFiles.length) return row.kind === 'k8s-workload' ? 'not found' : '—';
  return `${row.codeFiles[0]}${row.codeFiles.length > 1 ? ` +${row.codeFiles.length - 1}` : ''}`;
}

/** Human-readable report: findings grouped by file, units with verdicts and monthly cost, a legend, then totals. */
export function formatText(result: AssessResult, opts: TextOptions): string {
  const paint = (code: keyof typeof SGR, s: string) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const width = opts.width ?? Infinity;
  /** Wraps `text` (already terminal-safe) to the width, continuation lines indented by `indent` columns. */
  const wrap = (text: string, indent: number) => {
    if (width < MIN_WIDTH || width === Infinity) return text;
    return wrapAnsi(text, width - indent, { hard: true, trim: true })
      .split('\n')
      .map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l))
      .join('\n');
  };
  const sevColor: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'blue' };
  const lines: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, list] of byFile) {
    lines.push(paint('underline', terminalSafe(file)));
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(8);
      const sev = paint(sevColor[f.severity], f.severity.padEnd(8));
      const tail = paint('dim', `${terminalSafe(f.ruleId)}${f.unit ? ` [${terminalSafe(f.unit)}]` : ''}`);
      // Message and rule id wrap together under the message column: 2 + 8 + 1 + 8 columns of position and severity.
      lines.push(`  ${pos} ${sev}${wrap(`${terminalSafe(f.message)}  ${tail}`, 19)}`);
    }
    lines.push('');
  }
  if (result.units.length) {
    const model = buildReportModel(result, opts.config, opts.rules);
    const verdictColor = { ready: 'green', changes: 'yellow', blocked: 'red' } as const;
    // Rows follow result.units one to one; output of an earlier `convert` says what it was converted from.
    const rows = model.units.map((u, i) => ({
      kind: u.kind === 'lambda-function' ? 'Lambda' : (u.workloadKind ?? 'Workload'),
      name: terminalSafe(u.name),
      move: u.direction === 'to-kubernetes' ? '→ Kubernetes' : '→ Lambda',
      verdict: u.verdict,
      effort: u.effort,
      reasons: terminalSafe(reasonCell(result.units[i], u)),
      code: terminalSafe(codeCell(u)),
      lambda: money(u.cost.lambda.total),
      k8s: money(u.cost.kubernetes.total),
      cheaper: `${PLATFORM[u.cost.cheapest]}${u.basis === 'estimated' ? '' : u.basis === 'measured' ? ' (measured)' : ' (partly measured)'}`,
      where: terminalSafe(
        `${u.file}:${u.line}${u.describedIn.length > 1 ? ` +${u.describedIn.length - 1}` : ''}${result.units[i]?.generatedFrom ? ` (generated from ${result.units[i].generatedFrom})` : ''}`,
      ),
    }));
    const head = {
      kind: 'Kind',
      name: 'Name',
      move: 'Move',
      verdict: 'Verdict',
      effort: 'Effort',
      reasons: 'Decided by',
      code: 'Code',
      lambda: 'Lambda/mo',
      k8s: 'K8s/mo',
      cheaper: 'Cheaper on',
      where: 'Declared in',
    };
    const all = Object.keys(head) as (keyof typeof head)[];
    const w = Object.fromEntries(all.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => r[c].length))])) as Record<keyof typeof head, number>;
    // Where the table is wider than the terminal, the declaring file goes on a line of its own under each unit.
    const tableWidth = (cs: (keyof typeof head)[]) => 2 + cs.reduce((s, c) => s + w[c] + 2, -2);
    const fits = tableWidth(all) <= width;
    const cols = fits ? all : all.filter((c) => c !== 'where');
    // Narrower still: one wrapped sentence per unit instead of a table.
    const table = fits || tableWidth(cols) <= width;
    const right = new Set<keyof typeof head>(['lambda', 'k8s']);
    const cell = (c: keyof typeof head, v: string) => (right.has(c) ? v.padStart(w[c]) : v.padEnd(w[c]));
    lines.push(paint('bold', 'Units'));
    if (table) lines.push(paint('dim', `  ${cols.map((c) => cell(c, head[c])).join('  ')}`.trimEnd()));
    for (const r of rows) {
      if (!table) {
        const decided = r.reasons === '—' ? '' : ` (${r.reasons})`;
        lines.push(
          `  ${wrap(`${r.kind} ${r.name} ${r.move}: ${paint(verdictColor[r.verdict], r.verdict)}, effort ${r.effort}${decided}; ${r.lambda}/mo on Lambda, ${r.k8s}/mo on Kubernetes, cheaper on ${r.cheaper}`, 4)}`,
        );
        lines.push(paint('dim', `    in ${r.where}; code: ${r.code}`));
        continue;
      }
      lines.push(
        `  ${cols.map((c) => (c === 'verdict' ? paint(verdictColor[r.verdict], cell(c, r.verdict)) : c === 'where' ? paint('dim', cell(c, r[c])) : cell(c, r[c]))).join('  ')}`.trimEnd(),
      );
      if (!fits) lines.push(paint('dim', `    in ${r.where}`));
    }
    lines.push('');
    const legend = [
      'Verdict (for the move shown): ready — packaging and configuration only; changes — code or configuration changes, no redesign; blocked — needs a redesign first (docs/readiness.md). Decided by: the top reason (the findings above, marked with the unit in brackets; +N more), and "manifests only" / "template only" where no code was read; "N notes to read" for a ready unit whose findings are all info.',
      'Code: the files the unit runs (+N more), joined through skaffold/compose/docker build/folder names for workloads and the handler for functions. Declared in: +N other places that describe the same service.',
      'Effort: S < 3 ≤ M < 10 ≤ L < 20 ≤ XL points, with 8 per blocker, 3 per warning, 1 per info (docs/readiness.md).',
      `Cost: monthly USD on each platform at the traffic in lambdashift.yaml, else the trigger's default traffic (docs/cost-model.md)${model.split.basis.estimated < model.units.length ? `, or at measured usage where 'Cheaper on' says (measured): ${model.units.length - model.split.basis.estimated} of ${model.units.length} units` : ''}; all units: Lambda ${money(model.portfolio.lambda)}, Kubernetes ${money(model.portfolio.kubernetes)}.`,
    ];
    for (const l of legend) lines.push(paint('dim', `  ${wrap(l, 2)}`));
    lines.push('');
  }
  if (result.errors.length) {
    lines.push(paint('bold', 'Could not analyse'));
    for (const e of result.errors) lines.push(`  ${terminalSafe(e.file)}${e.line ? `:${e.line}` : ''}  ${wrap(terminalSafe(e.message), 4)}`);
    lines.push('');
  }
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const summary = [
    `${plural(result.findings.length, 'finding')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${plural(result.stats.analyzed, 'analysed file')}`,
    plural(result.units.length, 'unit'),
    `${plural(result.stats.skipped, 'file')} skipped`,
    `${plural(result.errors.length, 'file')} could not be analysed`,
    `${result.stats.ms} ms`,
  ].join('; ');
  lines.push(count('error') ? paint('red', wrap(summary, 0)) : count('warning') ? paint('yellow', wrap(summary, 0)) : paint('green', wrap(summary, 0)));
  return `${lines.join('\n')}\n`;
}
