// What a file must look like before a parser sees it: not nested past what the parsers and walkers survive, not a
// minified bundle. Every parser here is recursive somewhere (TypeScript's parser and typescript-estree's converter,
// Lezer's tree accessors, the yaml composer), and near the stack limit V8 can even abort the process instead of
// throwing (a lazily compiled RegExp that cannot allocate), so depth is measured with a cheap linear scan first.
// Pure: text in, verdict out.
import type { AnalysisError } from './types';

/**
 * Bracket or block nesting beyond this is not analysed. Real code and templates stay under ~30 levels; the parsers
 * overflow the main thread's stack from ~500 levels of JS/TS (TypeScript's parser, nested callbacks), ~800 of HCL
 * and ~1,500 of YAML/JSON, so 200 leaves room for the constructs the scans do not count. CPython itself refuses
 * more than 200 nested brackets and 100 indentation levels.
 */
export const MAX_NESTING = 200;

/** Thrown by a parser's pre-scan (or mapped from a stack overflow) when a file is nested too deep to analyse. */
export class TooDeepError extends Error {
  constructor(
    /** Where the limit was passed (UTF-16 offset), when known. */
    readonly offset: number | undefined,
    readonly limit = MAX_NESTING,
  ) {
    super(`nesting deeper than ${limit} levels`);
    this.name = 'TooDeepError';
  }
}

/** True for the RangeError V8 throws when the stack overflows. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** The error entry of a rule that threw: a stack overflow is the input's depth, anything else is our bug. */
export function ruleFailure(e: unknown, ruleId: string, file: string): AnalysisError {
  if (isStackOverflow(e))
    return {
      file,
      message: `rule ${ruleId} ran out of stack on this file (it nests too deeply, e.g. a chain of thousands of operators), so its findings are missing. If the file is generated, exclude it (.lambdashiftignore or --exclude).`,
    };
  return { file, message: `internal error in rule ${ruleId}: ${(e as Error)?.message ?? String(e)}. Please report this with the file.` };
}

/** The message a file nested too deep gets, naming what to do. */
export function tooDeepMessage(limit = MAX_NESTING): string {
  return `nesting deeper than ${limit} levels; not analysed. Hand-written code does not nest like this: if the file is generated, exclude it (.lambdashiftignore or --exclude); otherwise split the deep expression.`;
}

/** The message when a parser or rule ran out of stack on a construct the nesting scan does not count. */
export function stackOverflowMessage(stage: string): string {
  return `too deeply nested to analyse (${stage} ran out of stack, e.g. on a chain of thousands of operators or else-ifs); not analysed. If the file is generated, exclude it (.lambdashiftignore or --exclude); otherwise split the long expression.`;
}

/** Letters, digits, `_`, `$` and anything non-ASCII: the characters of a JS word. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}
/** After these words an expression starts, so `/` begins a regular expression rather than a division. */
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
  'extends',
]);

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

/** Just past a one-line string opened at `start`: its closing quote or, unterminated, the line's end. */
function quotedEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  let j = start + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92 /* backslash */) j += 2;
    else if (c === quote || c === 10) break;
    else j++;
  }
  return j + 1;
}

/**
 * The offset where JS/TS bracket nesting (`(`, `[`, `{`, template `${`) first passes `limit`, or -1. Skips strings,
 * comments, template text and regular expressions (told from division by the previous token, as tokenizers
 * without a parser do). A misread can only undercount or leave an unclosed bracket from a regex: it never turns a
 * shallow file into a deep one unless it has hundreds of such regexes.
 */
export function jsNestingBeyond(text: string, limit = MAX_NESTING): number {
  const n = text.length;
  let depth = 0;
  /** Depth at each open template `${`: the `}` that brings depth back below it resumes the template's text. */
  const templates: number[] = [];
  let regexAllowed = true;
  /** After a word, where it starts (else -1): whether a `/` then starts a regex depends on the word, looked up only then. */
  let wordAt = -1;
  let wordEnd = 0;
  let i = 0;
  /** Scans template text from i (after ` or a closing `}`); returns the index after the closing ` or after `${`. */
  const templateText = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) j += 2;
      else if (c === 96 /* ` */) return j + 1;
      else if (c === 36 /* $ */ && text.charCodeAt(j + 1) === 123 /* { */) {
        depth++;
        templates.push(depth);
        return j + 2;
      } else j++;
    }
    return n;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      if (wordAt >= 0) {
        regexAllowed = BEFORE_EXPRESSION.has(text.slice(wordAt, wordEnd));
        wordAt = -1;
      }
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        i = lineEnd(text, i + 2);
        continue;
      }
      if (d === 42 /* * */) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
        continue;
      }
      if (regexAllowed) {
        let j = i + 1;
        let inClass = false;
        while (j < n) {
          const r = text.charCodeAt(j);
          if (r === 10 || r === 13) break;
          if (r === 92) j++;
          else if (r === 91 /* [ */) inClass = true;
          else if (r === 93 /* ] */) inClass = false;
          else if (r === 47 && !inClass) break;
          j++;
        }
        i = j + 1;
        regexAllowed = false;
        continue;
      }
      i++;
      regexAllowed = true;
      continue;
    }
    wordAt = -1;
    if (c === 39 || c === 34) {
      i = quotedEnd(text, i);
      regexAllowed = false;
      continue;
    }
    if (c === 96) {
      const before = depth;
      i = templateText(i + 1);
      if (depth > limit) return i - 2;
      regexAllowed = depth > before;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > limit) return i;
      i++;
      regexAllowed = true;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      if (c === 125 && templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        depth--;
        const before = depth;
        i = templateText(i + 1);
        if (depth > limit) return i - 2;
        regexAllowed = depth > before;
        continue;
      }
      if (depth > 0) depth--;
      i++;
      regexAllowed = false;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      wordAt = i;
      wordEnd = j;
      i = j;
      continue;
    }
    i++;
    regexAllowed = true;
  }
  return -1;
}

