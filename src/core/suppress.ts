import { lineColumnAt } from './position';
import type { RawFinding } from './types';

// `lambdashift-ignore-next-line <rule-id>[, <rule-id>] -- <reason>` and `lambdashift-ignore-file <rule-id> -- <reason>`,
// in any comment syntax (`//`, `/* */`, `#`): the directive is found by its keyword, the comment marker is not parsed.
const DIRECTIVE = /lambdashift-ignore-(next-line|file)\b([^\n]*)/g;

export const SUPPRESSION_RULE_ID = 'core/suppression-reason';

interface Directive {
  kind: 'next-line' | 'file';
  line: number;
  ids: string[];
  reason: string;
  start: number;
  end: number;
}

function parseDirectives(text: string, lineStarts: number[]): Directive[] {
  if (!text.includes('lambdashift-ignore-')) return [];
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    let rest = m[2].replace(/\*\/.*$/, '').trim();
    let reason = '';
    const sep = rest.indexOf('--');
    if (sep >= 0) {
      reason = rest.slice(sep + 2).trim();
      rest = rest.slice(0, sep).trim();
    }
    const ids = rest.split(/[\s,]+/).filter(Boolean);
    const start = m.index ?? 0;
    out.push({ kind: m[1] as 'next-line' | 'file', line: lineColumnAt(lineStarts, start).line, ids, reason, start, end: start + m[0].length });
  }
  return out;
}

function matches(d: Directive, ruleId: string): boolean {
  // An id may be given in full (`handler/background-work`) or by its short name (`background-work`).
  return d.ids.length === 0 || d.ids.some((id) => id === ruleId || ruleId.endsWith(`/${id}`));
}

/** Drops suppressed findings and reports suppressions that give no reason (info). */
export function applySuppressions(text: string, lineStarts: number[], findings: RawFinding[]): RawFinding[] {
  const directives = parseDirectives(text, lineStarts);
  if (directives.length === 0) return findings;
  const kept = findings.filter((f) => {
    const line = lineColumnAt(lineStarts, f.start).line;
    return !directives.some((d) => matches(d, f.ruleId) && (d.kind === 'file' || d.line === line - 1));
  });
  for (const d of directives) {
    if (d.reason) continue;
    kept.push({
      ruleId: SUPPRESSION_RULE_ID,
      category: 'config-risk',
      severity: 'info',
      direction: 'both',
      start: d.start,
      end: d.end,
      message: `This lambdashift-ignore-${d.kind} comment gives no reason. Add one after \`--\` (e.g. \`-- runs only in the local dev server\`) so reviewers know why the finding does not apply.`,
    });
  }
  return kept;
}
