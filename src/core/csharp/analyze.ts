import { csharpRules } from '../rules/csharp';
import { extractCdkCsharpUnits, importsCdkCsharp } from '../model/cdkCsharp';
import { runRules, type RuleRun } from '../engine';
import { isExtensionCode } from '../fileRole';
import { parseForAnalysis } from '../langs/common';
import { addCdkUnits } from '../langs/cdkUnits';
import { nodesOfType, type Sparse, type SyntaxNode } from '../parsers/treesitter';
import { rulesThatCanFire } from '../prefilter';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import { collectCsModuleInfo, enclosingClass, hasModifier, isCsLocalOnly, isCsTestFile, isLambdaHandlerMethod, typeOfExpr } from './module';

/**
 * What the join reads from a file no rule looks at (the handler classes' names, a program's entry): method declarations
 * with their modifiers and parameters, the classes, records and structs around them, top-level statements. Bodies are
 * not copied, and the blocks and members that cannot hold a method declaration are not walked.
 */
export const JOIN_ONLY: Sparse = {
  anywhere: ['method_declaration', 'class_declaration', 'record_declaration', 'struct_declaration'],
  top: ['global_statement'],
  skip: 'body',
  opaque: ['block', 'arrow_expression_clause', 'field_declaration', 'property_declaration', 'event_field_declaration', 'attribute_list', 'using_directive'],
};

/**
 * Classes with a Lambda handler method, for the join (`Assembly::Ns.Class::Method`), and whether the file is a
 * program's entry (top-level statements or a static `Main`): what an executable-assembly function runs (a handler naming
 * the assembly alone, or a custom runtime's bootstrap), listed as `main` as Go and Java list theirs.
 */
export function csHandlerExports(root: SyntaxNode): { entry: boolean; classes: string[] } {
  const handlerClasses = new Set<string>();
  let entry = root.namedChildren.some((c) => c.type === 'global_statement');
  // Methods hold no methods (local functions are another node type).
  for (const m of nodesOfType(root, 'method_declaration')) {
    if (!entry && m.get('name')?.text === 'Main' && hasModifier(m, 'static')) entry = true;
    if (!isLambdaHandlerMethod(m)) continue;
    const name = enclosingClass(m)?.get('name')?.text;
    if (name) handlerClasses.add(name);
  }
  return { entry, classes: [...handlerClasses] };
}

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
  // The rules whose literals the text has (src/core/prefilter.ts), found once. A file none of them can report on, that
  // declares no CDK units, needs only what the join reads from its tree (JOIN_ONLY).
  const cdkUnits = importsCdkCsharp(text);
  const rules = options.prefilter !== false ? rulesThatCanFire(csharpRules, text) : csharpRules;
  const parsed = parseForAnalysis(
    'csharp',
    '.cs',
    text,
    file,
    result,
    findings,
    options.prefilter !== false && !rules.length && !cdkUnits ? JOIN_ONLY : undefined,
  );
  if (!parsed) return;
  const { root } = parsed;
  const handlers = csHandlerExports(root);
  result.handlerExports = [...(handlers.entry ? ['main'] : []), ...handlers.classes];
  // Any file of a CDK app (its stacks, its Program.cs) is an infrastructure program: no rule judges it as code, and no
  // handler resolves to it.
  const cdkApp = text.includes('Amazon.CDK') && /^\s*using\s+(?:\w+\s*=\s*)?Amazon\.CDK\b/m.test(text);
  if (cdkApp) (result.facts ??= {}).infrastructureProgram = true;
  if (parsed.sparse) return;
  const module = collectCsModuleInfo(root);
  runRules(
    rules,
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
      notCode: cdkApp || isExtensionCode(file, text, handlers.classes.length > 0),
      budget,
      // No `text`: `rules` are already those the pre-filter let through.
    },
  );
  // Units declared in code (a CDK app) are checked by the same model rules as templates.
  if (cdkUnits) addCdkUnits(extractCdkCsharpUnits, 'csharp', root, { text, file, options, result, findings, budget });
}
