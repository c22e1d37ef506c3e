// What a rule's structural gate may ask of a file (src/core/js/gates.ts computes it from TypeScript's tree); types only,
// so the rule types and what imports them (the report webview's type check) need not load TypeScript's compiler.
/** What the gates ask of one file, computed on first use. */
export interface SourceFacts {
  readonly text: string;
  /** An `await` outside every function. */
  topLevelAwait(): boolean;
  /** A function with three or more parameters that names its third again (a handler's callback, called). */
  calledCallback(): boolean;
  /** A `while`, `do` or `for (;;)` loop whose condition is missing, a literal, or reads the clock. */
  longLoop(): boolean;
  /** A call in statement position inside an async function that could return a promise (background-work's isPromiseCall, loosely). */
  unawaitedAsyncCall(): boolean;
  /** A module-scope variable written inside a function (in-memory-state's candidates and writes, loosely). */
  moduleStateWrite(): boolean;
}
