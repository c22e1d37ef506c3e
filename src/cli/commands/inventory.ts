import { fetchAwsUnits, formatInventoryJson, formatInventoryText, type FetchAwsOptions } from '../../node/aws/inventory';
import { knownRuleIds } from '../../node/analyzer';
import { parseCommand, parseRuleOverrides, UsageError, type CliIO } from '../io';
import { helpText, INVENTORY } from './specs';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export async function runInventory(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(INVENTORY, argv);
  const v = parsed.values;
  if (v.help) {
    io.stdout(`${helpText(INVENTORY)}\n`);
    return 0;
  }
  const region = v.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('no region: pass --region <region> (e.g. --region eu-west-1) or set AWS_REGION.');
  if (!REGION.test(region)) throw new UsageError(`--region '${region}' is not an AWS region name like eu-west-1 or us-gov-west-1.`);
  const format = v.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}'. Use text or json.`);
  let endpointUrl: string | undefined;
  if (v['endpoint-url'] !== undefined) {
    let u: URL;
    try {
      u = new URL(v['endpoint-url']);
    } catch {
      throw new UsageError(`--endpoint-url '${v['endpoint-url']}' is not a URL. Pass e.g. http://localhost:4566.`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--endpoint-url must be http:// or https://, got '${u.protocol}'.`);
    if (u.username || u.password) throw new UsageError('--endpoint-url must not carry a user name or password; use --profile for credentials.');
    endpointUrl = u.toString().replace(/\/$/, '');
  }
  const profile = v.profile;
  if (profile !== undefined && !/^[^\s[\]]+$/.test(profile)) throw new UsageError(`--profile '${profile}' is not a profile name (no spaces or brackets).`);
  const concurrency = Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new UsageError(`--concurrency '${v.concurrency}' must be a whole number from 1 to 16.`);
  if (v.today !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(v.today) && !Number.isNaN(Date.parse(v.today))))
    throw new UsageError(`--today '${v.today}' is not a YYYY-MM-DD date.`);
  const rules = parseRuleOverrides(v.rule, knownRuleIds);

  const opts: FetchAwsOptions = { region, profile, endpointUrl, concurrency, today: v.today, rules };
  const inv = await fetchAwsUnits(opts);
  io.stdout(format === 'json' ? formatInventoryJson(inv) : formatInventoryText(inv, { color: io.isTTY }));
  if (!inv.listed) {
    const why = inv.denied.length ? 'lambda:ListFunctions was denied' : (inv.errors[0]?.message ?? 'the function list could not be read');
    io.stderr(`lambdashift: no functions could be listed in ${region}: ${why.replace(/\.$/, '')}. See docs/inventory.md for the read-only policy.\n`);
    return 2;
  }
  return inv.errors.length ? 1 : 0;
}
