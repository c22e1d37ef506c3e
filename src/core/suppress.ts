import { computeLineStarts, lineColumnAt } from './position';
import { allRuleMetas } from './rules';
import type { ContractFix, RawFinding } from './types';

// `lambdashift-ignore-next-line <rule-id>[, <rule-id>] -- <reason>` and `lambdashift-ignore-file <rule-id> -- <reason>`,
// in `//`, `/* */` or `#` comments. The keyword must follow a comment marker on its line, so the same words inside a
// string literal (a message, a test, this file's own helpers) never hide findings.
const DIRECTIVE = /(?:\/\/+|\/\*+|#+|^[ \t]*\*+)[ \t]*lambdashift-ignore-(next-line|file)\b([^\n\r]*)/gm;

export const SUPPRESSION_RULE_ID = 'core/suppression-reason';
/** Ids that are not in the rule registry but can still be named in a directive. */
const CORE_IDS = ['core/parse-error', SUPPRESSION_RULE_ID];

interface Directive {
  kind: 'next-line' | 'file';
  /** 1-based line of the comment. */
  line: number;
  ids: string[];
  reason: string;
  start: number;
  end: number;
}

/** Splits the text after the keyword into rule ids and the reason after `--`; a block comment's closing marker is dropped. */
export function parseDirectiveBody(body: string): { ids: string[]; reason: string } {
  let rest = body.replace(/\*\/.*$/, '').trim();
  let reason = '';
  // Rule ids never contain `--`, so the first one starts the reason.
  const at = rest.indexOf('--');
  if (at >= 0) {
    reason = rest.slice(at + 2).trim();
    rest = rest.slice(0, at).trim();
  }
  return { ids: rest.split(/[\s,]+/).filter(Boolean), reason };
}

function parseDirectives(text: string, lineStarts: ArrayLike<number>): Directive[] {
  if (!text.includes('lambdashift-ignore-')) return [];
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const keywordAt = (m.index ?? 0) + m[0].indexOf('lambdashift-ignore-');
    const { ids, reason } = parseDirectiveBody(m[2]);
    out.push({
      kind: m[1] as Directive['kind'],
      line: lineColumnAt(lineStarts, keywordAt).line,
      ids,
      reason,
      start: keywordAt,
      end: (m.index ?? 0) + m[0].length,
    });
  }
  return out;
}

/** An id may be given in full (`handler/background-work`) or by its short name (`background-work`). */
function idMatches(given: string, ruleId: string): boolean {
  return given === ruleId || ruleId.endsWith(`/${given}`);
}

function matches(d: Directive, ruleId: string): boolean {
  // No id at all hides every rule, as `eslint-disable-next-line` does.
  return d.ids.length === 0 || d.ids.some((id) => idMatches(id, ruleId));
}

let knownIds: string[] | undefined;
function isKnownId(id: string): boolean {
  knownIds ??= [...allRuleMetas.map((m) => m.id), ...CORE_IDS];
  return knownIds.some((k) => idMatches(id, k));
}

function infoFinding(d: Directive, message: string): RawFinding {
  return { ruleId: SUPPRESSION_RULE_ID, category: 'config-risk', severity: 'info', direction: 'both', start: d.start, end: d.end, message };
}

/** Drops suppressed findings; reports suppressions that give no reason or name a rule that does not exist (info). */
export function applySuppressions(text: string, lineStarts: ArrayLike<number>, findings: RawFinding[]): RawFinding[] {
  const directives = parseDirectives(text, lineStarts);
  if (directives.length === 0) return findings;
  const kept = findings.filter((f) => {
    const line = lineColumnAt(lineStarts, f.start).line;
    return !directives.some((d) => matches(d, f.ruleId) && (d.kind === 'file' || d.line === line - 1));
  });
  for (const d of directives) {
    if (!d.reason) {
      kept.push(
        infoFinding(
          d,
          `This lambdashift-ignore-${d.kind} comment gives no reason. Add one after \`--\` (e.g. \`-- runs only in the local dev server\`) so reviewers know why the finding does not apply.`,
        ),
      );
    }
    const unknown = d.ids.filter((id) => !isKnownId(id));
    if (unknown.length) {
      kept.push(
        infoFinding(
          d,
          `No LambdaShift rule is called ${unknown.map((u) => `\`${u}\``).join(', ')}, so this comment hides nothing for it. Use a rule id as shown in the finding (e.g. \`handler/background-work\`).`,
        ),
      );
    }
  }
  return kept;
}

// ---- Building suppression comments (used by the editor's "Suppress with reason…" quick fix) ----

const HASH_FILES = /\.(ya?ml|py|pyi|tf|tfvars|hcl)$/i;
const SLASH_FILES = /\.([cm]?[jt]sx?|go|java|cs)$/i;

