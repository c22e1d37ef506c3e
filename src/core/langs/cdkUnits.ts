// Units declared in a Java or C# file that is a CDK app: read by the language's CDK model and checked by the same
// model rules as templates.
import { runRules, type RuleRun } from '../engine';
import type { SyntaxNode } from '../parsers/treesitter';
import { computeLineStarts, lineColumnAt } from '../position';
import { iacRules } from '../rules';
import type { AnalyzeOptions, FileAnalysis, RawFinding, Unit } from '../types';

/** The file being analysed, as the language's analysis has it. */
interface Analysing {
  text: string;
  file: string;
  options: AnalyzeOptions;
  result: FileAnalysis;
  findings: RawFinding[];
  budget?: RuleRun['budget'];
}

export function addCdkUnits(
  extract: (root: SyntaxNode, file: string, lineAt: (offset: number) => number) => Unit[],
  kind: string,
  root: SyntaxNode,
  { text, file, options, result, findings, budget }: Analysing,
): void {
  const lineStarts = result.lineStarts.length ? result.lineStarts : computeLineStarts(text);
  const units = extract(root, file, (offset) => lineColumnAt(lineStarts, offset).line);
  if (!units.length) return;
  result.units.push(...units);
  runRules(iacRules, { file, text, units, parsed: root, kind, today: options.today }, { file, options, findings, errors: result.errors, budget });
}
