import { pythonRules } from '../rules/python';
import { iacRules } from '../rules';
import { extractCdkPythonUnits } from '../model/cdkPython';
import { lineColumnAt } from '../position';
import { runRules, type RuleRun } from '../engine';
import { rulesThatCanFire } from '../prefilter';
import { isStackOverflow, TooDeepError } from '../limits';
import { parseErrorFinding } from '../rules/core/parse-error';
import type { PyNode } from './ast';
import type { Sparse } from '../parsers/treesitter';
import { isPythonParserReady, parsePython } from '../parsers/python';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectPyModuleInfo, qualifiedName, typeOfExpr } from './module';
import { isExtensionCode, isInfrastructureCode, isVendoredPath } from '../fileRole';
import { findPythonHandlers, isLocalOnly, isPythonTestFile, isServiceEntry, mainBlockRanges } from './scope';

/**
 * What the join reads from a file no rule looks at: the import statements wherever they are (collectPyModuleInfo's
 * relativeImports), the module-level functions' names and parameters (findPythonHandlers), not their bodies.
 */
export const JOIN_ONLY: Sparse = {
  anywhere: ['import_statement', 'import_from_statement'],
  top: ['function_definition', 'decorated_definition'],
  skip: 'body',
  // Statements hold statements only in blocks: expressions and simple statements never do.
  opaque: (
    'expression_statement return_statement raise_statement assert_statement delete_statement global_statement ' +
    'nonlocal_statement pass_statement break_statement continue_statement print_statement exec_statement ' +
    'type_alias_statement future_import_statement decorator parameters lambda call argument_list comparison_operator ' +
    'boolean_operator not_operator binary_operator unary_operator attribute subscript string concatenated_string ' +
    'parenthesized_expression list dictionary set tuple list_comprehension dictionary_comprehension set_comprehension ' +
    'generator_expression conditional_expression await named_expression keyword_argument pattern_list expression_list ' +
    'with_clause'
  ).split(' '),
};

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
  const testFile = isPythonTestFile(file);
  // The rules whose literals the text has (src/core/prefilter.ts), found once: every rule with the pre-filter off or
  // where escapes could spell a name. No code rule runs on a test module.
  const rules = testFile ? [] : options.prefilter !== false ? rulesThatCanFire(pythonRules, text) : pythonRules;
  // A file no rule looks at (a test module, a vendored package, text none of the rules' literals occur in) that cannot
  // declare CDK units needs only what the join reads, its imports and handlers: the tree is copied only that far
  // (treesitter.ts Sparse). A tree with a syntax error is copied whole, and reported below.
  const joinOnly = options.prefilter !== false && (rules.length === 0 || isVendoredPath(file)) && !text.includes('aws_cdk');
  let parsed;
  try {
    parsed = parsePython(text, joinOnly ? JOIN_ONLY : undefined);
  } catch (e) {
    // Depth is the file's, not a parser problem: analyzeFile words it.
    if (isStackOverflow(e) || e instanceof TooDeepError) throw e;
    result.errors.push({ file, message: `cannot parse Python: ${(e as Error).message}` });
    return;
  }
  const { root } = parsed;
  if (parsed.sparse) {
    result.imports = collectPyModuleInfo(root).relativeImports;
    result.handlerExports = findPythonHandlers(root).map((h) => h.name);
    return;
  }
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
    rules,
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
    // No `text`: `rules` are already those the pre-filter let through.
    { file, options, findings, errors: result.errors, testFile, notCode, budget },
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
