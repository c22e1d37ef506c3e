import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, type Node, walkTypes } from '../../js/ast';
import { propValue, runsAtModuleLoad, stripTs } from '../../js/flow';
import { resolveRef } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

const ASYNC_CP = new Set(['fork', 'spawn', 'exec', 'execFile']);
const SYNC_CP = new Set(['execSync', 'execFileSync', 'spawnSync']);

type Kind = { messageId: string; what: string; severity?: 'info' | 'warning' } | undefined;

/** Classifies a call/new expression that starts a thread or process. */
function classify(node: TSESTree.CallExpression | TSESTree.NewExpression, ref: ReturnType<typeof resolveRef>): Kind {
  if (!ref) return undefined;
  const { module: m, path } = ref;
  const last = path[path.length - 1];
  const isNew = node.type === 'NewExpression';
  if (m === 'worker_threads' && last === 'Worker' && isNew) return { messageId: 'thread', what: 'worker_threads `Worker`' };
  if (m === 'cluster' && last === 'fork') return { messageId: 'cluster', what: '`cluster.fork`' };
  if (m === 'child_process' && last && ASYNC_CP.has(last) && path.length === 1) {
    return last === 'fork' ? { messageId: 'fork', what: 'child_process `fork`' } : { messageId: 'process', what: `child_process \`${last}\`` };
  }
  if (m === 'child_process' && last && SYNC_CP.has(last) && path.length === 1) return { messageId: 'syncProcess', what: `\`${last}\``, severity: 'info' };
  if (
    (m === 'execa' && (path.length === 0 || last === 'execa' || last === 'execaNode' || last === 'default')) ||
    (m === 'cross-spawn' && (path.length === 0 || last === 'spawn' || last === 'default'))
  ) {
    return { messageId: 'process', what: `\`${m}\`` };
  }
  if (m === 'piscina' && (path.length === 0 || last === 'Piscina' || last === 'default') && isNew) return { messageId: 'pool', what: 'a Piscina pool' };
  if (m === 'workerpool' && last === 'pool') return { messageId: 'pool', what: 'a workerpool pool' };
  return undefined;
}

/** `os.cpus().length`, `cpus().length`, `os.availableParallelism()`. */
function isCpuCount(node: Node, bindings: Map<string, { module: string; path: string[] }>): boolean {
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'length') {
    const obj = stripTs(node.object as Node);
    if (obj?.type === 'CallExpression') {
      const r = resolveRef(obj.callee as Node, bindings);
      return r?.module === 'os' && r.path[r.path.length - 1] === 'cpus';
    }
  }
  if (node.type === 'CallExpression') {
    const r = resolveRef(node.callee as Node, bindings);
    return r?.module === 'os' && r.path[r.path.length - 1] === 'availableParallelism';
  }
  return false;
}

export const threadsOrProcesses: JsRule = {
  language: 'js',
  // Every kind comes from one of these modules (`os.cpus()` counts only beside one of them).
  needs: ['worker_threads', 'cluster', 'child_process', 'execa', 'cross-spawn', 'piscina', 'workerpool'],
  meta: {
    id: 'handler/threads-or-processes',
    category: 'threads-or-processes',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Threads, forked processes and worker pools get CPU in proportion to memory on Lambda and are frozen between invocations.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    },
    messages: {
      thread:
        '{what} runs beside the handler, but Lambda gives the function CPU in proportion to memory (1 vCPU at 1,769 MB) and freezes the thread when the handler returns. Finish and terminate the worker inside the invocation, raise the memory setting, or fan the work out to more invocations.',
      cluster:
        '{what} starts extra Node processes, but Lambda runs one request per environment and freezes them between invocations. Drop the cluster: Lambda scales by running more environments.',
      fork: "{what} starts a second Node process with its own memory and start-up cost inside the function's memory limit, and it is frozen when the handler returns. Call the code in-process, or split it into its own function.",
      process:
        '{what} starts a child process that is frozen or killed if it is still running when the handler returns. Await its exit before returning and keep it well inside the timeout, or move long jobs to a container (ECS/Kubernetes Job).',
      syncProcess:
        '{what} blocks the handler while the child runs; fine for short tools, but it counts against the timeout and the binary must be in the package or a layer. Keep it short or move the job to a container.',
      pool: '{what} keeps worker threads alive between invocations, where Lambda freezes them, and its default size follows the visible cores, not the vCPU Lambda allocates. Size the pool from the memory setting and destroy it before returning, or fan the work out to more invocations.',
      cpus: '{what} sizes work from the visible cores, but Lambda allocates CPU in proportion to memory (1 vCPU at 1,769 MB) and shows cores that the function may not get. Size from the memory setting (AWS_LAMBDA_FUNCTION_MEMORY_SIZE) instead.',
    },
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    const usesParallelism = ['worker_threads', 'cluster', 'piscina', 'workerpool', 'child_process'].some((m) => ctx.modules.modules.has(m));
    walkTypes(ctx.ast, ['CallExpression', 'NewExpression', 'MemberExpression'], (node, ancestors) => {
      if (node.type === 'CallExpression' || node.type === 'NewExpression') {
        const kind = classify(node, resolveRef(node.callee as Node, bindings));
        if (kind) {
          if (isLocalOnly(node, ancestors)) return;
          // While the module loads, synchronous children are INIT cost: handler/cold-start-import reports them.
          if (kind.messageId === 'syncProcess' && runsAtModuleLoad(ancestors)) return;
          // `cluster.fork()` under `if (cluster.isPrimary)` is still the cluster pattern; nothing to exempt there.
          let severity = kind.severity;
          // A detached child outlives the invocation by design.
          if (
            kind.messageId === 'process' &&
            node.type === 'CallExpression' &&
            node.arguments.some((a) => stripTs(propValue(a as Node, 'detached'))?.type === 'Literal')
          )
            severity = 'warning';
          const cpuBound = kind.messageId === 'thread' || kind.messageId === 'pool';
          ctx.report({ messageId: kind.messageId, data: { what: kind.what }, at: node, severity, mentions: cpuBound ? 'memory' : undefined });
          return 'skip';
        }
      }
      if (usesParallelism && isCpuCount(node, bindings)) {
        if (isLocalOnly(node, ancestors)) return;
        const p = node.type === 'MemberExpression' ? memberPath(node.object as Node) : memberPath((node as TSESTree.CallExpression).callee as Node);
        ctx.report({ messageId: 'cpus', data: { what: `\`${(p ?? ['cpus']).filter((s) => s !== '()').join('.')}()\`` }, at: node, mentions: 'memory' });
        return 'skip';
      }
      return undefined;
    });
  },
};
