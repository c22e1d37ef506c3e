import { detectKind } from './detect';
import { parseJs, parseJsIncremental, type JsParseState } from './parsers/typescript';
import { collectModuleInfo } from './js/module';
import { findHandlerExports, isTestFile } from './js/scope';
import { addCodeUnits, extractUnits } from './model';
import { computeLineStarts, lineColumnAt, toContractFinding } from './position';
import { iacRules, jsRules } from './rules';
import { analyzePython } from './python/analyze';
import { applySeverityOverrides, runRules } from './engine';
import { parseErrorFinding } from './rules/core/parse-error';
import { redactAnalysis } from './secrets';
import { applySuppressions } from './suppress';
import { joinAnalyses } from './workspace';
import type { AnalyzeOptions, AssessResult, FileAnalysis, FileKind, Finding, RawFinding } from './types';


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
      runRules(jsRules, { file, text, ast, modules }, { file, options, findings, errors: result.errors, testFile: isTestFile(file) });
      // Units declared in code (CDK constructs) are checked by the same model rules as templates.
      const units = addCodeUnits(ast, modules, text, result);
      if (units.length) runRules(iacRules, { file, text, units, parsed: ast, kind, today: options.today }, { file, options, findings, errors: result.errors });
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
        runRules(iacRules, { file, text, units: model.units, parsed: model.parsed, kind, today: options.today }, { file, options, findings, errors: result.errors });
      }
    }
  }
  result.findings = applySeverityOverrides(applySuppressions(text, lineStarts, findings), options.rules);
  // The one masking point: nothing leaves the core (cache, worker threads, reports, conversions) with a credential.
  return redactAnalysis(result);
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
