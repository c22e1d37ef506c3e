// The one rule engine. Every kind of rule — JS/TS and Python code rules, IaC model rules, AWS inventory rules and
// report rules — has the same contract (a RuleMeta plus, for per-file rules, `check(context)`), and the policies that
// apply to all of them live here and nowhere else:
//   - enablement: a rule set to 'off' does not run (per-file rules) and its findings are dropped (all rules);
//   - severity overrides (`--rule id=warning`, `lambdashift.rules`);
//   - test-file policy: code rules do not run on test files (they are deployed nowhere), nor on code that is no
//     function's or service's (vendored packages, browser code, extensions, infrastructure programs: fileRole.ts);
//   - crash containment: a rule that throws costs only its own findings, reported as an internal error (or, for a
//     stack overflow, as the file's depth);
//   - a per-file time budget (RuleRun.budget): rules not started when it is spent are skipped.
// Suppression comments are applied to a file's findings in analyzeFile (src/core/suppress.ts), after the rules ran.
import { ruleFailure } from './limits';
import { rulesThatCanFire } from './prefilter';
import { makeReporter, type ReportOptions, type RuleMeta } from './rules/types';
import type { AnalysisError, AnalyzeOptions, RawFinding, RuleSeverityOverride, Severity } from './types';

/** Any rule that runs on one file: `check` receives the language's context plus `report`. */
export interface FileRule<C> {
  meta: RuleMeta;
  /** The pre-filter's literals (src/core/prefilter.ts): the rule runs only on text where one matches. */
  needs?: readonly string[];
  check(ctx: C & { report(opts: ReportOptions): void }): void;
}

export interface RuleRun {
  file: string;
  options: AnalyzeOptions;
  /** Where findings go. */
  findings: RawFinding[];
  /** Where a rule's crash is reported. */
  errors: AnalysisError[];
  /** Code rules only: the file is a test file, so no code rule runs on it. */
  testFile?: boolean;
  /** The file's time budget (analyze.ts's RuleBudget): a rule it no longer allows is skipped. */
  budget?: { allows(ruleId: string): boolean };
  /** Code rules only: the file is no function's or service's code (vendored, browser; src/core/fileRole.ts). */
  notCode?: boolean;
  /** The file's text: given, only the rules whose pre-filter literals occur in it run (unless `options.prefilter` is false). */
  text?: string;
}

/** Runs `rules` on one file with the shared policies; `context` is the language's context without `report`. */
export function runRules<C>(rules: readonly FileRule<C>[], context: C, run: RuleRun): void {
  if (run.testFile || run.notCode) return;
  const candidates = run.text !== undefined && run.options.prefilter !== false ? rulesThatCanFire(rules, run.text) : rules;
  for (const rule of candidates) {
    if (run.options.rules?.[rule.meta.id] === 'off' || (run.budget && !run.budget.allows(rule.meta.id))) continue;
    const report = makeReporter(rule.meta, run.findings);
    try {
      rule.check({ ...context, report });
    } catch (e) {
      run.errors.push(ruleFailure(e, rule.meta.id, run.file));
    }
  }
}

/**
 * `off` drops a rule's findings and a severity replaces the rule's own: applied to a file's findings, to the AWS
 * inventory's and to the report's, so an override means the same everywhere.
 */
export function applySeverityOverrides<F extends { ruleId: string; severity: Severity }>(
  findings: F[],
  rules: Readonly<Record<string, RuleSeverityOverride>> | undefined,
): F[] {
  if (!rules || Object.keys(rules).length === 0) return findings;
  const out: F[] = [];
  for (const f of findings) {
    const o = rules[f.ruleId];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
