import { goBackgroundWork } from './background-work';
import { goEventSource } from './event-source';
import { goInMemoryState } from './in-memory-state';
import { goListeningServer } from './listening-server';
import { goLocalDiskWrite } from './local-disk-write';
import { goLongLivedConnection } from './long-lived-connection';
import { goLongRunning } from './long-running';
import { goRuntimeCoupling } from './runtime-coupling';
import type { GoRule } from './types';

/** Go rules, sorted by id. They run through src/core/go/analyze.ts. */
export const goRules: GoRule[] = [
  goBackgroundWork,
  goEventSource,
  goInMemoryState,
  goListeningServer,
  goLocalDiskWrite,
  goLongLivedConnection,
  goLongRunning,
  goRuntimeCoupling,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const goRuleMetas: import('../types').RuleMeta[] = goRules.map((r) => r.meta);
