import type { DirectionSetting } from '../core/direction';
import type { FileAnalysis, FileJoinRecord, Finding } from '../core/types';

type Core = Pick<typeof import('../core/api'), 'documentFindings' | 'isCodeKind'>;

/**
 * What the Problems panel shows for an open document: its findings finalised by the core step the CLI's join uses,
 * with what the last workspace assessment knew about the file. No vscode here, so a test can hold it against the CLI.
 */
export function liveFindings(core: Core, analysis: FileAnalysis, join: FileJoinRecord | undefined, direction: DirectionSetting): Finding[] {
  return (
    core
      .documentFindings(analysis, join, direction)
      // The language services (TS, Pylance, gopls, Java, C#) already report syntax errors; ours would be noise while typing.
      .filter((f) => !(f.category === 'parse-error' && core.isCodeKind(analysis.kind)))
  );
}
