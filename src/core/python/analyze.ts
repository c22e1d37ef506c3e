import { pythonRules } from '../rules/python';
import { iacRules } from '../rules';
import { extractCdkPythonUnits } from '../model/cdkPython';
import { lineColumnAt } from '../position';
import { runRules, type RuleRun } from '../engine';
import { isStackOverflow, TooDeepError } from '../limits';
import { parseErrorFinding } from '../rules/core/parse-error';
import type { PyNode } from './ast';
import { isPythonParserReady, parsePython } from '../parsers/python';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectPyModuleInfo, qualifiedName, typeOfExpr } from './module';
import { isExtensionCode, isInfrastructureCode, isVendoredPath } from '../fileRole';
import { findPythonHandlers, isLocalOnly, isPythonTestFile, isServiceEntry, mainBlockRanges } from './scope';

/**
 * Python analysis: parse with tree-sitter (loaded beforehand by `ensurePythonParser`), collect imports and handler
 * entries, run the Python rules. Test modules are deployed nowhere, so no rule runs on them.
 */
export function analyzePython(
  text: string,
  file: string,
  options: AnalyzeOptions,
  result: FileAnalysis,
  findings: RawFinding[],
  budget?: RuleRun['budget'],
): void {
  if (!isPythonParserReady()) {
    result.errors.push({
      file,
      message:
        'Python parser not loaded, so this file was not analysed. Callers must await ensurePythonParser() before analysing .py files (the CLI and the extension do).',
    });
    return;
  }
  let parsed;
  try {
    parsed = parsePython(text);
  } catch (e) {
    // Depth is the file's, not a parser problem: analyzeFile words it.
    if (isStackOverflow(e) || e instanceof TooDeepError) throw e;
    result.errors.push({ file, message: `cannot parse Python: ${(e as Error).message}` });
    return;
  }
  const { root } = parsed;
  if (parsed.error) {
    findings.push(parseErrorFinding(parsed.error.offset, parsed.error.message, file));
  }
  const module = collectPyModuleInfo(root);
  const handlers = findPythonHandlers(root);
  result.imports = module.relativeImports;
  result.handlerExports = handlers.map((h) => h.name);
  // Vendored packages, Lambda extensions and infrastructure programs are no function's or service's code
  // (src/core/fileRole.ts): no code rule judges them.
  const notCode = isVendoredPath(file) || isInfrastructureCode(module.modules) || isExtensionCode(file, text, handlers.length > 0);
  const first = findings.length;
  const mains = mainBlockRanges(root);
  const inMain = (n: { start: number }) => mains.some(([s, e]) => n.start >= s && n.start < e);
  runRules(
    pythonRules,
    {
      file,
      text,
      root,
      module,
      handlers,
      qualified: (n: PyNode | undefined) => qualifiedName(n, module.bindings),
      typeOf: (n: PyNode | undefined) => typeOfExpr(n, module),
      // A top-level main block runs when the file is a container's entry script: report it, marked entry-only (below).
      isLocalOnly: (n: PyNode, ancestors: readonly PyNode[]) =>
        isLocalOnly(ancestors, n, module.bindings) && (!inMain(n) || isLocalOnly(ancestors, n, module.bindings, true)),
    },
    { file, options, findings, errors: result.errors, testFile: isPythonTestFile(file), notCode, budget, text },
  );
  // A module with no handler whose main block starts a service is that service's program: its findings stand. Elsewhere
  // a main block runs only where an image starts the file, which the join decides (entry-only findings).
  if (!isServiceEntry(root, module.bindings))
    for (let i = first; i < findings.length; i++) if (inMain({ start: findings[i].start })) findings[i].entryOnly = true;
  // Units declared in code (a Python CDK app) are checked by the same model rules as templates.
  const units = extractCdkPythonUnits(root, module, file, (offset) => lineColumnAt(result.lineStarts, offset).line);
  if (units.length) {
    result.units.push(...units);
    runRules(iacRules, { file, text, units, parsed: root, kind: 'python', today: options.today }, { file, options, findings, errors: result.errors, budget });
  }
}
