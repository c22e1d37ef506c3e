import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';

/** Python analysis hook: parses with web-tree-sitter (loaded lazily) and runs the Python rules. Stub for now. */
export function analyzePython(_text: string, _file: string, _options: AnalyzeOptions, _result: FileAnalysis, _findings: RawFinding[]): void {}
