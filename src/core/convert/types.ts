import type { Finding, Unit } from '../types';
import type { IdentityMode } from './iam';

export type ConvertTarget = 'kubernetes' | 'lambda';
export type K8sFormat = 'manifests' | 'helm' | 'kustomize';

export interface GeneratedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
}

export interface ConvertOptions {
  to: ConvertTarget;
  format?: K8sFormat;
  identity?: IdentityMode;
  namespace?: string;
  /**
   * The output folder relative to the Docker build context (the assessed root), forward slashes; the Dockerfile
   * copies the runner from there. Defaults to `.`.
   */
  outDir?: string;
  /** The assessment's findings for this unit; blockers are listed in generated headers. */
  findings?: Finding[];
}

export interface ConvertResult {
  files: GeneratedFile[];
  /** Decisions the reviewer should know about (mapping choices, placeholders to fill). */
  notes: string[];
  /** Things the conversion cannot carry over; the output still builds but needs work (or a different design). */
  blockers: string[];
  /** The generated Kubernetes objects (manifests format), for validation and round trips. */
  objects?: Record<string, unknown>[];
}

/** A conversion that cannot produce anything useful (wrong unit kind, schedule cron cannot express…). */
export class ConvertError extends Error {}

export type { Unit };
