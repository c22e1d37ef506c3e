import { copiesWebAdapter } from './join/lambdaImage';
import { dirOf, nearestFolder } from './relpath';
import type { FileAnalysis, FileFacts, FileKind, Unit } from './types';

// Lambda Web Adapter (https://github.com/awslabs/aws-lambda-web-adapter) runs an unchanged HTTP app inside Lambda:
// the app listens on a port, the adapter extension turns each invocation into a request to it. Its settings live in
// the IaC (AWS_LWA_* variables, the adapter layer, the /opt/bootstrap exec wrapper) or the image's Dockerfile (the
// adapter copied in as an extension, join/lambdaImage.ts), not in the app's code, so the code rules cannot see it; the
// workspace join drops listening-server findings in such functions' code folders, and in the folder of a Dockerfile
// that copies the adapter in even where no template declares the function.

/** The Lambda Web Adapter's layer (`arn:…:layer:LambdaAdapterLayerX86:26`). */
export const ADAPTER_LAYER = /LambdaAdapterLayer|aws-lambda-adapter|lambda-web-adapter/i;

/** A Lambda function set up to run its code behind Lambda Web Adapter. */
export function usesWebAdapter(u: Unit): boolean {
  if (u.kind !== 'lambda-function') return false;
  const env = u.environment ?? {};
  if (Object.keys(env).some((k) => k.startsWith('AWS_LWA_'))) return true;
  if (/^\/opt\/bootstrap$/.test(env.AWS_LAMBDA_EXEC_WRAPPER ?? '')) return true;
  if (u.imageBuild?.webAdapter) return true;
  return (u.layers ?? []).some((l) => ADAPTER_LAYER.test(l));
}