/**
 * The offset where Python nesting (brackets plus indentation levels) first passes `limit`, or -1. Skips strings
 * (triple-quoted ones across lines) and comments; a line inside brackets or after a backslash does not change the
 * indentation.
 */
export function pythonNestingBeyond(text: string, limit = MAX_NESTING): number {
  const n = text.length;
  let brackets = 0;
  const indents: number[] = [0];
  let i = 0;
  let lineStart = true;
  while (i < n) {
    if (lineStart && brackets === 0) {
      lineStart = false;
      let width = 0;
      let j = i;
      for (; j < n; j++) {
        const w = text.charCodeAt(j);
        if (w === 32) width++;
        else if (w === 9) width = (Math.floor(width / 8) + 1) * 8;
        else if (w === 12) width = 0;
        else break;
      }
      const first = text.charCodeAt(j);
      // Blank and comment-only lines do not indent.
      if (j < n && first !== 10 && first !== 13 && first !== 35) {
        if (width > indents[indents.length - 1]) {
          indents.push(width);
          if (indents.length - 1 + brackets > limit) return j;
        } else while (indents.length > 1 && width < indents[indents.length - 1]) indents.pop();
      }
      i = j;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      i++;
      // Inside brackets a new line continues the logical line.
      lineStart = brackets === 0;
      continue;
    }
    if (c === 92 /* \ */) {
      // A backslash continues the logical line over the newline.
      i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === 35 /* # */) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 39 || c === 34) {
      if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
        const close = text.slice(i, i + 3);
        let j = i + 3;
        for (;;) {
          const e = text.indexOf(close, j);
          if (e < 0) {
            j = n;
            break;
          }
          // An odd run of backslashes before the quotes escapes the first of them.
          let b = 0;
          while (text.charCodeAt(e - 1 - b) === 92) b++;
          if (b % 2 === 0) {
            j = e + 3;
            break;
          }
          j = e + 1;
        }
        i = j;
        continue;
      }
      i = quotedEnd(text, i);
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      brackets++;
      if (indents.length - 1 + brackets > limit) return i;
    } else if ((c === 41 || c === 93 || c === 125) && brackets > 0) brackets--;
    i++;
  }
  return -1;
}

/** Files smaller than this are never called minified: a few long lines in a small file are cheap to parse. */
const MINIFIED_MIN_BYTES = 100 * 1024;
/** Average characters per line above which a large JS/TS file is taken for minified or bundled. */
const MINIFIED_AVG_LINE = 500;

/**
 * Why a JS/TS file looks minified or generated (and is not parsed), or undefined. A bundle's AST takes hundreds of
 * times its size in memory (a 1.9 MB one-line bundle took the scan to 1.3 GB) and says nothing about the
 * handler's own code. Large files only: long average lines, or a bundle's source-map comment or `/*!` banner with
 * long lines.
 */
export function generatedProblem(text: string): string | undefined {
  const size = text.length;
  if (size < MINIFIED_MIN_BYTES) return undefined;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines++;
    if (i - start > longest) longest = i - start;
    start = i + 1;
  }
  if (size - start > longest) longest = size - start;
  const average = size / lines;
  const tail = text.slice(Math.max(0, size - 512));
  const banner = /^\s*\/\*!/.test(text.slice(0, 64));
  const sourceMap = /\/\/[#@] sourceMappingURL=/.test(tail);
  if (average <= MINIFIED_AVG_LINE && !((banner || sourceMap) && longest > 5 * MINIFIED_AVG_LINE && average > MINIFIED_AVG_LINE / 5)) return undefined;
  const kb = Math.round(size / 1024);
  const why = sourceMap ? ', ends with a sourceMappingURL comment' : banner ? ', starts with a /*! banner' : '';
  return `skipped: minified or generated (${kb} KB on ${lines} line${lines === 1 ? '' : 's'}, ${Math.round(average)} characters a line${why}); not analysed. Exclude it (.lambdashiftignore or --exclude) and let LambdaShift assess the sources it was built from.`;
}
