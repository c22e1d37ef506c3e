import { datastoreServed, shellScriptOf } from '../../model/images';
import type { ModelRule } from '../types';
import { at } from './util';
import { JOB_KINDS } from '../../model/kubernetes';

/** A Job whose program is a shell script: Lambda runs no shell as a runtime. */
export const scriptRuntime: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/script-runtime',
    category: 'runtime-coupling',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'A Job or CronJob whose main container runs a shell script (a `.sh` file, or a `sh -c` script of several commands) has no Lambda runtime to run on: the script needs a custom runtime or a container image that runs it per event, with the tools it calls.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-walkthrough.html',
    },
    messages: {
      script:
        '{kind} {name} runs the shell script {script}, and Lambda has no shell runtime. Package the script with the tools it calls in a container image (or a provided.al2023 function) whose bootstrap runs it for each event, or rewrite it in a language Lambda runs.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      // In a Job the script is the work; a server's `start.sh` or `entrypoint.sh` only launches the program that is
      // (iac/listening-server, iac/long-running judge that).
      if (u.kind !== 'k8s-workload' || !JOB_KINDS.has(u.workloadKind ?? '')) continue;
      const main = u.containers?.[0];
      // A datastore's own server is iac/listening-server's; its image's scripts are not the work.
      if (!main || datastoreServed(main, u.workloadKind)) continue;
      const found = shellScriptOf(main);
      if (!found) continue;
      ctx.report({
        unit: u.name,
        messageId: 'script',
        data: { kind: u.workloadKind ?? 'Workload', name: u.name, script: found.script ? `\`${found.script}\`` : 'written inline (`sh -c`)' },
        at: at(u, 'containers.0'),
      });
    }
  },
};
