import type { FileKind, RawFinding, Unit } from '../types';
import { parseYaml } from '../parsers/yaml';
import { extractCloudFormationUnits } from './cloudformation';

export interface ModelExtraction {
  units: Unit[];
  /** Format-specific parse result handed to model rules. */
  parsed: unknown;
  /** Parse problems as (offset, message); the first becomes the file's parse-error finding. */
  parseErrors: { offset: number; message: string }[];
  /** Findings the extractor itself raises (e.g. unresolved variables). */
  findings?: RawFinding[];
}

/** Reads one IaC file into units. Pure: text in, model out. */
export function extractUnits(kind: FileKind, text: string, file: string): ModelExtraction | undefined {
  switch (kind) {
    case 'cloudformation': {
      const parsed = parseYaml(text, { cloudFormation: true });
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      const units = parsed.docs.flatMap((d) => extractCloudFormationUnits(d, file));
      return { units, parsed, parseErrors: [] };
    }
    case 'serverless':
    case 'kubernetes':
    case 'helm-values':
    case 'kustomization':
    case 'helm-chart': {
      const parsed = parseYaml(text);
      return { units: [], parsed, parseErrors: parsed.errors };
    }
    default:
      return undefined;
  }
}
