import type { ModelRule } from '../types';
import { configRisk } from './config-risk';
import { deployHook } from './deploy-hook';
import { deprecatedRuntime } from './deprecated-runtime';
import { eventSource } from './event-source';
import { iacListeningServer } from './listening-server';
import { lambdaFeatures } from './lambda-features';
import { longRunning } from './long-running';
import { nonAwsProviderRule } from './non-aws-provider';
import { podEntryPoint } from './pod-entry-point';
import { resourceLimit } from './resource-limit';
import { scriptRuntime } from './script-runtime';
import { sidecar } from './sidecar';
import { statefulStorage } from './stateful-storage';
import { timeoutLimit } from './timeout-limit';

/** Rules over the unit model (any IaC format, CDK code included), sorted by id. */
export const iacRules: ModelRule[] = [
  configRisk,
  deployHook,
  deprecatedRuntime,
  eventSource,
  iacListeningServer,
  lambdaFeatures,
  longRunning,
  nonAwsProviderRule,
  podEntryPoint,
  resourceLimit,
  scriptRuntime,
  sidecar,
  statefulStorage,
  timeoutLimit,
];
