// The pre-filter's scan (src/core/prefilter.ts): which of a language's fragments occur in a file's text, in one pass.
//
// One regular expression made of every fragment as alternatives scanned about 16 ns per character, trying each
// alternative at each position. Most fragments are plain words, and every other one contains words one of which each
// of its matches must contain (`'aws-sdk'` in `[`'"](?:node:)?aws-sdk[`'"]`, `for` in `\bfor\b(?!…)`, each name of
// `\b(?:Records|detail)\b`): its anchors, read from the fragment's syntax tree (regexpp, the parser ESLint uses).
// All anchors go into one Aho–Corasick automaton, which reads each character once (about 3 ns). A plain fragment is
// seen when its word is; any other is then tested with its own expression, once per file, and only if one of its
// anchors occurs. A fragment with no anchor (`[Ss][Tt][Uu][Bb]`) is looked for with its own expression every time.
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** Words one of which every match of a fragment contains, or undefined when none can be told. */
type Anchors = string[] | undefined;

/** The better of two anchor sets: the longer shortest word (fewer false hits), then the fewer words. */
function better(a: Anchors, b: Anchors): Anchors {
  if (!a) return b;
  if (!b) return a;
  const shortest = (x: string[]) => Math.min(...x.map((w) => w.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return a.length <= b.length ? a : b;
}

/** Anchors of a choice between alternatives: each must have some, and a match contains one of any of them. */
function ofAlternatives(alternatives: AST.Alternative[]): Anchors {
  const out: string[] = [];
  for (const alt of alternatives) {
    const a = ofSequence(alt.elements);
    if (!a) return undefined;
    out.push(...a);
  }
  return [...new Set(out)];
}

/** Anchors of a sequence: a run of literal characters, or an element every match goes through, whichever is best. */
function ofSequence(elements: AST.Element[]): Anchors {
  let best: Anchors;
  let run = '';
  const endRun = () => {
    if (run) best = better(best, [run]);
    run = '';
  };
  for (const e of elements) {
    if (e.type === 'Character') {
      run += String.fromCodePoint(e.value);
      continue;
    }
    endRun();
    if (e.type === 'Group' || e.type === 'CapturingGroup') best = better(best, ofAlternatives(e.alternatives));
    else if (e.type === 'Quantifier' && e.min >= 1) best = better(best, ofElement(e.element));
    // Assertions (`\b`, lookarounds), classes, sets and optional parts anchor nothing.
  }
  endRun();
  return best;
}

function ofElement(e: AST.QuantifiableElement): Anchors {
  if (e.type === 'Character') return [String.fromCodePoint(e.value)];
  if (e.type === 'Group' || e.type === 'CapturingGroup') return ofAlternatives(e.alternatives);
  return undefined;
}

/** A fragment as the scan uses it. */
export interface FragmentAnchors {
  /** Words one of which each match contains (ASCII, two characters or more); undefined: none usable. */
  anchors?: string[];
  /** The fragment is exactly its one anchor word: seeing the word is seeing the fragment. */
  plain: boolean;
  /** The fragment is `\\b<word>\\b` of one word of word characters: seeing the word between non-word ones is seeing it. */
  wholeWord?: boolean;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

const parser = new RegExpParser();

export function anchorsOf(fragment: string): FragmentAnchors {
  const pattern = parser.parsePattern(fragment);
  const alts = pattern.alternatives;
  const plain = alts.length === 1 && alts[0].elements.length > 0 && alts[0].elements.every((e) => e.type === 'Character');
  const anchors = ofAlternatives(alts);
  // The automaton reads ASCII; a one-character anchor would send most files to the fragment's own expression.
  if (!anchors || anchors.some((w) => w.length < 2 || /[^\x20-\x7e]/.test(w))) return { plain: false };
  const elements = alts.length === 1 ? alts[0].elements : [];
  const boundary = (e: AST.Element | undefined) => e?.type === 'Assertion' && e.kind === 'word' && !e.negate;
  if (
    elements.length > 2 &&
    boundary(elements[0]) &&
    boundary(elements[elements.length - 1]) &&
    elements.slice(1, -1).every((e) => e.type === 'Character' && isWordChar(e.value))
  )
    return { anchors, plain: false, wholeWord: true };
  return { anchors, plain: plain && anchors.length === 1 };
}

/**
 * An Aho–Corasick automaton over words of printable ASCII: which words occur in a text. Any other character (a line
 * break, a non-ASCII letter) cannot be inside a word, so it sends the automaton back to its start.
 */
export class WordAutomaton {
  /** Next state by state * 128 + character. */
  private readonly next: Int32Array;
  /** The words (indices) that end at each state, its suffix states' included; empty for most. */
  private readonly ends: number[][];
  private readonly hasEnds: Uint8Array;
  private readonly lengths: Int32Array;

  constructor(words: readonly string[]) {
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    words.forEach((w, wi) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let n = children[s].get(c);
        if (n === undefined) {
          n = children.length;
          children.push(new Map());
          ends.push([]);
          children[s].set(c, n);
        }
        s = n;
      }
      ends[s].push(wi);
    });
    const n = children.length;
    const fail = new Int32Array(n);
    const next = new Int32Array(n * 128);
    // Breadth first: a state's failure state (its longest proper suffix that is a prefix) is done before it.
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = children[0].get(c);
      if (t !== undefined) {
        next[c] = t;
        queue.push(t);
      }
    }
    for (let h = 0; h < queue.length; h++) {
      const s = queue[h];
      ends[s] = ends[s].concat(ends[fail[s]]);
      for (let c = 0; c < 128; c++) {
        const t = children[s].get(c);
        if (t === undefined) next[s * 128 + c] = next[fail[s] * 128 + c];
        else {
          fail[t] = next[fail[s] * 128 + c];
          next[s * 128 + c] = t;
          queue.push(t);
        }
      }
    }
    this.next = next;
    this.ends = ends;
    this.hasEnds = Uint8Array.from(ends, (e) => (e.length ? 1 : 0));
    this.lengths = Int32Array.from(words, (w) => w.length);
  }

  /**
   * Marks in `seen` (by word index) every word that occurs in `text`: bit 1 where it occurs, bit 2 where it occurs
   * between characters that are not word characters (as `\\b` reads them, without the `u` flag) or the text's ends.
   */
  scan(text: string, seen: Uint8Array): void {
    const { next, hasEnds, ends, lengths } = this;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = c < 128 ? next[s * 128 + c] : 0;
      if (hasEnds[s] === 1)
        for (const w of ends[s]) {
          const before = i - lengths[w];
          const bounded = (before < 0 || !isWordChar(text.charCodeAt(before))) && (i + 1 >= n || !isWordChar(text.charCodeAt(i + 1)));
          seen[w] |= bounded ? 3 : 1;
        }
    }
  }
}
