// Assess a workspace given as file texts, in process: each file's kind detected as the scan does (its siblings' names
// tell Helm values apart), then joined. Other files may be named only (Go sources the tool does not read).
import { analyzeFile } from '../../src/core/analyze';
import { detectKind } from '../../src/core/detect';
import type { AssessResult } from '../../src/core/types';
import { joinAnalyses } from '../../src/core/api';

export function assessTexts(files: Record<string, string>, names: string[] = []): AssessResult {
  const dir = (f: string) => f.slice(0, Math.max(0, f.lastIndexOf('/')));
  const siblings = (f: string) =>
    new Set(
      Object.keys(files)
        .filter((x) => dir(x) === dir(f))
        .map((x) => x.slice(x.lastIndexOf('/') + 1)),
    );
  const analyses = Object.entries(files)
    .map(([file, text]) => analyzeFile(text, file, { today: '2026-11-22' }, detectKind(file, text, siblings(file))))
    .filter((a) => a.kind !== 'unknown');
  return joinAnalyses({ analyses, files: [...Object.keys(files), ...names] });
}
