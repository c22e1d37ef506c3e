import type { JsRule } from '../types';
import { backgroundWork } from './background-work';
import { coldStartImport } from './cold-start-import';
import { eventSource } from './event-source';
import { configRisk } from './config-risk';
import { identity } from './identity';
import { inMemoryState } from './in-memory-state';
import { listeningServer } from './listening-server';
import { localDiskWrite } from './local-disk-write';
import { longLivedConnection } from './long-lived-connection';
import { longRunning } from './long-running';
import { runtimeCoupling } from './runtime-coupling';
import { threadsOrProcesses } from './threads-or-processes';

/** JS/TS handler rules, sorted by id. */
export const handlerRules: JsRule[] = [
  backgroundWork,
  coldStartImport,
  configRisk,
  inMemoryState,
  listeningServer,
  localDiskWrite,
  longLivedConnection,
  longRunning,
  threadsOrProcesses,
];

/** JS/TS rules for code coupled to Lambda (direction to-kubernetes), sorted by id. */
export const couplingRules: JsRule[] = [eventSource, identity, runtimeCoupling];
