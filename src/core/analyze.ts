import { inCodeAdapter } from './webAdapter';
import { csNamespacesIn } from './csharp/module';
import { jsBundlesIn } from './model/build';
import { addressNamesIn, hostRefsIn } from './hostRefs';
import { detectKind, isCodeKind } from './detect';
import { jsxFor, parseJs, parseJsIncremental, type JsParseState } from './parsers/typescript';
import { gatedRules } from './js/gates';
import { hasSyntaxError, jsSourceFile, liteModule, setParents, type LiteModule } from './js/lite';
import type { SourceFile } from 'typescript';
import { literalsAreVerbatim, rulesThatCanFire } from './prefilter';
import { collectModuleInfo } from './js/module';
import { conventionalHandlers, findHandlerExports, isBrowserCode, isTestFile, mainModuleBlocks, withMainBlocksAsProduction } from './js/scope';
import { isExtensionCode, isInfrastructureCode, isPackagingScript, isVendoredPath } from './fileRole';
import { addCodeUnits, extractUnits } from './model';
import { CDK_FUNCTION_NAME } from './model/cdk';
import { computeLineStarts, lineColumnAt, toContractFinding } from './position';
import { iacRules, jsRules } from './rules';
import { analyzePython } from './python/analyze';
import { analyzeGo } from './go/analyze';
import { analyzeJava } from './java/analyze';
import { analyzeCsharp } from './csharp/analyze';
import { applySeverityOverrides, runRules } from './engine';
import { parseErrorFinding } from './rules/core/parse-error';
import { redactAnalysis } from './secrets';
import { applySuppressions } from './suppress';
import { joinAnalyses } from './workspace';
import { readConstructInstance } from './join/cdkInstance';
import { generatedProblem, isStackOverflow, jsNestingBeyond, pythonNestingBeyond, stackOverflowMessage, TooDeepError, tooDeepMessage } from './limits';
import type { AnalyzeOptions, AssessResult, FileAnalysis, FileKind, Finding, RawFinding, Unit } from './types';
import { isGrammarLoaded } from './parsers/treesitter';
import { splitHandler } from './model/cloudformation';

