import { pythonRules } from '../rules/python';
import { makeReporter } from '../rules/types';
import { isPythonParserReady, parsePython } from '../parsers/python';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectPyModuleInfo, qualifiedName, typeOfExpr } from './module';
import { findPythonHandlers, isLocalOnly, isPythonTestFile } from './scope';

/**
 * Python analysis: parse with tree-sitter (loaded beforehand by `ensurePythonParser`), collect imports and handler
 * entries, run the Python rules. Test modules are deployed nowhere, so no rule runs on them.
 */
export function analyzePython(text: string, file: string, options: AnalyzeOptions, result: FileAnalysis, findings: RawFinding[]): void {
  if (!isPythonParserReady()) {
    result.errors.push({
      file,
      message: 'Python parser not loaded, so this file was not analysed. Callers must await ensurePythonParser() before analysing .py files (the CLI and the extension do).',
    });
    return;
  }
  let parsed;
  try {
    parsed = parsePython(text);
  } catch (e) {
    result.errors.push({ file, message: `cannot parse Python: ${(e as Error).message}` });
    return;
  }
  const { root } = parsed;
  if (parsed.error) {
    findings.push({
      ruleId: 'core/parse-error',
      category: 'parse-error',
      severity: 'warning',
      direction: 'both',
      start: parsed.error.offset,
      end: parsed.error.offset,
      message: `${file} could not be parsed: ${parsed.error.message}. Fix the syntax; the rest of the workspace was still analysed.`,
    });
  }
  const module = collectPyModuleInfo(root);
  const handlers = findPythonHandlers(root);
  result.imports = module.relativeImports;
  result.handlerExports = handlers.map((h) => h.name);
  if (isPythonTestFile(file)) return;
  for (const rule of pythonRules) {
    if (options.rules?.[rule.meta.id] === 'off') continue;
    const report = makeReporter(rule.meta, findings);
    try {
      rule.check({
        file,
        text,
        root,
        module,
        handlers,
        report,
        qualified: (n) => qualifiedName(n, module.bindings),
        typeOf: (n) => typeOfExpr(n, module),
        isLocalOnly: (n, ancestors) => isLocalOnly(ancestors, n, module.bindings),
      });
    } catch (e) {
      result.errors.push({ file, message: `internal error in rule ${rule.meta.id}: ${(e as Error).message}. Please report this with the file.` });
    }
  }
}
