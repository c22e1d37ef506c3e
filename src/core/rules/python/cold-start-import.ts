import { walk, type PyNode } from '../../python/ast';
import { isServiceEntry } from '../../python/scope';
import type { PyRule, PyRuleContext } from './types';
import { range } from './util';

/**
 * Rough installed size (MB) of recent Linux x86_64 wheels, the package alone (dependencies not counted). Sizes vary by
 * version and build; they are orders of magnitude for the message, documented as such in the docs page.
 */
const HEAVY_PACKAGES: Record<string, { label: string; mb: number }> = {
  numpy: { label: 'NumPy', mb: 40 },
  pandas: { label: 'pandas', mb: 70 },
  scipy: { label: 'SciPy', mb: 100 },
  sklearn: { label: 'scikit-learn', mb: 40 },
  torch: { label: 'PyTorch', mb: 700 },
  tensorflow: { label: 'TensorFlow', mb: 1000 },
  keras: { label: 'Keras', mb: 10 },
  matplotlib: { label: 'Matplotlib', mb: 30 },
  pyarrow: { label: 'PyArrow', mb: 120 },
  polars: { label: 'Polars', mb: 100 },
  cv2: { label: 'OpenCV', mb: 90 },
  transformers: { label: 'Transformers', mb: 10 },
  spacy: { label: 'spaCy', mb: 40 },
  xgboost: { label: 'XGBoost', mb: 200 },
  statsmodels: { label: 'statsmodels', mb: 30 },
  sympy: { label: 'SymPy', mb: 60 },
  // LLM and agent frameworks: the package itself is small, what it pulls in at import (pydantic, tiktoken, numpy,
  // SQLAlchemy, provider SDKs) is not.
  langchain: { label: 'LangChain', mb: 60 },
  langchain_core: { label: 'LangChain', mb: 60 },
  langchain_community: { label: 'LangChain Community', mb: 80 },
  langgraph: { label: 'LangGraph', mb: 60 },
  llama_index: { label: 'LlamaIndex', mb: 100 },
  sentence_transformers: { label: 'Sentence Transformers with PyTorch', mb: 800 },
  // Vector-database clients.
  chromadb: { label: 'Chroma with onnxruntime', mb: 150 },
  pinecone: { label: 'The Pinecone client', mb: 20 },
  weaviate: { label: 'The Weaviate client with gRPC', mb: 30 },
  qdrant_client: { label: 'The Qdrant client with gRPC', mb: 30 },
  pymilvus: { label: 'The Milvus client with gRPC', mb: 40 },
  faiss: { label: 'FAISS', mb: 60 },
  lancedb: { label: 'LanceDB with PyArrow', mb: 150 },
};

/** Namespace packages matched by prefix: the SDK and its gRPC/protobuf stack load with any of them. */
const HEAVY_PREFIXES: { prefix: string; label: (m: string) => string; mb: number; family?: string }[] = [
  { prefix: 'google.cloud.', label: (m) => `The Google Cloud client \`${m}\` with its gRPC and protobuf stack`, mb: 40 },
  { prefix: 'azure.', label: (m) => `The Azure SDK package \`${m}\` with azure-core`, mb: 15 },
  { prefix: 'langchain_', label: (m) => `LangChain (\`${m}\`)`, mb: 60, family: 'langchain' },
];

/** Packages of one framework, reported once per file. */
const FAMILY: Record<string, string> = { langchain_core: 'langchain', langchain_community: 'langchain', langgraph: 'langchain' };

/** The Azure Functions programming model, not an SDK: it is the host's binding, a question of porting, not of size. */
const NOT_HEAVY = new Set(['azure.functions', 'azure.durable_functions']);

