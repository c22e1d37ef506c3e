// The core's public surface, bundled on its own as dist/analyzer.js so the extension loads it (and the TypeScript
// parser with it) only on first analysis.
export { analyzeFile, analyzeText, analyzeWorkspace } from './analyze';
export { ensurePythonParser } from './python/parser';
export { ensureParser, ensureParsers } from './parsers/load';
export { detectKind, isCodeKind } from './detect';
import { joinAnalyses as joinWith, type JoinInput } from './workspace';
import { readConstructInstance } from './join/cdkInstance';
import type { AssessResult } from './types';
export { documentFindings, publicUnit } from './workspace';
export { readConstructInstance };

/** The workspace join (workspace.ts), reading CDK construct instances with this analyser's parser. */
export function joinAnalyses(input: JoinInput): AssessResult {
  return joinWith({ ...input, options: { readConstruct: readConstructInstance, ...input.options } });
}
export { allRules, allRuleMetas, ruleMeta } from './rules';
export { docsUrl } from './rules/types';
export { canSuppress, commentMarker, planFileSuppression, planSuppression, zeroBasedEdits } from './suppress';
export { formatJson } from './report/json';
export { computeReadiness, unitSummary } from './report/verdict';
export { formatSarif } from './report/sarif';
export { formatText } from './report/text';
export { computeLineStarts, lineColumnAt, toContractFinding } from './position';
export { VERSION } from './version';
export type * from './types';
export { parseConfig, withOverrides, defaultConfig } from './config';
export { buildReportModel, CONCURRENCY_RULE_ID, withReportFindings } from './report/model';
export { formatHtml } from './report/html';
export { formatMarkdown } from './report/markdown';
export { parseBaseline, applyBaseline } from './report/baseline';
export { convertUnit, defaultTarget, ConvertError } from './convert';
export type { ConvertOptions, ConvertResult, GeneratedFile, K8sFormat, ConvertTarget } from './convert';
export { findingsOf, unitKey } from './identity';
export type { DirectionSetting } from './direction';
