import { allRuleMetas } from '../rules';
import { docsUrl } from '../rules/types';
import type { AssessResult, Severity } from '../types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A stable fingerprint that survives line moves: rule + file + unit + the finding's message. */
export function fingerprint(parts: string[]): string {
  // FNV-1a 64-bit, hex. Pure JS so core needs no crypto module.
  let h = 0xcbf29ce484222325n;
  for (const ch of parts.join('\u0000')) {
    h ^= BigInt(ch.codePointAt(0)!);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** A relative path as a URI reference: each segment percent-encoded, so names with `|`, spaces or `#` stay valid. */
const encodeUri = (file: string) => file.split('/').map(encodeURIComponent).join('/');

/** SARIF 2.1.0 log. */
export function formatSarif(result: AssessResult): string {
  const used = new Set(result.findings.map((f) => f.ruleId));
  // Every rule is listed (not only those that fired) so that consumers can show rule help for a clean run too.
  const rules = allRuleMetas.map((meta) => ({
    id: meta.id,
    name: meta.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.docs.description },
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { category: meta.category, direction: meta.direction, tags: [meta.category, meta.direction] },
  }));
  for (const id of used) {
    if (!rules.some((r) => r.id === id)) {
      rules.push({
        id,
        name: id,
        shortDescription: { text: id },
        helpUri: docsUrl(id),
        defaultConfiguration: { level: 'warning' },
        properties: { category: 'config-risk', direction: 'both', tags: [] },
      } as (typeof rules)[number]);
    }
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'LambdaShift', semanticVersion: result.tool.version, informationUri: 'https://github.com/lambdashift/lambdashift', rules } },
        originalUriBaseIds: { SRCROOT: { uri: './' } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeUri(f.file), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: { 'lambdashift/v1': fingerprint([f.ruleId, f.file, f.unit ?? '', f.message]) },
          properties: { category: f.category, direction: f.direction, ...(f.unit ? { unit: f.unit } : {}) },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: encodeUri(e.file), uriBaseId: 'SRCROOT' },
                    ...(e.line ? { region: { startLine: e.line } } : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
