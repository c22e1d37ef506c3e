// The pre-filter: a rule that declares `needs` (regular-expression fragments for the literals without which it cannot
// report: a module name, a global, a keyword) runs only on files whose text contains one of them. The fragments of
// every rule of a language are compiled into one regular expression, so a file's text is scanned once for all rules.
// A rule without `needs` always runs. A file no rule can fire on is not given to the ESTree converter at all
// (src/core/analyze.ts, src/core/js/lite.ts).
//
// The fragments are matched against the raw text, so they must be conservative: whatever spelling the rule accepts
// must contain the literal as written. Escapes are the one way to spell a name without its letters
// (`'\u0063hild_process'`, `\u0073etInterval`, a line continuation inside a string), so a file with any of them
// skips the pre-filter and runs every rule.
//
// Identity: test/helpers/ruleTester.ts analyses every table-test case with and without the pre-filter and requires
// the same analysis; test/unit/perf/prefilter.test.ts does the same for the examples and a generated workspace.

/** A rule as the pre-filter sees it. */
export interface Gated {
  /** Regular-expression fragments (no capturing groups); the rule can report only where one of them matches. */
  needs?: readonly string[];
}

interface Gate {
  /** Every distinct fragment, each as one capturing group, in one global expression. */
  re: RegExp | undefined;
  /** For each rule, the indices of its fragments; undefined = always runs. */
  byRule: (number[] | undefined)[];
  fragments: number;
}

const gates = new WeakMap<readonly Gated[], Gate>();

/** Text the fragments cannot be trusted on: escapes that spell names and strings without their letters. */
const ESCAPED = /\\(?:u|x|[0-7]|\r|\n|\u2028|\u2029)/;

/** True when literals can be looked for in the raw text: no escape could spell one without its letters. */
export function literalsAreVerbatim(text: string): boolean {
  return !ESCAPED.test(text);
}

function compile(rules: readonly Gated[]): Gate {
  const index = new Map<string, number>();
  const byRule = rules.map((r) => {
    if (!r.needs) return undefined;
    return r.needs.map((f) => {
      let i = index.get(f);
      if (i === undefined) {
        if (new RegExp(`${f}|`).exec('')!.length !== 1) throw new Error(`pre-filter fragment ${f} has a capturing group`);
        i = index.size;
        index.set(f, i);
      }
      return i;
    });
  });
  const re = index.size ? new RegExp([...index.keys()].map((f) => `(${f})`).join('|'), 'g') : undefined;
  return { re, byRule, fragments: index.size };
}

/**
 * The rules of `rules` that can report on `text`, in their order. The same array when every rule can (or none
 * declares what it needs).
 */
export function rulesThatCanFire<R extends Gated>(rules: readonly R[], text: string): readonly R[] {
  let gate = gates.get(rules);
  if (!gate) {
    gate = compile(rules);
    gates.set(rules, gate);
  }
  if (!gate.re || ESCAPED.test(text)) return rules;
  const seen = new Uint8Array(gate.fragments);
  let left = gate.fragments;
  const re = gate.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (left > 0 && (m = re.exec(text)) !== null) {
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        if (!seen[g - 1]) {
          seen[g - 1] = 1;
          left--;
        }
        break;
      }
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  const out = rules.filter((_, i) => {
    const needs = gate.byRule[i];
    return !needs || needs.some((f) => seen[f] === 1);
  });
  return out.length === rules.length ? rules : out;
}

const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95 || c > 127;

/**
 * How many times `name` occurs in `text` as a whole word (not inside a longer name), counting up to `max`. Comments and
 * strings count too, so a rule that skips work on a name found fewer times than it needs stays conservative; only
 * meaningful when literalsAreVerbatim(text).
 */
export function wordCount(text: string, name: string, max: number): number {
  let n = 0;
  for (let at = text.indexOf(name); at >= 0 && n < max; at = text.indexOf(name, at + 1)) {
    if ((at === 0 || !isNameChar(text.charCodeAt(at - 1))) && !isNameChar(text.charCodeAt(at + name.length))) n++;
  }
  return n;
}

/** A literal as a fragment. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
