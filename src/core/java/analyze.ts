import { javaRules } from '../rules/java';
import { extractCdkJavaUnits, importsCdkJava } from '../model/cdkJava';
import { runRules, type RuleRun } from '../engine';
import { isExtensionCode } from '../fileRole';
import { parseForAnalysis } from '../langs/common';
import { addCdkUnits } from '../langs/cdkUnits';
import type { SyntaxNode } from '../parsers/treesitter';
import type { AnalyzeOptions, FileAnalysis, RawFinding } from '../types';
import {
  annotationName,
  annotationsOf,
  collectJavaModuleInfo,
  isJavaLocalOnly,
  isJavaTestFile,
  isLambdaHandlerClass,
  isRequestMethod,
  projectImports,
  typeOfExpr,
} from './module';

/** Application classes a Lambda adapter can start (Spring Boot, Quarkus, Micronaut). */
const APP_ANNOTATIONS = new Set(['SpringBootApplication', 'QuarkusMain', 'MicronautApplication']);

/**
 * Java analysis: parse with tree-sitter (loaded beforehand by `ensureParser`), resolve imports and declared types, run
 * the Java rules. Handler classes are listed for the join (`com.example.Foo::handleRequest` names the class).
 */
export function analyzeJava(
  text: string,
  file: string,
  options: AnalyzeOptions,
  result: FileAnalysis,
  findings: RawFinding[],
  budget?: RuleRun['budget'],
): void {
  const root = parseForAnalysis('java', '.java', text, file, result, findings)?.root;
  if (!root) return;
  const module = collectJavaModuleInfo(root);
  // Any file of a CDK app (its stacks, its main class) is an infrastructure program: no rule judges it as code, and no
  // handler resolves to it.
  const cdkApp = text.includes('software.amazon.awscdk') && /^\s*import\s+software\.amazon\.awscdk\b/m.test(text);
  if (cdkApp) (result.facts ??= {}).infrastructureProgram = true;
  result.imports = projectImports(root, module);
  // Handler classes by name, and `main` for an application class that a Lambda adapter handler
  // (aws-serverless-java-container, Spring Cloud Function) starts: the join looks for it when the handler is a library's.
  const handlerClasses = module.classes.filter((c) => isLambdaHandlerClass(c, module));
  const handlers = handlerClasses.map((c) => c.get('name')?.text ?? '').filter(Boolean);
  // Quarkus picks a handler class by its CDI name (`@Named("getProductById")`, chosen by QUARKUS_LAMBDA_HANDLER):
  // listed as `named:getProductById`, which no handler string can name by accident.
  for (const c of handlerClasses)
    for (const a of annotationsOf(c)) {
      const value = annotationName(a) === 'Named' ? /^\(\s*(?:value\s*=\s*)?"([^"]+)"\s*\)$/.exec(a.get('arguments')?.text ?? '')?.[1] : undefined;
      if (value) handlers.push(`named:${value}`);
    }
  const app = module.classes.some((c) => annotationsOf(c).some((a) => APP_ANNOTATIONS.has(annotationName(a))));
  result.handlerExports = [...(app ? ['main'] : []), ...handlers];
  runRules(
    javaRules,
    {
      file,
      text,
      root,
      module,
      typeOf: (n: SyntaxNode | undefined) => typeOfExpr(n, module),
      isLocalOnly: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => isJavaLocalOnly(n, ancestors, module),
      isRequestMethod: (m: SyntaxNode) => isRequestMethod(m, module),
    },
    // Lambda extensions run beside the function with a lifecycle of their own: no code rule judges them (fileRole.ts).
    // A CDK app is an infrastructure program (it runs at synth time): no code rule judges it (fileRole.ts).
    {
      file,
      options,
      findings,
      errors: result.errors,
      testFile: isJavaTestFile(file),
      notCode: cdkApp || isExtensionCode(file, text, result.handlerExports.length > 0),
      budget,
      text,
    },
  );
  // Units declared in code (a CDK app) are checked by the same model rules as templates.
  if (importsCdkJava(text)) addCdkUnits(extractCdkJavaUnits, 'java', root, { text, file, options, result, findings, budget });
}
