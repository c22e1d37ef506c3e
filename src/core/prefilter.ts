// The pre-filter: a rule that declares `needs` (regular-expression fragments for the literals without which it cannot
// report: a module name, a global, a keyword) runs only on files whose text contains one of them. The fragments of
// every rule of a language are looked for in one scan of a file's text (src/core/anchors.ts).
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

import { anchorsOf, WordAutomaton } from './anchors';

/** A rule as the pre-filter sees it. */
export interface Gated {
  /** Regular-expression fragments (no capturing groups); the rule can report only where one of them matches. */
  needs?: readonly string[];
  /**
   * More fragments, of which one must match as well (with `needs` only): a rule whose report needs a module's name and
   * a method's (`express` and `listen`) says both.
   */
  alsoNeeds?: readonly string[];
}

interface Gate {
  fragments: number;
  /** For each rule, the indices of its fragments (`needs`, then `alsoNeeds` if any); undefined = always runs. */
  byRule: ([number[]] | [number[], number[]] | undefined)[];
  /** Every anchor word of every fragment (src/core/anchors.ts), and by word, the fragments it anchors. */
  words: WordAutomaton | undefined;
  wordFragments: number[][];
  /** By fragment: 1, it is exactly its word; 2, it is its word as a whole word (`\\bword\\b`). */
  plain: Uint8Array;
  /** By fragment: its own expression, tested when one of its anchors occurs (anchored fragments that are not plain). */
  own: (RegExp | undefined)[];
  /** The fragments without anchors, looked for with one expression of them all. */
  rest: Alternation | undefined;
}

/** Fragments as alternatives of one global expression, each a capturing group (`ids`: their fragment indices). */
interface Alternation {
  re: RegExp;
  sources: string[];
  ids: number[];
  /** By alternative i: the alternatives after i, as one sticky expression (made on first use). */
  after: (RegExp | undefined)[];
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
  const indices = (fragments: readonly string[]) =>
    fragments.map((f) => {
      let i = index.get(f);
      if (i === undefined) {
        if (new RegExp(`${f}|`).exec('')!.length !== 1) throw new Error(`pre-filter fragment ${f} has a capturing group`);
        i = index.size;
        index.set(f, i);
      }
      return i;
    });
  const byRule = rules.map((r): Gate['byRule'][number] => {
    if (!r.needs) return undefined;
    return r.alsoNeeds ? [indices(r.needs), indices(r.alsoNeeds)] : [indices(r.needs)];
  });
  const sources = [...index.keys()];
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const wordFragments: number[][] = [];
  const plain = new Uint8Array(sources.length);
  const own: (RegExp | undefined)[] = [];
  const unanchored: number[] = [];
  sources.forEach((f, i) => {
    const a = anchorsOf(f);
    if (!a.anchors) {
      unanchored.push(i);
      return;
    }
    if (a.plain) plain[i] = 1;
    else if (a.wholeWord) plain[i] = 2;
    else own[i] = new RegExp(f);
    for (const w of a.anchors) {
      let k = wordIndex.get(w);
      if (k === undefined) {
        k = words.length;
        words.push(w);
        wordIndex.set(w, k);
        wordFragments.push([]);
      }
      wordFragments[k].push(i);
    }
  });
  const rest = unanchored.length
    ? {
        re: new RegExp(unanchored.map((i) => `(${sources[i]})`).join('|'), 'g'),
        sources: unanchored.map((i) => sources[i]),
        ids: unanchored,
        after: [],
      }
    : undefined;
  return {
    fragments: sources.length,
    byRule,
    words: words.length ? new WordAutomaton(words) : undefined,
    wordFragments,
    plain,
    own,
    rest,
  };
}

/** The index of the group that matched (an alternation of groups has exactly one). */
function groupOf(m: RegExpExecArray): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g - 1;
  return -1;
}

/** The alternatives after alternative `i`, as one sticky expression, or undefined when `i` is the last. */
function alternativesAfter(alt: Alternation, i: number): RegExp | undefined {
  if (i + 1 >= alt.sources.length) return undefined;
  return (alt.after[i] ??= new RegExp(
    alt.sources
      .slice(i + 1)
      .map((f) => `(${f})`)
      .join('|'),
    'y',
  ));
}

/** Marks in `seen` the fragments of `alt` that occur in `text`. */
function scanAlternation(alt: Alternation, text: string, seen: Uint8Array): void {
  let left = alt.ids.length;
  const mark = (a: number) => {
    if (!seen[alt.ids[a]]) {
      seen[alt.ids[a]] = 1;
      left--;
    }
  };
  const re = alt.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (left > 0 && (m = re.exec(text)) !== null) {
    // An alternation reports one alternative per position: the first that matches there. Others may match at the same
    // position, so the alternatives after the one found are tried there too, and the scan goes on from the next
    // character, not from the end of the match (another may start inside it).
    let a = groupOf(m);
    mark(a);
    for (let more = alternativesAfter(alt, a); more && left > 0; more = alternativesAfter(alt, a)) {
      more.lastIndex = m.index;
      const again = more.exec(text);
      if (!again) break;
      a += 1 + groupOf(again);
      mark(a);
    }
    re.lastIndex = m.index + 1;
  }
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
  if (!gate.fragments || ESCAPED.test(text)) return rules;
  const seen = new Uint8Array(gate.fragments);
  if (gate.words) {
    const hit = new Uint8Array(gate.wordFragments.length);
    gate.words.scan(text, hit);
    const tested = new Uint8Array(gate.fragments);
    for (let w = 0; w < hit.length; w++) {
      if (!hit[w]) continue;
      for (const f of gate.wordFragments[w]) {
        if (seen[f] || tested[f]) continue;
        if (gate.plain[f] === 1) seen[f] = 1;
        else if (gate.plain[f] === 2) {
          if (hit[w] & 2) seen[f] = 1;
        } else {
          tested[f] = 1;
          if (gate.own[f]!.test(text)) seen[f] = 1;
        }
      }
    }
  }
  if (gate.rest) scanAlternation(gate.rest, text, seen);
  const out = rules.filter((_, i) => {
    const needs = gate.byRule[i];
    return !needs || needs.every((any) => any.some((f) => seen[f] === 1));
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
