import { goRules } from '../rules/go';
import { runRules, type RuleRun } from '../engine';
import { isExtensionCode } from '../fileRole';
import { parseForAnalysis } from '../langs/common';
import type { SyntaxNode } from '../parsers/treesitter';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectGoModuleInfo, findGoHandlers, goSymbols, isGoLocalOnly, isGoTestFile, isRequestFunction, qualifiedName, typeOfExpr } from './module';

/**
 * Go analysis: parse with tree-sitter (loaded beforehand by `ensureParser`), resolve imports and the functions handed
 * to `lambda.Start`, run the Go rules. The join adds the package's other files (same folder) to a handler's code.
 */
export function analyzeGo(text: string, file: string, options: AnalyzeOptions, result: FileAnalysis, findings: RawFinding[], budget?: RuleRun['budget']): void {
  const root = parseForAnalysis('go', '.go', text, file, result, findings)?.root;
  if (!root) return;
  const module = collectGoModuleInfo(root);
  // Import paths, for the join: those under a go.mod of the workspace are packages of the same repository.
  result.imports = [...module.paths];
  result.facts = { ...result.facts, goSymbols: goSymbols(root, module) };
  const { handlers, startCalls } = findGoHandlers(root, module);
  // `main` first: the join looks for the file whose main() starts the Lambda runtime.
  const mainStarts = startCalls.some((c) => {
    for (let p = c.parent; p; p = p.parent) if (p.type === 'function_declaration') return p.get('name')?.text === 'main';
    return false;
  });
  result.handlerExports = [...(mainStarts ? ['main'] : []), ...handlers.map((h) => h.name).filter((n) => n !== 'func literal')];
  runRules(
    goRules,
    {
      file,
      text,
      root,
      module,
      handlers,
      startCalls,
      qualified: (n: SyntaxNode | undefined) => qualifiedName(n, module),
      typeOf: (n: SyntaxNode | undefined) => typeOfExpr(n, module),
      isLocalOnly: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => isGoLocalOnly(n, ancestors, module, root),
      isRequestFunction: (fn: SyntaxNode) => isRequestFunction(fn, module, handlers),
    },
    // Lambda extensions run beside the function with a lifecycle of their own: no code rule judges them (fileRole.ts).
    { file, options, findings, errors: result.errors, testFile: isGoTestFile(file), notCode: isExtensionCode(file, text, startCalls.length > 0), budget, text },
  );
}