/**
 * The line-comment marker for a document: from its VS Code language id, else from its file name (`.tf` files are
 * plain text without a Terraform extension). Undefined where comments are not allowed (JSON templates).
 */
export function commentMarker(languageId: string, fileName = ''): '//' | '#' | undefined {
  switch (languageId) {
    case 'javascript':
    case 'javascriptreact':
    case 'typescript':
    case 'typescriptreact':
    case 'go':
    case 'java':
    case 'csharp':
      return '//';
    case 'yaml':
    case 'python':
    case 'terraform':
    case 'terraform-vars':
    case 'hcl':
      return '#';
    default:
      return HASH_FILES.test(fileName) ? '#' : SLASH_FILES.test(fileName) ? '//' : undefined;
  }
}

/** Rules whose findings can be hidden by a directive; a parse error or a directive's own finding cannot. */
export function canSuppress(ruleId: string): boolean {
  return ruleId !== SUPPRESSION_RULE_ID && ruleId !== 'core/parse-error';
}

/** Contract edits are 1-based line/column; editors want 0-based positions. */
export function zeroBasedEdits(fix: ContractFix): { startLine: number; startCharacter: number; endLine: number; endCharacter: number; newText: string }[] {
  return fix.edits.map((e) => ({
    startLine: e.line - 1,
    startCharacter: e.column - 1,
    endLine: e.endLine - 1,
    endCharacter: e.endColumn - 1,
    newText: e.newText,
  }));
}

/** One line, no comment terminators: what the user typed must not end the comment or spill onto code lines. */
export function sanitizeReason(reason: string): string {
  return reason.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
}

export interface SuppressionEdit {
  /** `insert`: put `text` at the start of the target line. `replace`: replace the whole previous line (no EOL) with `text`. */
  kind: 'insert' | 'replace';
  text: string;
}

/**
 * Plans the comment that suppresses `ruleId` on the target line. A `next-line` directive already on the line above is
 * extended (ids and reasons merged), since a second directive line would push the first one out of range.
 * Returns undefined when the language has no comments, the reason is empty, or the rule is already suppressed.
 */
export function planSuppression(opts: {
  languageId: string;
  fileName?: string;
  targetLineText: string;
  previousLineText?: string;
  ruleId: string;
  reason: string;
  eol?: string;
}): SuppressionEdit | undefined {
  const marker = commentMarker(opts.languageId, opts.fileName);
  const reason = sanitizeReason(opts.reason);
  if (!marker || !reason) return undefined;
  const prev = opts.previousLineText ?? '';
  const m = new RegExp(DIRECTIVE.source, 'm').exec(prev);
  if (m && m[1] === 'next-line') {
    const existing = parseDirectiveBody(m[2]);
    if (existing.ids.length === 0 || existing.ids.some((id) => idMatches(id, opts.ruleId))) return undefined;
    const indent = /^[ \t]*/.exec(prev)![0];
    const reasons = [existing.reason, reason].filter(Boolean).join('; ');
    const prevMarker = prev.trimStart().startsWith('#') ? '#' : '//';
    return { kind: 'replace', text: `${indent}${prevMarker} lambdashift-ignore-next-line ${[...existing.ids, opts.ruleId].join(', ')} -- ${reasons}` };
  }
  const indent = /^[ \t]*/.exec(opts.targetLineText)![0];
  return { kind: 'insert', text: `${indent}${marker} lambdashift-ignore-next-line ${opts.ruleId} -- ${reason}${opts.eol ?? '\n'}` };
}

/**
 * Plans `lambdashift-ignore-file <rule-id> -- <reason>` at the top of a file (below a `#!` line, which must stay
 * first). Returns the 0-based line to insert at and the text, or undefined when the language has no comments, the
 * reason is empty, or a file directive already hides the rule.
 */
export function planFileSuppression(opts: {
  languageId: string;
  fileName?: string;
  text: string;
  ruleId: string;
  reason: string;
  eol?: string;
}): { line: number; text: string } | undefined {
  const marker = commentMarker(opts.languageId, opts.fileName);
  const reason = sanitizeReason(opts.reason);
  if (!marker || !reason) return undefined;
  const existing = parseDirectives(opts.text, computeLineStarts(opts.text)).filter((d) => d.kind === 'file');
  if (existing.some((d) => d.ids.length === 0 || d.ids.some((id) => idMatches(id, opts.ruleId)))) return undefined;
  const line = opts.text.startsWith('#!') ? 1 : 0;
  return { line, text: `${marker} lambdashift-ignore-file ${opts.ruleId} -- ${reason}${opts.eol ?? '\n'}` };
}