/** The heavy-package entry for an imported module path, and the key it is reported once under. */
function heavyOf(module: string): { key: string; label: string; mb: number; namespace?: string } | undefined {
  const top = module.split('.')[0];
  const direct = HEAVY_PACKAGES[top];
  if (direct) return { key: FAMILY[top] ?? top, label: direct.label, mb: direct.mb };
  for (const p of HEAVY_PREFIXES) {
    if (!module.startsWith(p.prefix) && !`${module}.`.startsWith(p.prefix)) continue;
    // google.cloud.storage and google.cloud.storage.blob are one package: the first three segments for google.cloud.
    const key = module.split('.').slice(0, p.prefix.split('.').length).join('.');
    if (key === p.prefix.replace(/\.$/, '') || NOT_HEAVY.has(key)) return undefined;
    return { key: p.family ?? key, label: p.label(key), mb: p.mb, namespace: p.prefix };
  }
  return undefined;
}

/** `from google.cloud import storage` imports the module `google.cloud.storage`: the names count as modules too. */
function fromImportModules(n: PyNode): string[] {
  const base = n.get('module_name')?.text ?? '';
  if (!base || base.startsWith('.')) return [];
  const names = n
    .all('name')
    .map((i) => (i.type === 'aliased_import' ? i.get('name') : i)?.text ?? '')
    .filter(Boolean);
  return [base, ...names.map((x) => `${base}.${x}`)];
}

/** Clients whose method calls go over the network: at module level they are INIT work. */
const SDK_MODULES = [
  'boto3',
  'aioboto3',
  'botocore',
  'google.cloud',
  'azure',
  'psycopg2',
  'psycopg',
  'pymysql',
  'pymongo',
  'redis',
  'sqlalchemy',
  'mysql.connector',
  'elasticsearch',
  'opensearchpy',
];
const SDK_CLIENT = new RegExp(`^(${SDK_MODULES.map((m) => m.replace(/\./g, '\\.')).join('|')})\\b`);
/** Methods that fetch or change remote data (not factories such as `Table`, `get_paginator` or path helpers). */
const REMOTE_METHOD =
  /^(get_(?!paginator$|waiter$|\w+_(client|receiver|sender)$)\w+|list_\w+|describe_\w+|batch_get_item|scan|query|invoke|download_\w+|head_\w+|access_secret_version|fetch\w*|execute|executemany|find|find_one|aggregate|hgetall|smembers|search)$/;

