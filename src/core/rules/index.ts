import { awsRuleMetas } from './aws';
import { grpcService } from './build/grpc-service';
import { clusterService } from './iac/cluster-service';
import { rustLambdaRuntime } from './build/rust-lambda-runtime';
import { parseError } from './core/parse-error';
import { concurrencyLimit } from './report/concurrency-limit';
import { timeoutWall } from './report/timeout-wall';
import { couplingRules, handlerRules } from './handler';
import { iacRules } from './iac';
import { pythonRuleMetas } from './python';
import { goRuleMetas } from './go';
import { javaRuleMetas } from './java';
import { csharpRuleMetas } from './csharp';
import type { Rule, RuleMeta } from './types';

/** JS/TS rules of both directions. */
export const jsRules = [...handlerRules, ...couplingRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Every rule, in one explicit registry sorted by id. Each area keeps its own list. */
export const allRules: Rule[] = [...jsRules, ...iacRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/**
 * Metadata of every rule of every kind, sorted by id: per-file rules (JS/TS, Python, Go, Java, C#, IaC), the AWS
 * inventory's, the report's, the workspace join's (build/grpc-service) and the parse error. All run through
 * src/core/engine.ts; SARIF, `--rule` and the docs know them from here.
 */
export const allRuleMetas: RuleMeta[] = [
  ...allRules.map((r) => r.meta),
  ...pythonRuleMetas,
  ...goRuleMetas,
  ...javaRuleMetas,
  ...csharpRuleMetas,
  ...awsRuleMetas,
  concurrencyLimit,
  timeoutWall,
  parseError,
  grpcService,
  rustLambdaRuntime,
  clusterService,
].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(allRuleMetas.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export { iacRules };
