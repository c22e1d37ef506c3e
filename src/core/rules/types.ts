import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../js/ast';
import type { ModuleInfo } from '../js/module';
import type { SourceFacts } from '../js/sourceFacts';
import type { Category, Direction, Finding, Fix, RawFinding, Severity, Unit } from '../types';

const DOCS_BASE = 'https://github.com/lambdashift/lambdashift/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id.replace('/', '-')}.md`;
}

export interface RuleMeta {
  /** Stable kebab-case id, `<area>/<name>`, e.g. `handler/listening-server`. */
  id: string;
  category: Category;
  severity: Severity;
  direction: Direction;
  docs: {
    description: string;
    /** The AWS/Kubernetes page the rule rests on. */
    reference: string;
  };
  messages: Record<string, string>;
  fixable?: boolean;
  hasSuggestions?: boolean;
}

export interface ReportOptions {
  messageId: string;
  data?: Record<string, string | number>;
  /** Node or [start, end] offsets. */
  at: Node | [number, number];
  severity?: Severity;
  fix?: Fix;
  suggestions?: Fix[];
  minDurationSeconds?: number;
  mentions?: 'timeout' | 'memory' | 'embedded-server';
  /** Override of the meta direction/category for a specific report (rare). */
  direction?: Direction;
  /** Name of the unit a model rule reports on. */
  unit?: string;
  /** The code runs only when the file is started as a program (see RawFinding.programOnly). */
  programOnly?: boolean;
  /** Every unit a shared setting affects (reported once, at the setting); `unit` is the first. */
  units?: string[];
  /** A write under this `/mnt/…` path (see RawFinding.unlessMounted). */
  unlessMounted?: string;
  /** The handler (its export name) whose code this is (see RawFinding.handlers). */
  handler?: string;
}

export interface BaseContext {
  file: string;
  text: string;
  report(opts: ReportOptions): void;
}

export interface JsRuleContext extends BaseContext {
  ast: TSESTree.Program;
  modules: ModuleInfo;
  /**
   * The pre-filter is on and the text spells names only verbatim (prefilter.ts literalsAreVerbatim): a rule may skip
   * a check whose literals the text lacks. False with the pre-filter off, so the identity tests compare both.
   */
  literal: boolean;
}

export interface JsRule {
  meta: RuleMeta;
  language: 'js';
  /** The pre-filter's literals (src/core/prefilter.ts); absent: the rule runs on every file. */
  needs?: readonly string[];
  /** With `needs`: more literals, of which one must occur as well (src/core/prefilter.ts). */
  alsoNeeds?: readonly string[];
  /**
   * With the pre-filter on, on a file whose literals pass `needs`: whether the rule could report at all, read from
   * TypeScript's tree before the ESTree conversion (src/core/js/gates.ts). Must never say no where the rule reports.
   */
  gate?: (facts: SourceFacts) => boolean;
  check(ctx: JsRuleContext): void;
}

interface ModelRuleContext extends BaseContext {
  /** Units declared in this file (already extracted by the model). */
  units: Unit[];
  /** Parsed document(s) of this file, format-specific (YAML Document[], HCL tree, …). */
  parsed: unknown;
  kind: string;
  /** ISO date for date-based rules (runtime deprecation); absent → the rule's own table date. */
  today?: string;
}

export interface ModelRule {
  meta: RuleMeta;
  language: 'model';
  check(ctx: ModelRuleContext): void;
}

export type Rule = JsRule | ModelRule;

/** Fills `{name}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Where a finding about a unit as a whole stands: the start of a line (its declaration's), with no span. */
export interface UnitAnchor {
  file: string;
  line: number;
  unit: string;
}

/** A contract finding about a unit as a whole (report and AWS rules: nothing in the text to point at). */
export function unitFinding(meta: RuleMeta, message: string, at: UnitAnchor, severity?: Severity): Finding {
  return {
    ruleId: meta.id,
    category: meta.category,
    severity: severity ?? meta.severity,
    direction: meta.direction,
    file: at.file,
    line: at.line,
    column: 1,
    endLine: at.line,
    endColumn: 1,
    unit: at.unit,
    message,
  };
}

export function makeReporter(meta: RuleMeta, sink: RawFinding[]): (opts: ReportOptions) => void {
  return (opts) => {
    const template = meta.messages[opts.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id}: unknown messageId ${opts.messageId}`);
    const [start, end] = Array.isArray(opts.at) ? opts.at : opts.at.range;
    sink.push({
      ruleId: meta.id,
      category: meta.category,
      severity: opts.severity ?? meta.severity,
      direction: opts.direction ?? meta.direction,
      start,
      end,
      message: formatMessage(template, opts.data),
      fix: opts.fix,
      suggestions: opts.suggestions,
      minDurationSeconds: opts.minDurationSeconds,
      mentions: opts.mentions,
      ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
      ...(opts.programOnly ? { programOnly: true } : {}),
      ...(opts.unlessMounted ? { unlessMounted: opts.unlessMounted } : {}),
      ...(opts.units !== undefined ? { units: opts.units } : {}),
      ...(opts.handler !== undefined ? { handlers: [opts.handler] } : {}),
    });
  };
}
