import type { Node } from 'yaml';
import { getPath, mapEntries, mapGet, nodeRange, toJS, type ParsedYaml } from '../../parsers/yaml';
import type { ModelRule } from '../types';

/** The Serverless Framework provider a serverless.yml deploys to, when it names one that is not AWS. */
export function nonAwsProvider(root: unknown): string | undefined {
  const name = toJS(getPath(root, ['provider', 'name']));
  return typeof name === 'string' && name.trim() && name.trim().toLowerCase() !== 'aws' ? name.trim() : undefined;
}

export const nonAwsProviderRule: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/non-aws-provider',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'both',
    docs: {
      description:
        'A serverless.yml for another provider (kubeless, openwhisk, google, azure…) declares no AWS Lambda functions: it is listed once and skipped, never read as Lambda units.',
      reference: 'https://www.serverless.com/framework/docs/providers',
    },
    messages: {
      skipped:
        'This serverless.yml deploys to provider {provider}, not AWS Lambda, so its {count} were skipped. Assess what it runs from its own manifests (or set provider.name: aws once the functions target Lambda).',
    },
  },
  check(ctx) {
    if (ctx.kind !== 'serverless') return;
    for (const d of (ctx.parsed as ParsedYaml | undefined)?.docs ?? []) {
      const root = d.contents as Node | null;
      const provider = nonAwsProvider(root);
      if (!provider) continue;
      const n = mapEntries(mapGet(root, 'functions')).length;
      const at = nodeRange(getPath(root, ['provider', 'name'])) ?? [0, 0];
      ctx.report({ messageId: 'skipped', data: { provider, count: n === 1 ? '1 function' : `${n} functions` }, at });
    }
  },
};
