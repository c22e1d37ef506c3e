import { walk, type PyNode } from '../../python/ast';
import type { PyRule, PyRuleContext } from './types';
import { range } from './util';

/**
 * Rough installed size (MB) of recent Linux x86_64 wheels, the package alone (dependencies not counted). Sizes vary by
 * version and build; they are orders of magnitude for the message, documented as such in the docs page.
 */
export const HEAVY_PACKAGES: Record<string, { label: string; mb: number }> = {
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
};

/** Packages whose usual installation alone exceeds the 250 MB unzipped limit of a zip function (with layers). */
const OVER_ZIP_LIMIT_MB = 250;

/** HTTP fetches that, at module level, run during INIT. */
const NETWORK_CALLS = /^(requests\.(get|post|put|patch|delete|head|request)|httpx\.(get|post|put|patch|delete|head|request)|urllib\.request\.urlopen|urllib3\.request|socket\.create_connection)$/;

function inTypeCheckingBlock(ancestors: readonly PyNode[]): boolean {
  return ancestors.some((a) => a.type === 'if_statement' && /\bTYPE_CHECKING\b/.test(a.get('condition')?.text ?? ''));
}

function inTryBlock(ancestors: readonly PyNode[]): boolean {
  return ancestors.some((a) => a.type === 'try_statement');
}

export const pyColdStartImport: PyRule = {
  language: 'python',
  meta: {
    id: 'python/cold-start-import',
    category: 'cold-start-import',
    severity: 'info',
    direction: 'to-lambda',
    docs: {
      description: 'Module-level imports of large packages and module-level network calls run in the INIT phase of every cold start, which is limited to 10 s and billed.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
    },
    messages: {
      heavy: '{label} (roughly {mb} MB installed) is imported at module level, so every cold start pays its import time and the package counts toward the 250 MB unzipped limit. Import it inside the code path that needs it if only some requests use it; otherwise consider a container image, SnapStart (Python 3.12+) or provisioned concurrency.',
      tooBig: '{label} (roughly {mb} MB installed) does not fit the 250 MB unzipped limit of a zip-packaged function and its layers, and importing it at module level slows every cold start. Package the function as a container image (up to 10 GB) or move inference to a service such as SageMaker.',
      network: '`{call}` runs at module level, i.e. during INIT (limited to 10 s): a slow or failing endpoint fails the cold start, and with SnapStart the response is frozen into the snapshot. Fetch it inside the handler on first use and cache the result.',
    },
  },
  check(ctx: PyRuleContext) {
    const reported = new Set<string>();
    walk(ctx.root, (n, ancestors) => {
      if (n.type === 'function_definition') return 'skip';
      if (ctx.isLocalOnly(n, ancestors)) return 'skip';
      if (n.type === 'import_statement' || n.type === 'import_from_statement') {
        if (inTypeCheckingBlock(ancestors)) return 'skip';
        const mods = n.type === 'import_statement'
          ? n.all('name').map((i) => (i.type === 'aliased_import' ? i.get('name') : i)?.text ?? '')
          : [n.get('module_name')?.text ?? ''];
        for (const m of mods) {
          const top = m.split('.')[0];
          const heavy = HEAVY_PACKAGES[top];
          // An optional import in try/except is a deliberate fallback; report each package once.
          if (!heavy || reported.has(top) || inTryBlock(ancestors)) continue;
          reported.add(top);
          const tooBig = heavy.mb > OVER_ZIP_LIMIT_MB;
          ctx.report({ messageId: tooBig ? 'tooBig' : 'heavy', data: { label: heavy.label, mb: heavy.mb }, at: range(n), severity: tooBig ? 'warning' : undefined });
        }
        return 'skip';
      }
      if (n.type === 'call') {
        const q = ctx.qualified(n.get('function'));
        if (q && NETWORK_CALLS.test(q)) ctx.report({ messageId: 'network', data: { call: `${n.get('function')!.text}(...)` }, at: range(n) });
      }
    });
  },
};