/** What CDK code imports (src/core/model/cdk.ts CDK_MODULE): such a file declares units, so it is always parsed. */
const CDK_LITERAL = /aws-cdk-lib|@aws-cdk\//;
/** A module of the project imported (a CDK file may instantiate its construct classes: join/cdkConstructs.ts). */
const RELATIVE_IMPORT = /\bfrom\s*['"]\.\.?\/|\brequire\(\s*['"]\.\.?\//;
/** Part of the name of every infrastructure library (src/core/fileRole.ts): a program loading one is no code's. */
const IAC_TEXT = /aws-cdk|aws_cdk|constructs|cdktf|pulumi|troposphere/;

/**
 * A per-file time budget, checked between rules (src/core/engine.ts): after it, the remaining rules are skipped and
 * the file gets one error naming them. Core never reads the clock itself: the caller passes `now` with
 * `timeBudgetMs`.
 */
class RuleBudget {
  private readonly deadline: number | undefined;
  private skipped: string[] = [];
  constructor(private readonly options: AnalyzeOptions) {
    this.deadline = options.now && options.timeBudgetMs !== undefined ? options.now() + options.timeBudgetMs : undefined;
  }

  /** False once the budget is spent; `ruleId` is then remembered as skipped. */
  allows(ruleId: string): boolean {
    if (this.deadline === undefined) return true;
    if (this.skipped.length === 0 && this.options.now!() <= this.deadline) return true;
    this.skipped.push(ruleId);
    return false;
  }

  report(file: string, errors: FileAnalysis['errors']): void {
    if (!this.skipped.length) return;
    const s = Math.round(this.options.timeBudgetMs! / 1000);
    errors.push({
      file,
      message: `analysis stopped after its ${s} s budget: ${this.skipped.length} rule${this.skipped.length === 1 ? '' : 's'} (${this.skipped.slice(0, 3).join(', ')}${this.skipped.length > 3 ? ', …' : ''}) did not run on this file. If it is generated, exclude it (.lambdashiftignore or --exclude); otherwise split it.`,
    });
  }
}

/** The error entry of a file whose analysis failed as a whole. */
function fileFailure(e: unknown, file: string, text: string, lineStarts: ArrayLike<number>): FileAnalysis['errors'][number] {
  if (e instanceof TooDeepError) {
    const line = e.offset === undefined ? undefined : lineColumnAt(lineStarts, Math.min(e.offset, text.length)).line;
    return { file, ...(line ? { line } : {}), message: tooDeepMessage(e.limit) };
  }
  if (isStackOverflow(e)) return { file, message: stackOverflowMessage('the parser') };
  return {
    file,
    message: `internal error while analysing this file: ${(e as Error)?.message ?? String(e)}. It was not analysed; please report this with the file. The rest of the workspace was analysed.`,
  };
}

/**
 * Analyses one file in isolation: kind detection, parse, rules, units, imports. Pure and cacheable:
 * the result depends only on (text, file, options). An editor passes the same `parseState` for every version of an
 * open document, so that JS/TS edits re-parse only the statements they touch; the result is the same either way.
 */
export function analyzeFile(text: string, file: string, options: AnalyzeOptions = {}, kindHint?: FileKind, parseState?: JsParseState): FileAnalysis {
  const kind = kindHint ?? detectKind(file, text);
  const lineStarts = computeLineStarts(text);
  const result: FileAnalysis = { file, kind, findings: [], units: [], errors: [], imports: [], handlerExports: [], lineStarts };
  if (kind === 'unknown') return result;
  // The failure boundary of one file: whatever its text does to a parser, model or rule, the file gets one error
  // entry and the scan goes on.
  try {
    analyzeInto(text, file, kind, options, result, parseState);
  } catch (e) {
    result.findings = [];
    result.units = [];
    result.imports = [];
    result.handlerExports = [];
    result.errors = [fileFailure(e, file, text, lineStarts)];
    result.skipped = true;
  }
  // The one masking point: nothing leaves the core (cache, worker threads, reports, conversions) with a credential.
  return redactAnalysis(result);
}

function analyzeInto(text: string, file: string, kind: FileKind, options: AnalyzeOptions, result: FileAnalysis, parseState?: JsParseState): void {
  const { lineStarts } = result;
  const findings: RawFinding[] = [];
  const budget = new RuleBudget(options);
  // An HTTP app served through an in-code adapter: the join words the function's HTTP trigger for it.
  const adapter = isCodeKind(kind) ? inCodeAdapter(kind, text) : undefined;
  if (adapter) result.facts = { ...result.facts, httpAdapter: adapter };
  if (kind === 'csharp') {
    const namespaces = csNamespacesIn(text);
    if (namespaces) result.facts = { ...result.facts, csNamespaces: namespaces };
  }
  // An esbuild script's bundles: the join finds a function's source from the folder its package is built into.
  if (kind === 'javascript' || kind === 'typescript') {
    const jsBundles = jsBundlesIn(text);
    if (jsBundles) result.facts = { ...result.facts, jsBundles };
  }
  // The hosts its literals connect to: the join reports those that are Services of the cluster (iac/cluster-service).
  const ownCode = isCodeKind(kind) && !isTestFile(file) && !isVendoredPath(file);
  const hostRefs = ownCode ? hostRefsIn(kind, text) : undefined;
  if (hostRefs) result.facts = { ...result.facts, hostRefs };
  // …and the address variables it reads, by name: which keys of a ConfigMap read whole (`envFrom`) it uses.
  const addressNames = ownCode ? addressNamesIn(kind, text) : undefined;
  if (addressNames) result.facts = { ...result.facts, addressNames };
  if (kind === 'javascript' || kind === 'typescript') {
    const generated = generatedProblem(text);
    if (generated) {
      result.errors.push({ file, message: generated });
      result.skipped = true;
      return;
    }
    const deep = jsNestingBeyond(text);
    if (deep >= 0) throw new TooDeepError(deep);
    const testFile = isTestFile(file);
    const literal = options.prefilter !== false && literalsAreVerbatim(text);
    // The rules whose literals the text has (src/core/prefilter.ts), found once: every rule with the pre-filter off or
    // where escapes could spell a name. No code rule runs on a test file.
    let rules = testFile ? [] : options.prefilter !== false ? rulesThatCanFire(jsRules, text) : jsRules;
    // A file no rule can report on needs only its imports and exports for the join: TypeScript's tree gives them
    // without the ESTree conversion (src/core/js/lite.ts). Code that may declare CDK units (it names a function
    // construct) is always converted. An infrastructure program (it loads a CDK, CDKTF or Pulumi library) is no code's,
    // so no rule reports on it (notCode below). Rules with a structural gate ask TypeScript's tree whether they could
    // report (src/core/js/gates.ts); the tree is then converted as it is, not parsed again.
    let sf: SourceFile | undefined;
    if (!parseState && literal && !(CDK_LITERAL.test(text) && (CDK_FUNCTION_NAME.test(text) || RELATIVE_IMPORT.test(text)))) {
      const vendored = isVendoredPath(file);
      // Gates pay only where they can spare the conversion: when every rule that passed the text has one.
      const gated = !vendored && rules.length > 0 && rules.every((r) => r.gate);
      const iac = !vendored && rules.length > 0 && IAC_TEXT.test(text);
      if (gated || iac || rules.length === 0 || vendored) {
        // Made without parents: they are set only if the converter gets the tree (most files here end without it).
        sf = jsSourceFile(text, file, jsxFor(text, file), false);
        let lite: LiteModule | undefined;
        if (iac) {
          lite = liteModule(sf);
          if (lite && isInfrastructureCode(lite.modules)) rules = [];
        }
        if (gated && rules.length > 0 && !hasSyntaxError(sf)) rules = gatedRules(rules, sf, text);
        if (rules.length === 0 || vendored) lite ??= liteModule(sf);
        else lite = undefined;
        if (lite) {
          result.imports = lite.imports;
          result.handlerExports = lite.handlerExports;
          budget.report(file, result.errors);
          result.findings = applySeverityOverrides(applySuppressions(text, lineStarts, findings), options.rules);
          return;
        }
      }
    }
    // The converter needs parents: set here in one pass, cheaper than TypeScript's own (which also looks for JSDoc).
    if (!parseState) {
      sf ??= jsSourceFile(text, file, jsxFor(text, file), false);
      setParents(sf);
    }
    const parsed = parseState ? parseJsIncremental(text, file, parseState) : parseJs(text, file, sf);
    if (!parsed.ast) {
      findings.push(parseErrorFinding(parsed.error!.offset, parsed.error!.message, file, text));
    } else {
      const ast = parsed.ast;
      const modules = collectModuleInfo(ast);
      result.imports = modules.relativeImports;
      result.handlerExports = findHandlerExports(ast).map((e) => e.name);
      // Vendored packages, browser code, Lambda extensions and infrastructure programs are no function's or service's
      // code: no code rule judges them (src/core/fileRole.ts).
      const notCode =
        isVendoredPath(file) ||
        isInfrastructureCode(modules.modules) ||
        isBrowserCode(file, text, ast, modules.modules) ||
        isExtensionCode(file, text, conventionalHandlers(ast).length > 0);
      const first = findings.length;
      runRules(rules, { file, text, ast, modules, literal }, { file, options, findings, errors: result.errors, testFile, notCode, budget });
      const mains = testFile || notCode ? [] : mainModuleBlocks(ast);
      if (mains.length)
        mainBlockFindings(
          findings,
          first,
          mains,
          () => {
            const again: RawFinding[] = [];
            withMainBlocksAsProduction(() => runRules(rules, { file, text, ast, modules, literal }, { file, options, findings: again, errors: [], budget }));
            return again;
          },
          result.handlerExports.length === 0,
        );
      // Units declared in code (CDK constructs) are checked by the same model rules as templates.
      const units = addCodeUnits(ast, modules, text, result);
      if (units.length)
        runRules(iacRules, { file, text, units, parsed: ast, kind, today: options.today }, { file, options, findings, errors: result.errors, budget });
    }
  } else if (kind === 'python') {
    const deep = pythonNestingBeyond(text);
    if (deep >= 0) throw new TooDeepError(deep);
    analyzePython(text, file, options, result, findings, budget);
  } else if (kind === 'go') {
    analyzeGo(text, file, options, result, findings, budget);
  } else if (kind === 'java') {
    analyzeJava(text, file, options, result, findings, budget);
  } else if (kind === 'csharp') {
    analyzeCsharp(text, file, options, result, findings, budget);
  } else {
    const model = extractUnits(kind, text, file);
    if (model) {
      if (model.parseErrors.length) findings.push(parseErrorFinding(model.parseErrors[0].offset, model.parseErrors[0].message, file, text));
      for (const u of model.units) if (u.range) u.line = lineColumnAt(lineStarts, u.range[0]).line;
      result.units = model.units;
      inlineCodeFindings(model.units, text, file, options, findings);
      if (model.facts) result.facts = model.facts;
      if (model.findings) findings.push(...model.findings);
      if (!model.parseErrors.length) {
        runRules(
          iacRules,
          { file, text, units: model.units, parsed: model.parsed, kind, today: options.today },
          { file, options, findings, errors: result.errors, budget },
        );
      }
    }
  }
  budget.report(file, result.errors);
  if (isCodeKind(kind) && isPackagingScript(file)) for (const f of findings) f.reachedOnly = true;
  result.findings = applySeverityOverrides(applySuppressions(text, lineStarts, findings), options.rules);
}

/**
 * Functions whose code is written in the template (`ZipFile: |`, `InlineCode: |`) in Python or Node.js: the code is
 * analysed as the handler module it is deployed as, each finding placed where its text is in the template and declared
 * for that function. Code whose lines cannot be placed (a folded scalar, an escape), that does not parse (a `!Sub`
 * placeholder outside a string), or Python before its parser has loaded, is left unread, as before.
 */
function inlineCodeFindings(units: readonly Unit[], text: string, file: string, options: AnalyzeOptions, out: RawFinding[]): void {
  for (const u of units) {
    const src = u.inlineSource;
    if (!src || u.kind !== 'lambda-function') continue;
    const kind = /^python/.test(u.runtime ?? '') ? 'python' : /^nodejs/.test(u.runtime ?? '') ? 'javascript' : undefined;
    if (!kind || (kind === 'python' && !isGrammarLoaded('python'))) continue;
    const starts = inlineLineStarts(text, src.range[0], src.code);
    if (!starts) continue;
    const module = splitHandler(u.handler ?? '')?.modulePath ?? 'index';
    const a = analyzeFile(src.code, `${file}.inline/${u.name}/${module.replace(/\./g, '/')}.${kind === 'python' ? 'py' : 'js'}`, options, kind);
    if (a.skipped || a.errors.length || a.findings.some((f) => f.ruleId === 'core/parse-error')) continue;
    const codeStarts = computeLineStarts(src.code);
    const place = (offset: number) => {
      const { line, column } = lineColumnAt(codeStarts, offset);
      return starts[line - 1] + column - 1;
    };
    for (const f of a.findings) {
      const { fix: _fix, suggestions: _suggestions, ...rest } = f;
      out.push({ ...rest, start: place(f.start), end: place(f.end), unit: u.name });
    }
    u.inlineAnalysed = true;
  }
}

/**
 * Where each line of a block scalar's value starts in the template: the lines after its header, less the block's
 * indentation. Undefined when a line of the value is not its template line so shortened (a folded or escaped value).
 */
function inlineLineStarts(text: string, headerAt: number, code: string): number[] | undefined {
  const lines = code.split('\n');
  let at = text.indexOf('\n', headerAt) + 1;
  if (at <= 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (const line of lines) {
    const end = text.indexOf('\n', at);
    const templateLine = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
    if (line.length) {
      if (!templateLine.endsWith(line)) return undefined;
      const own = templateLine.length - line.length;
      if (indent < 0) indent = own;
      else if (own !== indent) return undefined;
      starts.push(at + own);
    } else starts.push(at + Math.min(Math.max(indent, 0), templateLine.length));
    if (end < 0) break;
    at = end + 1;
  }
  return starts.length === lines.length || (starts.length === lines.length - 1 && lines[lines.length - 1] === '') ? starts : undefined;
}

/**
 * `if (require.main === module)` blocks run where an image starts the file: the findings that appear only when those
 * blocks are read as production code are added, marked entry-only (the join counts them for a workload whose image
 * starts this file, never for a Lambda handler module), as Python's main blocks are. A module with no handler whose
 * main block starts a server (`.listen(`) is that service's program: its findings stand.
 */
function mainBlockFindings(findings: RawFinding[], first: number, mains: { range: [number, number] }[], rerun: () => RawFinding[], noHandler: boolean): void {
  const key = (f: RawFinding) => `${f.ruleId}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
  const seen = new Set(findings.slice(first).map(key));
  const fresh = rerun().filter((f) => !seen.has(key(f)));
  if (!fresh.length) return;
  const startsServer = noHandler && fresh.some((f) => f.category === 'listening-server' && mains.some((m) => f.start >= m.range[0] && f.start < m.range[1]));
  for (const f of fresh) findings.push(startsServer ? f : { ...f, entryOnly: true });
}

/** Single-file convenience: the contract findings of one file's text. */
export function analyzeText(text: string, fileName: string, options: AnalyzeOptions = {}): Finding[] {
  const a = analyzeFile(text, fileName, options);
  return a.findings.filter((f) => !f.entryOnly).map((f) => toContractFinding(f, fileName, a.lineStarts));
}

/** Workspace entry for callers that hold every file's text (tests, small workspaces). */
export function analyzeWorkspace(files: { file: string; text: string }[], options: AnalyzeOptions = {}): AssessResult {
  const startedAt = Date.now();
  const analyses = files.map((f) => analyzeFile(f.text, f.file, options));
  return joinAnalyses({ analyses, startedAt, options: { ...options, readConstruct: readConstructInstance } });
}
