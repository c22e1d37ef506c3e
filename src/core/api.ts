// The core's public surface, bundled on its own as dist/analyzer.js so the extension loads it (and the TypeScript
// parser with it) only on first analysis.
export { analyzeFile, analyzeText, toContractFinding } from './analyze';
export { detectKind, isCodeKind } from './detect';
export { joinAnalyses, analyzeWorkspace, publicUnit } from './workspace';
export { allRules, allRuleMetas, ruleMeta } from './rules';
export { docsUrl } from './rules/types';
export { formatJson } from './report/json';
export { formatSarif } from './report/sarif';
export { formatText } from './report/text';
export { computeLineStarts, lineColumnAt } from './position';
export { VERSION } from './version';
export type * from './types';
