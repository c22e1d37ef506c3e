import { csBackgroundWork } from './background-work';
import { csEventSource } from './event-source';
import { csInMemoryState } from './in-memory-state';
import { csListeningServer } from './listening-server';
import { csLocalDiskWrite } from './local-disk-write';
import { csLongRunning } from './long-running';
import { csRuntimeCoupling } from './runtime-coupling';
import type { CsRule } from './types';

/** C# rules, sorted by id. They run through src/core/csharp/analyze.ts. */
export const csharpRules: CsRule[] = [
  csBackgroundWork,
  csEventSource,
  csInMemoryState,
  csListeningServer,
  csLocalDiskWrite,
  csLongRunning,
  csRuntimeCoupling,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const csharpRuleMetas: import('../types').RuleMeta[] = csharpRules.map((r) => r.meta);
