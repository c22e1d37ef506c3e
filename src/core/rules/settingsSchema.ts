import { allRuleMetas } from './index';

const MOVE = { 'to-lambda': 'for the move to Lambda', 'to-kubernetes': 'for the move to Kubernetes', both: 'for both moves' } as const;
const SEVERITIES = ['error', 'warning', 'info', 'off'];

/**
 * The JSON schema of the `lambdashift.rules` setting: one property per rule id, so editors complete the ids and
 * flag a misspelt one. Written into package.json by `npm run docs:settings`.
 */
export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const m of allRuleMetas) {
    properties[m.id] = {
      type: 'string',
      enum: SEVERITIES,
      markdownDescription: `${m.docs.description} Default \`${m.severity}\`; ${MOVE[m.direction]}.`,
    };
  }
  return {
    type: 'object',
    default: {},
    properties,
    additionalProperties: false,
    markdownDescription: 'Per-rule severity override, e.g. `{ "handler/background-work": "off" }`. Rule ids complete as you type; an unknown id is flagged.',
  };
}
