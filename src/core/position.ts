import type { Finding, RawFinding } from './types';

/** Offsets of the start of each line; line i (0-based) starts at result[i]. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset. */
export function lineColumnAt(lineStarts: ArrayLike<number>, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

/** Turns offsets into the contract's 1-based positions. */
export function toContractFinding(f: RawFinding, file: string, lineStarts: ArrayLike<number>, unit?: string): Finding {
  const s = lineColumnAt(lineStarts, f.start);
  const e = lineColumnAt(lineStarts, f.end);
  const convertFix = (fix: NonNullable<RawFinding['fix']>) => ({
    description: fix.description,
    edits: fix.edits.map((ed) => {
      const a = lineColumnAt(lineStarts, ed.start);
      const b = lineColumnAt(lineStarts, ed.end);
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: ed.newText };
    }),
  });
  const out: Finding = {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    direction: f.direction,
    file,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    message: f.message,
    range: [f.start, f.end],
  };
  if (unit) out.unit = unit;
  if (f.units && f.units.length > 1) out.units = [...f.units];
  if (f.fix) out.fix = convertFix(f.fix);
  if (f.suggestions?.length) out.suggestions = f.suggestions.map(convertFix);
  return out;
}
