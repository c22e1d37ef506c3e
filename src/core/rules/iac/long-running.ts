import type { Unit } from '../../types';
import type { ModelRule } from '../types';
import { at } from './util';
import { imageBase, keptIdle, runsWithoutEnd, taskRunnerOf, webServerRun } from '../../model/images';
import { isDeploymentKind } from '../../model/kubernetes';

export const longRunning: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Jobs and CronJobs whose activeDeadlineSeconds is above 900 s, and worker Deployments (ReplicaSets, Pods kept running) that run continuously, run longer than a Lambda invocation can; a Job with no deadline gets a note to measure it.',
      reference: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
    },
    messages: {
      noDeadline:
        '{kind} {name} sets no activeDeadlineSeconds, so how long its runs take is not known here. Measure the longest run (job metrics) before converting: under 900 s it fits a Lambda invocation; above, keep it as a Job or split it.',
      worker:
        '{kind} {name} serves no port, so it is a background worker whose loop or consumer runs without end, while Lambda runs code per event for at most 900 s. Make each unit of work an event (an SQS message or an EventBridge schedule) handled within 900 s, or keep the worker on Kubernetes.',
      taskWorker:
        '{kind} {name} runs {tool} (`{command}`), which takes tasks from its broker for as long as it lives, while Lambda runs code per event for at most 900 s. Make each task type a function invoked per message (tasks sent to SQS, delivered in batches by an event source mapping), each task under 900 s, or keep the worker on Kubernetes.',
      taskScheduler:
        '{kind} {name} runs {tool} (`{command}`), an in-process scheduler that must stay alive to fire its periodic tasks, while Lambda keeps nothing running between events. Replace each of its schedules with an EventBridge Scheduler schedule that invokes (or enqueues) the task.',
      placeholder:
        '{kind} {name} runs only the pause image, a placeholder that does nothing (capacity held for scaling, or a demo of it): there is no work here to move to Lambda. Leave it with the cluster it reserves room in.',
      idle: '{kind} {name} only keeps its container alive (`{command}`): a placeholder holding capacity, or a pod kept for `kubectl exec`. There is no work here to move to Lambda; leave it with the cluster.',
      overLimit:
        '{kind} {name} allows {seconds} s per run, but a Lambda invocation is killed at 900 s. Split the work into chunks under 900 s (Step Functions, SQS fan-out) or keep it on Kubernetes.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      // A Deployment (or a Pod kept running) that listens on nothing and has no HTTP route is a worker: its work has no
      // per-request end.
      // (An httpGet probe, a PORT variable or a --port argument says it serves HTTP: iac/listening-server.)
      if (
        keptRunning(u) &&
        !(u.containers ?? []).some((c) => c.ports?.length || c.httpEvidence || webServerRun(c)) &&
        !u.events.some((e) => e.type === 'http')
      ) {
        // Pods of the pause image only hold capacity (cluster over-provisioning, Karpenter's `inflate` demo): no loop.
        const placeholder = onlyPause(u);
        const containers = u.containers ?? [];
        if (placeholder)
          ctx.report({ unit: u.name, messageId: 'placeholder', data: { kind: u.workloadKind!, name: u.name }, at: at(u, 'workloadKind'), severity: 'info' });
        else if (containers.length > 0 && containers.every((c) => keptIdle(c))) {
          const command = [...(containers[0].command ?? []), ...(containers[0].args ?? [])].join(' ');
          ctx.report({
            unit: u.name,
            messageId: 'idle',
            data: { kind: u.workloadKind!, name: u.name, command: command.length > 60 ? `${command.slice(0, 59)}…` : command },
            at: at(u, 'workloadKind'),
            severity: 'info',
          });
        } else {
          // A task queue's worker or scheduler, by its command: what replaces it is known.
          const runner = (u.containers ?? [])[0] ? taskRunnerOf(u.containers![0]) : undefined;
          if (runner)
            ctx.report({
              unit: u.name,
              messageId: runner.role === 'scheduler' ? 'taskScheduler' : 'taskWorker',
              data: { kind: u.workloadKind!, name: u.name, tool: runner.tool, command: runner.command },
              at: at(u, 'workloadKind'),
            });
          else ctx.report({ unit: u.name, messageId: 'worker', data: { kind: u.workloadKind!, name: u.name }, at: at(u, 'workloadKind') });
        }
        continue;
      }
      if (u.workloadKind !== 'Job' && u.workloadKind !== 'CronJob') continue;
      const data = { kind: u.workloadKind, name: u.name };
      // Only a declared bound above 900 s says a run is too long; without one nothing is known either way: a note.
      if (u.activeDeadlineSeconds === undefined) ctx.report({ unit: u.name, messageId: 'noDeadline', data, at: at(u, 'workloadKind'), severity: 'info' });
      else if (u.activeDeadlineSeconds > 900)
        ctx.report({
          unit: u.name,
          messageId: 'overLimit',
          data: { ...data, seconds: u.activeDeadlineSeconds },
          at: at(u, 'activeDeadlineSeconds'),
          severity: 'error',
        });
    }
  },
};

/**
 * A workload whose pods are kept running: a Deployment, a ReplicaSet, and a bare Pod whose restartPolicy does not let it
 * end (`Never`, `OnFailure`: one run, as a Job's pods) and whose command says it runs on (a loop, `watch`, a task queue's
 * worker, the pause image).
 */
function keptRunning(u: Unit): boolean {
  // A bare Pod is often a demo or a one-off (`python -c …`): a worker only when its command loops or a task runner runs.
  if (u.workloadKind === 'Pod')
    return (
      (u.restartPolicy === undefined || u.restartPolicy === 'Always') &&
      (u.containers ?? []).length > 0 &&
      (runsWithoutEnd(u.containers![0]) || taskRunnerOf(u.containers![0]) !== undefined || onlyPause(u))
    );
  return isDeploymentKind(u.workloadKind) || u.workloadKind === 'ReplicaSet';
}

/** Every container runs the pause image: pods that only hold capacity (over-provisioning, Karpenter's `inflate` demo). */
function onlyPause(u: Unit): boolean {
  const containers = u.containers ?? [];
  return containers.length > 0 && containers.every((c) => c.image !== undefined && imageBase(c.image) === 'pause');
}
