import { detectKind } from './detect';
import { parseJs, parseJsIncremental, type JsParseState } from './parsers/typescript';
import { collectModuleInfo } from './js/module';
import { findHandlerExports, isTestFile } from './js/scope';
import { addCodeUnits, extractUnits } from './model';
import { computeLineStarts, lineColumnAt, toContractFinding } from './position';
import { iacRules, jsRules } from './rules';
import { analyzePython } from './python/analyze';
import { makeReporter } from './rules/types';
import { redactAnalysis } from './secrets';
import { applySuppressions } from './suppress';
import { joinAnalyses } from './workspace';
import type { AnalyzeOptions, AssessResult, FileAnalysis, FileKind, Finding, RawFinding } from './types';

export const PARSE_ERROR_RULE_ID = 'core/parse-error';

function parseErrorFinding(offset: number, message: string, file: string, text?: string): RawFinding {
  // Parsers report unclosed brackets at end of input; point at the last line with content instead of past it.
  if (text !== undefined && offset >= text.trimEnd().length) offset = Math.max(0, text.trimEnd().length - 1);
  return {
    ruleId: PARSE_ERROR_RULE_ID,
    category: 'parse-error',
    severity: 'warning',
    direction: 'both',
    start: offset,
    end: offset,
    message: `${file} could not be parsed: ${message}. Fix the syntax; the rest of the workspace was still analysed.`,
  };
}

/** Runs a rule and turns a crash inside it into a finding-free result, so one bad rule never stops a scan. */
function safely(run: () => void, ruleId: string, file: string, errors: FileAnalysis['errors']): void {
  try {
    run();
  } catch (e) {
    errors.push({ file, message: `internal error in rule ${ruleId}: ${(e as Error).message}. Please report this with the file.` });
  }
}

/**
 * Analyses one file in isolation: kind detection, parse, rules, units, imports. Pure and cacheable:
 * the result depends only on (text, file, options). An editor passes the same `parseState` for every version of an
 * open document, so that JS/TS edits re-parse only the statements they touch; the result is the same either way.
 */
export function analyzeFile(text: string, file: string, options: AnalyzeOptions = {}, kindHint?: FileKind, parseState?: JsParseState): FileAnalysis {
  const kind = kindHint ?? detectKind(file, text);
  const lineStarts = computeLineStarts(text);
  const result: FileAnalysis = { file, kind, findings: [], units: [], errors: [], imports: [], handlerExports: [], lineStarts };
  if (kind === 'unknown') return result;
  const findings: RawFinding[] = [];
  if (kind === 'javascript' || kind === 'typescript') {
    const parsed = parseState ? parseJsIncremental(text, file, parseState) : parseJs(text, file);
    if (!parsed.ast) {
      findings.push(parseErrorFinding(parsed.error!.offset, parsed.error!.message, file, text));
    } else {
      const ast = parsed.ast;
      const modules = collectModuleInfo(ast);
      result.imports = modules.relativeImports;
      result.handlerExports = findHandlerExports(ast).map((e) => e.name);
      const testFile = isTestFile(file);
      for (const rule of jsRules) {
        if (options.rules?.[rule.meta.id] === 'off') continue;
        const report = makeReporter(rule.meta, findings);
        safely(() => rule.check({ file, text, ast, modules, isTestFile: testFile, report }), rule.meta.id, file, result.errors);
      }
      addCodeUnits(ast, modules, text, options, result, findings);
    }
  } else if (kind === 'python') {
    analyzePython(text, file, options, result, findings);
  } else {
    const model = extractUnits(kind, text, file);
    if (model) {
      if (model.parseErrors.length) findings.push(parseErrorFinding(model.parseErrors[0].offset, model.parseErrors[0].message, file, text));
      for (const u of model.units) if (u.range) u.line = lineColumnAt(lineStarts, u.range[0]).line;
      result.units = model.units;
      if (model.findings) findings.push(...model.findings);
      if (!model.parseErrors.length) {
        for (const rule of iacRules) {
          if (options.rules?.[rule.meta.id] === 'off') continue;
          const report = makeReporter(rule.meta, findings);
          safely(() => rule.check({ file, text, units: model.units, parsed: model.parsed, kind, today: options.today, report }), rule.meta.id, file, result.errors);
        }
      }
    }
  }
  result.findings = applyOverrides(applySuppressions(text, lineStarts, findings), options);
  // The one masking point: nothing leaves the core (cache, worker threads, reports, conversions) with a credential.
  return redactAnalysis(result);
}

function applyOverrides(findings: RawFinding[], options: AnalyzeOptions): RawFinding[] {
  const rules = options.rules;
  if (!rules) return findings;
  const out: RawFinding[] = [];
  for (const f of findings) {
    const o = rules[f.ruleId];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}


/** Single-file convenience: the contract findings of one file's text. */
export function analyzeText(text: string, fileName: string, options: AnalyzeOptions = {}): Finding[] {
  const a = analyzeFile(text, fileName, options);
  return a.findings.map((f) => toContractFinding(f, fileName, a.lineStarts));
}

/** Workspace entry for callers that hold every file's text (tests, small workspaces). */
export function analyzeWorkspace(files: { file: string; text: string }[], options: AnalyzeOptions = {}): AssessResult {
  const startedAt = Date.now();
  const analyses = files.map((f) => analyzeFile(f.text, f.file, options));
  return joinAnalyses({ analyses, startedAt });
}
