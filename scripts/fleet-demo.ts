// Renders the fixture fleet's report against local servers: a Lambda API and CloudWatch (test/helpers) behind one
// --endpoint-url, and a real Prometheus (Debian's package, see test/setup-prometheus.sh). For looking at the report:
//   npx tsx scripts/fleet-demo.ts <out.html> [--days 2] [--format html|json|markdown|text] [--examples]
// --examples assesses examples/ against an account running it instead of the fixture fleet.
import path from 'node:path';
import { main } from '../src/cli/main';
import { FLEET_DIR, startFleetServers } from '../test/helpers/fleet';

async function run(): Promise<number> {
  const args = process.argv.slice(2);
  const out = path.resolve(args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'fleet-report.html');
  const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const days = opt('--days', '2');
  const format = opt('--format', 'html');
  const servers = await startFleetServers(Number(days));
  try {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDDEMO', AWS_SECRET_ACCESS_KEY: 'demo-secret', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' });
    const examples = args.includes('--examples');
    const what = examples ? [path.relative(process.cwd(), path.resolve(__dirname, '../examples'))] : ['--repos', path.relative(process.cwd(), FLEET_DIR)];
    return await main(
      [
        'assess',
        ...what,
        '--include-aws',
        '--region',
        'eu-west-1',
        '--endpoint-url',
        examples ? servers.examplesAws.url : servers.aws.url,
        '--metrics',
        '--metrics-days',
        days,
        '--prometheus-url',
        servers.prometheus.url,
        '--format',
        format,
        '--output',
        path.relative(process.cwd(), out),
        '--fail-on',
        'never',
        '--no-cache',
      ],
      {
        cwd: process.cwd(),
        isTTY: false,
        stderrIsTTY: Boolean(process.stderr.isTTY),
        columns: process.stderr.columns,
        env: process.env,
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
      },
    );
  } finally {
    await servers.close();
  }
}

run().then((code) => {
  process.exitCode = code;
});
