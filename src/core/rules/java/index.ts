import { javaBackgroundWork } from './background-work';
import { javaColdStartImport } from './cold-start-import';
import { javaEventSource } from './event-source';
import { javaInMemoryState } from './in-memory-state';
import { javaListeningServer } from './listening-server';
import { javaLocalDiskWrite } from './local-disk-write';
import { javaLongRunning } from './long-running';
import { javaRuntimeCoupling } from './runtime-coupling';
import type { JavaRule } from './types';

/** Java rules, sorted by id. They run through src/core/java/analyze.ts. */
export const javaRules: JavaRule[] = [
  javaBackgroundWork,
  javaColdStartImport,
  javaEventSource,
  javaInMemoryState,
  javaListeningServer,
  javaLocalDiskWrite,
  javaLongRunning,
  javaRuntimeCoupling,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const javaRuleMetas: import('../types').RuleMeta[] = javaRules.map((r) => r.meta);
