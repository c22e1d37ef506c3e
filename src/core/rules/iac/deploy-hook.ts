import type { ModelRule } from '../types';
import { at } from './util';

/** When each tool runs a hook of these phases, for the message. */
function whenRun(tool: string, phases: readonly string[]): string {
  if (tool === 'Argo CD') {
    const p = phases.join(', ');
    return /PreSync/.test(p)
      ? 'before it applies the application’s manifests on each sync'
      : /SyncFail/.test(p)
        ? 'when a sync fails'
        : /PostDelete/.test(p)
          ? 'after the application is deleted'
          : 'on each sync of the application';
  }
  const verbs = [...new Set(phases.map((p) => /^(pre|post)-(install|upgrade|delete|rollback)$/.exec(p)).filter(Boolean))].map(
    (m) => `${m![1] === 'pre' ? 'before' : 'after'} ${m![2]}`,
  );
  return verbs.length ? `${verbs.join(', ')} of the release` : 'during a release';
}

/** A Job or Pod that a Helm or Argo CD hook runs at deploy time: on Lambda the deployment must invoke it. */
export const deployHook: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/deploy-hook',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'A Job or Pod annotated as a Helm hook (`helm.sh/hook: pre-install`, `pre-upgrade`, …) or an Argo CD hook (`argocd.argoproj.io/hook: PreSync`, …) is started by the deploy tool at a point of the release; a Lambda function has no such trigger until the deployment invokes it.',
      reference: 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.triggers-readme.html',
    },
    messages: {
      hook: '{kind} {name} is a hook of {tool} ({phases}): {tool} runs it {when}, ordered with the rest of the deployment. Nothing invokes a Lambda function at deploy time by itself: invoke it from the deployment that replaces the chart (a CDK Trigger or a CloudFormation custom resource, ordered after the resources it needs), or make it a step of the pipeline.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind !== 'k8s-workload') continue;
      const i = u.events.findIndex((e) => typeof e.deployHook === 'string');
      if (i < 0) continue;
      const e = u.events[i];
      const tool = String(e.deployHook);
      const phases = (e.phases as string[] | undefined) ?? [];
      ctx.report({
        unit: u.name,
        messageId: 'hook',
        data: {
          kind: u.workloadKind ?? 'Workload',
          name: u.name,
          phases: phases.join(', '),
          tool,
          when: whenRun(tool, phases),
        },
        at: at(u, `events.${i}`),
      });
    }
  },
};
