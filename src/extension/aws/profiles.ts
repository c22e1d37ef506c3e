// Profile NAMES from the shared AWS config and credentials files, for a quick pick. Only section headers are read;
// keys and values (credentials among them) are never parsed, kept or shown.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `[default]`, `[profile x]` in config; `[x]` in credentials. `[sso-session x]`, `[services x]` are not profiles. */
export function parseProfileNames(configText: string, credentialsText: string): string[] {
  const names = new Set<string>();
  const headers = (text: string) => [...text.matchAll(/^[ \t]*\[([^\]\r\n]+)\][ \t]*(?:[#;].*)?$/gm)].map((m) => m[1].trim());
  for (const h of headers(configText)) {
    if (h === 'default') names.add('default');
    else {
      const m = /^profile\s+(\S+)$/.exec(h);
      if (m) names.add(m[1]);
    }
  }
  for (const h of headers(credentialsText)) if (/^\S+$/.test(h)) names.add(h);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Honours AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE like the SDK does. */
export async function readProfileNames(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const home = os.homedir();
  const config = env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config');
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials');
  return parseProfileNames(await readOrEmpty(config), await readOrEmpty(credentials));
}

/** Regions offered in the quick pick (the user can also type another). */
export const COMMON_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-east-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'il-central-1',
];