function joinRel(dir: string, sub: string): string {
  const segs: string[] = [];
  for (const s of `${dir}/${sub}`.replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  return segs.join('/');
}

/** Code folders (relative to the scan root) of functions behind Lambda Web Adapter; '' for the root itself. */
export function webAdapterFolders(units: readonly Unit[]): string[] {
  const out = new Set<string>();
  for (const u of units) {
    if (!usesWebAdapter(u)) continue;
    const declaredIn = u.file.includes('/') ? u.file.slice(0, u.file.lastIndexOf('/')) : '';
    if (u.codeFile) out.add(u.codeFile.includes('/') ? u.codeFile.slice(0, u.codeFile.lastIndexOf('/')) : '');
    else if (u.codeUri) {
      out.add(joinRel(declaredIn, u.codeUri));
      // CDK asset paths are relative to the app's root (where cdk.json is), usually one folder above lib/ or stack/.
      if (u.source === 'cdk') out.add(joinRel(declaredIn.includes('/') ? declaredIn.slice(0, declaredIn.lastIndexOf('/')) : '', u.codeUri));
    }
  }
  return [...out];
}

/** True when `file` lies in one of `folders` (or below it). */
export function inFolders(file: string, folders: readonly string[]): boolean {
  return folders.some((d) => d === '' || file === d || file.startsWith(`${d}/`));
}

/**
 * Code an image built to run behind Lambda Web Adapter serves (its Dockerfile copies the adapter in as an extension),
 * whether or not a template in the workspace declares the function: the files of the Dockerfile's folder and below,
 * up to a folder with a Dockerfile of its own. A Dockerfile that copies the adapter says where the image runs, as a
 * template's adapter layer does.
 */
export function behindAdapterImage(analyses: readonly FileAnalysis[]): (file: string) => boolean {
  const dockerDirs = new Set<string>();
  const adapterDirs = new Set<string>();
  for (const a of analyses) {
    if (a.kind !== 'dockerfile') continue;
    dockerDirs.add(dirOf(a.file));
    if (a.facts?.dockerfile && copiesWebAdapter(a.facts.dockerfile.stages)) adapterDirs.add(dirOf(a.file));
  }
  if (!adapterDirs.size) return () => false;
  return (file) => {
    const d = nearestFolder(file, (dir) => dockerDirs.has(dir));
    return d !== undefined && adapterDirs.has(d);
  };
}

/**
 * An HTTP framework app served on Lambda through an in-code adapter (serverless-http, Mangum, aws-lambda-go-api-proxy,
 * aws-serverless-java-container, Amazon.Lambda.AspNetCoreServer): the code is already a web app, and on Kubernetes the
 * app serves HTTP itself without the adapter. Read from the file's imports as written (a cheap text scan).
 */
type InCodeAdapter = NonNullable<FileFacts['httpAdapter']>;

const JS_ADAPTERS: [RegExp, string, string?][] = [
  [/^serverless-http$/, 'serverless-http'],
  [/^(?:@vendia\/|@codegenie\/)?serverless-express$|^aws-serverless-express$/, '$&', 'Express'],
  [/^@fastify\/aws-lambda$|^aws-lambda-fastify$/, '$&', 'Fastify'],
  [/^hono\/aws-lambda$/, '$&', 'Hono'],
  [/^@h4ad\/serverless-adapter$/, '$&'],
];
/** Frameworks by the package a file imports, the most specific first (a NestJS app imports express too). */
const JS_FRAMEWORKS: [RegExp, string][] = [
  [/^@nestjs\/(?:core|platform-express)$/, 'NestJS'],
  [/^nuxt$/, 'Nuxt'],
  [/^next$/, 'Next.js'],
  [/^express$/, 'Express'],
  [/^koa$/, 'Koa'],
  [/^fastify$/, 'Fastify'],
  [/^hono$/, 'Hono'],
  [/^@hapi\/hapi$/, 'hapi'],
];
const PY_ADAPTERS: [RegExp, string, string][] = [
  [/^mangum$/, 'Mangum', 'ASGI'],
  [/^(?:awsgi|aws_wsgi)$/, 'aws-wsgi', 'WSGI'],
  [/^serverless_wsgi$/, 'serverless-wsgi', 'WSGI'],
  [/^apig_wsgi$/, 'apig-wsgi', 'WSGI'],
];
const PY_FRAMEWORKS: [RegExp, string][] = [
  [/^fastapi$/, 'FastAPI'],
  [/^flask$/, 'Flask'],
  [/^starlette$/, 'Starlette'],
  [/^django$/, 'Django'],
];
/** An adapter package of aws-lambda-go-api-proxy (`…/gin`, `…/echo`, `…/httpadapter`): its name. */
export const GO_PROXY_ADAPTER = /^github\.com\/awslabs\/aws-lambda-go-api-proxy\/(\w+)/;

/** The router each of those adapters serves. */
export const GO_PROXY_FRAMEWORKS: Record<string, string> = {
  gin: 'Gin',
  echo: 'Echo',
  fiber: 'Fiber',
  gorillamux: 'gorilla/mux',
  chi: 'chi',
  httpadapter: 'net/http',
  iris: 'Iris',
  negroni: 'Negroni',
};
const JAVA_FRAMEWORKS: Record<string, string> = {
  spring: 'Spring',
  springboot: 'Spring Boot',
  springboot2: 'Spring Boot',
  springboot3: 'Spring Boot',
  springboot4: 'Spring Boot',
  jersey: 'Jersey',
  spark: 'Spark',
};

/** The framework of an aws-serverless-java-container package (`com.amazonaws.serverless.proxy.<name>`). */
export function javaProxyFramework(pkg: string): string {
  return JAVA_FRAMEWORKS[pkg] ?? 'Java web';
}

/**
 * The framework package among aws-serverless-java-container names (`com.amazonaws.serverless.proxy.spring.X` → `spring`):
 * a known framework's first, else any but the shared models and internals; `springboot` for the Spring Boot handler classes.
 */
export function javaProxyPackage(names: Iterable<string>): string | undefined {
  // The Spring Boot handlers sit in the Spring package (`…proxy.spring.SpringBootLambdaContainerHandler`, and
  // SpringDelegatingLambdaContainerHandler of the springboot3 and springboot4 artifacts).
  const packages = [...names]
    .map((q) => /^com\.amazonaws\.serverless\.proxy\.(\w+)(?:\.(\w+))?/.exec(q))
    .filter((m) => m !== null)
    .map((m) => (m[1] === 'spring' && /^Spring(?:Boot|Delegating)/.test(m[2] ?? '') ? 'springboot' : m[1]));
  return packages.find((p) => JAVA_FRAMEWORKS[p]) ?? packages.find((p) => p !== 'model' && p !== 'internal' && p !== 'exceptions');
}

/** Module names a file imports, as written: JS/TS `require`/`import`, Python `import`/`from`, Go import paths. */
function importsIn(kind: FileKind, text: string): string[] {
  const re =
    kind === 'python'
      ? /^[ \t]*(?:from|import)[ \t]+([\w.]+)/gm
      : kind === 'go'
        ? /"([\w.\-/]+)"/g
        : /(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;
  return [...text.matchAll(re)].map((m) => (kind === 'python' ? m[1].split('.')[0] : m[1]));
}

/** The in-code adapter a code file serves an HTTP app through, if any. */
export function inCodeAdapter(kind: FileKind, text: string): InCodeAdapter | undefined {
  if (kind === 'javascript' || kind === 'typescript') {
    if (!/serverless|aws-lambda|adapter/.test(text)) return undefined;
    const mods = importsIn(kind, text);
    for (const [re, name, fixed] of JS_ADAPTERS) {
      const m = mods.find((x) => re.test(x));
      if (!m) continue;
      const framework = JS_FRAMEWORKS.find(([f]) => mods.some((x) => f.test(x)))?.[1] ?? fixed ?? 'HTTP';
      return { adapter: name === '$&' ? m : name, framework };
    }
    return undefined;
  }
  if (kind === 'python') {
    if (!/mangum|wsgi/.test(text)) return undefined;
    const mods = importsIn(kind, text);
    for (const [re, adapter, kindOfApp] of PY_ADAPTERS) {
      if (!mods.some((x) => re.test(x))) continue;
      return { adapter, framework: PY_FRAMEWORKS.find(([f]) => mods.some((x) => f.test(x)))?.[1] ?? kindOfApp };
    }
    return undefined;
  }
  if (kind === 'go') {
    if (!/aws-lambda-go-api-proxy|algnhsa|apex\/gateway|gateway/.test(text)) return undefined;
    for (const path of importsIn(kind, text)) {
      const proxy = GO_PROXY_ADAPTER.exec(path);
      if (proxy && GO_PROXY_FRAMEWORKS[proxy[1]]) return { adapter: 'aws-lambda-go-api-proxy', framework: GO_PROXY_FRAMEWORKS[proxy[1]] };
      if (/^github\.com\/(?:akrylysov\/algnhsa|apex\/gateway|carlmjohnson\/gateway|earthboundkid\/gateway)(?:\/|$)/.test(path))
        return { adapter: path.split('/').slice(1, 3).join('/'), framework: 'net/http' };
    }
    return undefined;
  }
  if (kind === 'java') {
    // The handler class imports the container handler of its framework (`…proxy.spring.SpringBootLambdaContainerHandler`)
    // beside the shared request and response models (`…proxy.model.AwsProxyRequest`).
    if (!text.includes('com.amazonaws.serverless.proxy.')) return undefined;
    const own = javaProxyPackage([...text.matchAll(/^\s*import\s+(com\.amazonaws\.serverless\.proxy\.\w+\.\w+)/gm)].map((m) => m[1]));
    return own ? { adapter: 'aws-serverless-java-container', framework: javaProxyFramework(own) } : undefined;
  }
  if (kind === 'csharp') {
    // The entry class derives from the adapter's function class (often written in full, without a `using`), or the
    // minimal hosting model adds it.
    const base =
      text.includes('Function') &&
      /\bclass\s+\w+\s*:[^{]*?\b(?:APIGatewayProxyFunction|APIGatewayHttpApiV2ProxyFunction|ApplicationLoadBalancerFunction)\b/.test(text);
    if (
      base ||
      (text.includes('Amazon.Lambda.AspNetCoreServer') && /^\s*using\s+Amazon\.Lambda\.AspNetCoreServer\s*;/m.test(text)) ||
      /\bAddAWSLambdaHosting\s*\(/.test(text)
    )
      return { adapter: 'Amazon.Lambda.AspNetCoreServer', framework: 'ASP.NET Core' };
    // A minimal API program that maps routes, whose hosting call sits in a shared project (`Startup.Build(args)` calling
    // AddAWSLambdaHosting): a function whose code it is can run on Lambda only through that hosting (Lambda Web Adapter
    // is seen in the template or image first).
    if (
      ((text.includes('Microsoft.AspNetCore.Builder') && /^\s*using\s+Microsoft\.AspNetCore\.Builder\s*;/m.test(text)) ||
        /\bWebApplication\.Create(?:Builder|SlimBuilder)?\s*\(/.test(text)) &&
      /\.Map(?:Get|Post|Put|Delete|Patch|Methods|Group|Controllers)\s*\(/.test(text)
    )
      return { adapter: 'Amazon.Lambda.AspNetCoreServer', framework: 'ASP.NET Core' };
  }
  return undefined;
}

/** How a finding names such an app: `an Express app served through serverless-http`. */
export function adaptedAppPhrase(a: InCodeAdapter): string {
  const article = /^(?:[AEIOU]|HTTP)/.test(a.framework) ? 'an' : 'a';
  return `${article} ${a.framework} app served through ${a.adapter}`;
}
