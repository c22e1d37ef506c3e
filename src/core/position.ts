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

/** Offset of a 1-based line/column. */
export function offsetAt(lineStarts: ArrayLike<number>, line: number, column: number): number {
  const l = Math.min(Math.max(line, 1), lineStarts.length);
  return lineStarts[l - 1] + Math.max(column, 1) - 1;
}
