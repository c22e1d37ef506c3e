import { pyBackgroundWork } from './background-work';
import { pyColdStartImport } from './cold-start-import';
import { pyEventSource } from './event-source';
import { pyInMemoryState } from './in-memory-state';
import { pyListeningServer } from './listening-server';
import { pyLocalDiskWrite } from './local-disk-write';
import { pyLongLivedConnection } from './long-lived-connection';
import { pyLongRunning } from './long-running';
import { pyRuntimeCoupling } from './runtime-coupling';
import { pyThreadsOrProcesses } from './threads-or-processes';
import type { PyRule } from './types';

/** Python rules, sorted by id. They run through src/core/python/analyze.ts. */
export const pythonRules: PyRule[] = [
  pyBackgroundWork,
  pyColdStartImport,
  pyEventSource,
  pyInMemoryState,
  pyListeningServer,
  pyLocalDiskWrite,
  pyLongLivedConnection,
  pyLongRunning,
  pyRuntimeCoupling,
  pyThreadsOrProcesses,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const pythonRuleMetas: import('../types').RuleMeta[] = pythonRules.map((r) => r.meta);
