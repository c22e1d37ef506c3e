// The finding a file gets when it cannot be parsed: reported by analyzeFile for every language, never by a check().
import type { RawFinding } from '../../types';
import { formatMessage, type RuleMeta } from '../types';

export const parseError: RuleMeta = {
  id: 'core/parse-error',
  category: 'parse-error',
  severity: 'warning',
  direction: 'both',
  docs: {
    description:
      'A file that does not parse cannot be checked by any rule: the rest of the workspace is still analysed, but this file contributes no findings or units.',
    reference: 'https://typescript-eslint.io/packages/typescript-estree/',
  },
  messages: {
    syntax: '{file} could not be parsed: {message}. Fix the syntax; the rest of the workspace was still analysed.',
  },
};

/** The parse-error finding of `file`, at `offset` (moved back onto the last line with content when past it). */
export function parseErrorFinding(offset: number, message: string, file: string, text?: string): RawFinding {
  // Parsers report unclosed brackets at end of input; point at the last line with content instead of past it.
  if (text !== undefined && offset >= text.trimEnd().length) offset = Math.max(0, text.trimEnd().length - 1);
  return {
    ruleId: parseError.id,
    category: parseError.category,
    severity: parseError.severity,
    direction: parseError.direction,
    start: offset,
    end: offset,
    message: formatMessage(parseError.messages.syntax, { file, message }),
  };
}