/** The SDK or database a module-level call reaches, when it is a remote call on a client. */
function remoteCall(ctx: PyRuleContext, call: PyNode): string | undefined {
  const fn = call.get('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.get('attribute')?.text ?? '';
  if (!REMOTE_METHOD.test(method)) return undefined;
  // A client instance (`ssm = boto3.client("ssm")`, `boto3.client("sts")`), never a module (`botocore.session`).
  const t = ctx.typeOf(fn.get('object'));
  if (!t || !SDK_CLIENT.test(t)) return undefined;
  return t.split('.')[0] === 'google' || t.split('.')[0] === 'azure' ? t.split('.').slice(0, 3).join('.') : t.split('.')[0];
}

/** Packages whose usual installation alone exceeds the 250 MB unzipped limit of a zip function (with layers). */
const OVER_ZIP_LIMIT_MB = 250;

/** HTTP fetches that, at module level, run during INIT. */
const NETWORK_CALLS =
  /^(requests\.(get|post|put|patch|delete|head|request)|httpx\.(get|post|put|patch|delete|head|request)|urllib\.request\.urlopen|urllib3\.request|socket\.create_connection)$/;
/** The modules of NETWORK_CALLS (urllib3 starts with urllib). */
const NETWORK_MODULES = ['requests', 'httpx', 'urllib', 'socket'];

function inTypeCheckingBlock(ancestors: readonly PyNode[]): boolean {
  return ancestors.some((a) => a.type === 'if_statement' && /\bTYPE_CHECKING\b/.test(a.get('condition')?.text ?? ''));
}

function inTryBlock(ancestors: readonly PyNode[]): boolean {
  return ancestors.some((a) => a.type === 'try_statement');
}

/**
 * The pre-filter's literals: a report needs a heavy package imported (its name, or the first segment of a namespace
 * prefix, is in the import), a network call qualified through its module's import, or a call on a client an SDK module
 * made (that module's import).
 */
const NEEDS = [
  ...new Set([
    ...Object.keys(HEAVY_PACKAGES),
    ...HEAVY_PREFIXES.map((p) => p.prefix.split('.')[0]),
    ...NETWORK_MODULES,
    ...SDK_MODULES.map((m) => m.split('.')[0]),
  ]),
];

export const pyColdStartImport: PyRule = {
  language: 'python',
  needs: NEEDS,
  meta: {
    id: 'python/cold-start-import',
    category: 'cold-start-import',
    severity: 'info',
    direction: 'to-lambda',
    docs: {
      description:
        'Module-level imports of large packages and module-level network calls run in the INIT phase of every cold start, which is limited to 10 s and billed.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
    },
    messages: {
      heavy:
        '{label} (roughly {mb} MB installed) is imported at module level, so every cold start pays its import time and the package counts toward the 250 MB unzipped limit. Import it inside the code path that needs it if only some requests use it; otherwise consider a container image, SnapStart (Python 3.12+) or provisioned concurrency.',
      tooBig:
        '{label} (roughly {mb} MB installed) does not fit the 250 MB unzipped limit of a zip-packaged function and its layers, and importing it at module level slows every cold start. Package the function as a container image (up to 10 GB) or move inference to a service such as SageMaker.',
      init: '`{call}` calls {sdk} at module level, so it runs during INIT (limited to 10 s, and billed): a slow or failing call fails the cold start, and with SnapStart or provisioned concurrency the result is frozen and served long after. Creating the client at module level is right; make the call inside the handler on first use and cache the result (or use Powertools Parameters with `max_age`).',
      network:
        '`{call}` runs at module level, i.e. during INIT (limited to 10 s): a slow or failing endpoint fails the cold start, and with SnapStart the response is frozen into the snapshot. Fetch it inside the handler on first use and cache the result.',
    },
  },
  check(ctx: PyRuleContext) {
    const reported = new Set<string>();
    const initRuns = ctx.handlers.length > 0 || isServiceEntry(ctx.root, ctx.module.bindings);
    const ownPackage = `.${ctx.file.replace(/\\/g, '/').replace(/\.py$/, '').split('/').join('.')}.`;
    walk(ctx.root, (n, ancestors) => {
      if (n.type === 'function_definition') return 'skip';
      if (ctx.isLocalOnly(n, ancestors)) return 'skip';
      if (n.type === 'import_statement' || n.type === 'import_from_statement') {
        if (inTypeCheckingBlock(ancestors)) return 'skip';
        const mods =
          n.type === 'import_statement' ? n.all('name').map((i) => (i.type === 'aliased_import' ? i.get('name') : i)?.text ?? '') : fromImportModules(n);
        for (const m of mods) {
          const heavy = heavyOf(m);
          // An optional import in try/except is a deliberate fallback; report each package once; a package's own
          // modules importing it (google/cloud/storage/blob.py importing google.cloud.storage) are the package.
          if (
            !heavy ||
            reported.has(heavy.key) ||
            inTryBlock(ancestors) ||
            ownPackage.includes(`.${heavy.key}.`) ||
            (heavy.namespace !== undefined && ownPackage.includes(`.${heavy.namespace}`))
          )
            continue;
          reported.add(heavy.key);
          const tooBig = heavy.mb > OVER_ZIP_LIMIT_MB;
          ctx.report({
            messageId: tooBig ? 'tooBig' : 'heavy',
            data: { label: heavy.label, mb: heavy.mb },
            at: range(n),
            severity: tooBig ? 'warning' : undefined,
          });
        }
        return 'skip';
      }
      if (n.type === 'call') {
        const q = ctx.qualified(n.get('function'));
        if (q && NETWORK_CALLS.test(q)) {
          ctx.report({ messageId: 'network', data: { call: `${n.get('function')!.text}(...)` }, at: range(n) });
          return;
        }
        // Module level is INIT in a handler's module, and start-up (INIT once wrapped for Lambda) in a service's entry;
        // in a script it is the program's own work.
        const sdk = initRuns && !inTypeCheckingBlock(ancestors) ? remoteCall(ctx, n) : undefined;
        if (sdk) {
          ctx.report({ messageId: 'init', data: { call: `${n.get('function')!.text}(...)`, sdk }, at: range(n) });
          return 'skip';
        }
      }
    });
  },
};
