import { csharpRules } from '../rules/csharp';
import { extractCdkCsharpUnits, importsCdkCsharp } from '../model/cdkCsharp';
import { runRules, type RuleRun } from '../engine';
import { isExtensionCode } from '../fileRole';
import { parseForAnalysis } from '../langs/common';
import { addCdkUnits } from '../langs/cdkUnits';
import { nodesOfType, type SyntaxNode } from '../parsers/treesitter';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectCsModuleInfo, enclosingClass, hasModifier, isCsLocalOnly, isCsTestFile, isLambdaHandlerMethod, typeOfExpr } from './module';

/**
 * C# analysis: parse with tree-sitter (loaded beforehand by `ensureParser`), resolve usings and what built each
 * variable, run the C# rules. Classes with a Lambda handler method are listed for the join (`Assembly::Ns.Class::Method`).
 */
export function analyzeCsharp(
  text: string,
  file: string,
  options: AnalyzeOptions,
  result: FileAnalysis,
  findings: RawFinding[],
  budget?: RuleRun['budget'],
): void {
  const root = parseForAnalysis('csharp', '.cs', text, file, result, findings);
  if (!root) return;
  const module = collectCsModuleInfo(root);
  const handlerClasses = new Set<string>();
  // A program's entry (top-level statements or a static `Main`): what an executable-assembly function runs (a handler
  // naming the assembly alone, or a custom runtime's bootstrap), listed as `main` as Go and Java list theirs.
  let entry = root.namedChildren.some((c) => c.type === 'global_statement');
  // Methods hold no methods (local functions are another node type).
  for (const m of nodesOfType(root, 'method_declaration')) {
    if (!entry && m.get('name')?.text === 'Main' && hasModifier(m, 'static')) entry = true;
    if (!isLambdaHandlerMethod(m)) continue;
    const name = enclosingClass(m)?.get('name')?.text;
    if (name) handlerClasses.add(name);
  }
  result.handlerExports = [...(entry ? ['main'] : []), ...handlerClasses];
  // Any file of a CDK app (its stacks, its Program.cs) is an infrastructure program: no rule judges it as code, and no
  // handler resolves to it.
  const cdkApp = text.includes('Amazon.CDK') && /^\s*using\s+(?:\w+\s*=\s*)?Amazon\.CDK\b/m.test(text);
  if (cdkApp) (result.facts ??= {}).infrastructureProgram = true;
  runRules(
    csharpRules,
    {
      file,
      text,
      root,
      module,
      typeOf: (n: SyntaxNode | undefined) => typeOfExpr(n, module),
      isLocalOnly: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => isCsLocalOnly(n, ancestors),
    },
    // Lambda extensions run beside the function with a lifecycle of their own: no code rule judges them (fileRole.ts).
    // A CDK app is an infrastructure program (it runs at synth time): no code rule judges it (fileRole.ts).
    {
      file,
      options,
      findings,
      errors: result.errors,
      testFile: isCsTestFile(file),
      notCode: cdkApp || isExtensionCode(file, text, handlerClasses.size > 0),
      budget,
      text,
    },
  );
  // Units declared in code (a CDK app) are checked by the same model rules as templates.
  if (importsCdkCsharp(text)) addCdkUnits(extractCdkCsharpUnits, 'csharp', root, { text, file, options, result, findings, budget });
}
