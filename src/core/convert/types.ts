import type { Finding, Unit } from '../types';
import type { IdentityMode } from './iam';
import type { ReportRow } from './report';

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
  /**
   * Seconds added to the function's timeout for a Job's activeDeadlineSeconds: image pull, container start and
   * module loading happen inside the deadline on Kubernetes but before the timer on Lambda. Default 60.
   */
  deadlineAllowanceSeconds?: number;
  /**
   * Convert even when the unit has blockers in the target direction (explicit consent: `--force-blockers`, the editor's
   * "Convert anyway"). The generated files then start with the blockers as comments. Without it, blockers stop the
   * conversion with a ConvertBlockedError.
   */
  forceBlockers?: boolean;
  /** Non-secret ConfigMap data the workload reads, by ConfigMap name (Kubernetes → Lambda), found beside the unit. */
  configMaps?: Record<string, Record<string, string>>;
}

export interface ConvertResult {
  files: GeneratedFile[];
  /** Decisions the reviewer should know about (mapping choices, placeholders to fill). */
  notes: string[];
  /** Things the conversion cannot carry over; the output still builds but needs work (or a different design). */
  blockers: string[];
  /** The generated Kubernetes objects (manifests format), for validation and round trips. */
  objects?: Record<string, unknown>[];
  /** Every setting of the source unit with what it became (also written as CONVERSION.md). */
  report: ReportRow[];
  /** Values the output does not have and must not pretend to have (unresolved sizes): fill them before deploying. */
  warnings: string[];
}

/** The unit has blockers in the target direction and the caller did not consent to converting anyway. */
export class ConvertBlockedError extends Error {
  constructor(
    readonly unitName: string,
    readonly blockers: string[],
  ) {
    super(`${unitName} has ${blockers.length} blocker${blockers.length === 1 ? '' : 's'} for this conversion; the output would not work as the source does.`);
    // The editor gets the core through a separately bundled module: it recognises this error by name, not by class.
    this.name = 'ConvertBlockedError';
  }
}

/** A conversion that cannot produce anything useful (wrong unit kind, schedule cron cannot express…). */
export class ConvertError extends Error {}

export const DEFAULT_DEADLINE_ALLOWANCE_SECONDS = 60;

export type { Unit };
