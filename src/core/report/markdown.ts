// PR-friendly Markdown from the report model. Everything that came from the workspace (names, paths, messages) goes
// through `md()`, which neutralises table breakers, inline HTML and Markdown syntax.
import type { ReportModel, UnitRow } from './model';

const MD_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;', '`': '&#96;' };

/** Escapes text for a Markdown table cell or paragraph: no raw HTML, no pipes, no newlines, no emphasis/links/code. */
export function md(text: string | number | undefined): string {
  if (text === undefined) return '';
  // One pass, so the entities produced here are not escaped again.
  return String(text).replace(/\r\n|[\r\n\u2028\u2029]|[&<>|`]|[\\*_[\]#~!]/g, (c) =>
    c.length > 1 || /[\r\n\u2028\u2029]/.test(c) ? ' ' : (MD_ESCAPES[c] ?? `\\${c}`),
  );
}

function money(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function count(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${+(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n).toLocaleString('en-US')}`;
}

function breakEvenText(u: UnitRow): string {
  const be = u.cost.breakEven;
  if (be.kind === 'at') return `${count(be.requestsPerMonth)} req/mo`;
  return be.kind === 'kubernetes-always' ? 'Kubernetes cheaper at any traffic' : 'Lambda cheaper at any traffic';
}

const PLATFORM = { lambda: 'Lambda', kubernetes: 'Kubernetes', fargate: 'Fargate' } as const;

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function formatMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const s = model.summary;
  out.push('# LambdaShift migration report', '');
  out.push(
    `${s.units} units · ${s.findings.error} errors · ${s.findings.warning} warnings · ${s.findings.info} info · ${model.stats.analyzed} files analysed · LambdaShift ${md(model.tool.version)}`,
    '',
  );

  out.push('## Summary', '');
  out.push(
    ...table(
      ['Source', 'Units'],
      s.bySource.map((b) => [md(b.source), String(b.count)]),
    ),
    '',
  );
  out.push(
    ...table(
      ['Direction', 'Ready', 'Changes', 'Blocked'],
      (['to-kubernetes', 'to-lambda'] as const).map((d) => [
        d === 'to-kubernetes' ? 'Lambda → Kubernetes' : 'Kubernetes → Lambda',
        String(s.verdicts[d].ready),
        String(s.verdicts[d].changes),
        String(s.verdicts[d].blocked),
      ]),
    ),
    '',
  );
  if (s.topBlockers.length) {
    // Counted as the verdicts count them (a retired runtime is a change, not a blocker, for a function's move to
    // Kubernetes): findings that block a unit's move, and findings it must change for it.
    out.push('**What decides the verdicts**', '');
    out.push(
      ...table(
        ['Category', 'Blocking', 'To change'],
        s.topBlockers.map((b) => [md(b.category), String(b.errors), String(b.warnings)]),
      ),
      '',
    );
  }

  if (model.applications) {
    out.push('## Applications', '');
    out.push(
      ...table(
        [
          'Application',
          'Units',
          'Measured',
          'Ready',
          'Changes',
          'Blocked',
          'Blockers',
          'All on Lambda /mo',
          'All on Kubernetes /mo',
          'As today /mo',
          'Cheaper side each /mo',
        ],
        model.applications.map((a) => [
          md(a.name),
          String(a.units),
          `${a.measured} of ${a.units}`,
          String(a.verdicts.ready),
          String(a.verdicts.changes),
          String(a.verdicts.blocked),
          String(a.blockers),
          money(a.lambda),
          money(a.kubernetes),
          money(a.current),
          money(a.best),
        ]),
      ),
      '',
    );
  }

  out.push('## Units', '');
  if (model.units.length === 0) out.push('No functions or workloads found.', '');
  else {
    out.push(
      ...table(
        [
          'Unit',
          'Source',
          'Move',
          'Verdict',
          'Effort',
          'Decided by',
          'Code',
          'Described in',
          'Blockers',
          'Timeout',
          'Memory',
          'Events',
          'Lambda /mo',
          'Kubernetes /mo',
          'Fargate /mo',
          'Break-even',
          'Basis',
        ],
        model.units.map((u) => [
          `${md(u.name)}<br>${md(`${u.file}:${u.line}`)}`,
          md(u.source),
          u.direction === 'to-kubernetes' ? 'to Kubernetes' : 'to Lambda',
          `**${u.verdict}**`,
          md(u.effort),
          u.decidedBy.map((r) => md(r.file ? `${r.message} (${r.file}:${r.line})` : r.message)).join('<br>'),
          u.codeFiles.length
            ? `${md(u.codeFiles[0])}${u.codeFiles.length > 1 ? ` +${u.codeFiles.length - 1}` : ''}${u.joinedBy ? `<br>${md(u.joinedBy)}` : ''}`
            : u.kind === 'k8s-workload'
              ? 'not found'
              : '',
          u.describedIn.map((d) => md(`${d.file}:${d.line} (${d.via}${d.name ? ` as ${d.name}` : ''})`)).join('<br>'),
          String(u.blockers),
          u.timeoutSeconds !== undefined ? `${u.timeoutSeconds} s` : '',
          u.memoryMB !== undefined ? `${u.memoryMB} MB` : '',
          u.events.map(md).join('<br>'),
          money(u.cost.lambda.total),
          money(u.cost.kubernetes.total),
          money(u.cost.fargate?.total),
          breakEvenText(u),
          u.basis,
        ]),
      ),
      '',
    );
  }

  out.push('## Findings', '');
  if (model.findings.length === 0) out.push('No findings.', '');
  for (const g of model.findings) {
    const errors = g.findings.filter((f) => f.severity === 'error').length;
    out.push(
      '<details>',
      `<summary>${md(g.category)}: ${g.findings.length} finding${g.findings.length === 1 ? '' : 's'}${errors ? `, ${errors} blocking` : ''}</summary>`,
      '',
    );
    out.push(
      ...table(
        ['Severity', 'Location', 'Unit', 'Rule', 'Message'],
        g.findings.map((f) => [f.severity, md(`${f.file}:${f.line}:${f.column}`), md(f.unit), md(f.ruleId), md(f.message)]),
      ),
      '',
      '</details>',
      '',
    );
  }

  out.push('## Cost', '');
  const p = model.portfolio;
  out.push(
    `Monthly cost (USD, ${model.rates.hoursPerMonth} h month, us-east-1 list prices${p.freeTier ? ', Lambda free tier applied' : ''}). Inputs per unit come from measured usage where the Basis column says so, else from \`lambdashift.yaml\` or defaults per trigger type; see docs/cost-model.md.`,
    '',
  );
  out.push(
    ...table(
      ['', 'Lambda', 'Kubernetes (EKS on EC2)', 'Fargate (EKS)'],
      [
        ['**Portfolio total**', money(p.lambda), money(p.kubernetes), money(p.fargate)],
        ['Cheapest for', String(p.cheaperOn.lambda.length), String(p.cheaperOn.kubernetes.length), String(p.cheaperOn.fargate.length)],
      ],
    ),
    '',
  );
  const sp = model.split;
  if (sp.rows.length) {
    out.push('### The split', '');
    out.push(
      `${sp.lambdaCheaper.units} unit${sp.lambdaCheaper.units === 1 ? ' is' : 's are'} cheaper on Lambda (by ${money(sp.lambdaCheaper.saving)} a month together), ${sp.kubernetesCheaper.units} on Kubernetes (by ${money(sp.kubernetesCheaper.saving)}). ` +
        `Everything on Lambda: ${money(sp.totals.lambda)}; everything on Kubernetes: ${money(sp.totals.kubernetes)}; as the units run today: ${money(sp.totals.current)}; each on its cheaper side: ${money(sp.totals.best)}.` +
        (sp.pareto.units
          ? ` ${sp.pareto.units} of ${sp.rows.length} units (${Math.round(sp.pareto.share * 100)}%) carry ${Math.round(sp.pareto.difference * 100)}% of the difference.`
          : ''),
      '',
    );
    out.push(
      ...table(
        ['#', 'Unit', 'Basis', 'Lambda /mo', 'Kubernetes /mo', 'Difference', 'Cheaper on', 'Cumulative'],
        sp.rows.map((r, i) => [
          String(i + 1),
          md(r.application ? `${r.application}: ${r.name}` : r.name),
          r.basis,
          money(r.lambda),
          money(r.kubernetes),
          money(Math.abs(r.difference)),
          `${PLATFORM[r.cheaper]}${r.cheaper !== r.current ? ' (move)' : ''}${r.flipped ? ', flipped by measurements' : ''}`,
          `${Math.round(r.cumulativeShare * 100)}%`,
        ]),
      ),
      '',
    );
  }
  out.push(
    p.concurrencyBasis === 'account'
      ? `Peak concurrency: ${Math.ceil(p.peakConcurrency).toLocaleString('en-US')} of ${p.accountConcurrency.toLocaleString('en-US')} (account default): ${Math.ceil(p.accountPeakConcurrency ?? 0).toLocaleString('en-US')} measured account-wide by CloudWatch for the deployed functions${p.peakConcurrency > (p.accountPeakConcurrency ?? 0) ? ', plus the peaks of the other units if they coincide' : ''}.`
      : `Peak concurrency if all peaks coincide: ${Math.ceil(p.peakConcurrency).toLocaleString('en-US')} of ${p.accountConcurrency.toLocaleString('en-US')} (account default).`,
    '',
  );
  if (model.units.length) {
    out.push('<details>', '<summary>Cost inputs and break-even per unit</summary>', '');
    out.push(
      ...table(
        ['Unit', 'Requests /mo', 'Avg duration', 'Memory', 'Arch', 'Peak RPS', 'Mode', 'Pod request', 'Cheapest', 'Break-even', 'Inputs from'],
        model.units.map((u) => [
          md(u.name),
          count(u.inputs.requestsPerMonth),
          `${u.inputs.avgDurationMs} ms`,
          `${u.inputs.memoryMB} MB`,
          u.inputs.architecture,
          String(u.inputs.peakRps),
          u.inputs.mode,
          `${u.inputs.podCpu} vCPU / ${u.inputs.podMemoryGiB} GiB × ${+u.cost.kubernetes.replicas.toFixed(2)}`,
          PLATFORM[u.cost.cheapest],
          breakEvenText(u),
          md(u.inputsSource),
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  if (model.errors.length) {
    out.push('## Could not analyse', '');
    out.push(
      ...table(
        ['File', 'Problem'],
        model.errors.map((e) => [md(`${e.file}${e.line ? `:${e.line}` : ''}`), md(e.message)]),
      ),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
