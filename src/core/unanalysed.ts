// Languages LambdaShift does not read: what a function's or a workload's folder holds when its code is in one.

/** Languages LambdaShift does not read, by file extension: a function written in one has no code to join. */
const UNANALYSED_LANGUAGES: [RegExp, string][] = [
  [/\.kts?$/, 'Kotlin'],
  [/\.scala$/, 'Scala'],
  [/\.groovy$/, 'Groovy'],
  [/\.clj[sc]?$/, 'Clojure'],
  [/\.fsx?$/, 'F#'],
  [/\.php$/, 'PHP'],
  [/\.exs?$/, 'Elixir'],
  [/\.swift$/, 'Swift'],
  [/\.dart$/, 'Dart'],
  [/\.hs$/, 'Haskell'],
  [/\.rb$/, 'Ruby'],
  [/\.(?:cpp|cc|cxx)$/, 'C++'],
];

/**
 * The language of a function's folder when its sources are in a language not analysed and in no analysed one (a Kotlin
 * or Scala function on a Java runtime, F# on .NET, ClojureScript compiled to JavaScript): the reason no code was read.
 * Never for the workspace's root folder, whose files are every function's.
 */
export function unanalysedLanguageIn(folder: string, files: ReadonlySet<string>): string | undefined {
  if (!folder || folder === '.') return undefined;
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  const counts = new Map<string, number>();
  for (const f of files) {
    if (!f.startsWith(prefix) || /(^|\/)(node_modules|build|target|dist|bin|obj)\//.test(f.slice(prefix.length))) continue;
    if (/\.(js|mjs|cjs|ts|mts|cts|py|go|java|cs)$/.test(f)) return undefined;
    const lang = UNANALYSED_LANGUAGES.find(([re]) => re.test(f))?.[1];
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
