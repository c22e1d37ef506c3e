// Activation cost: load dist/extension.js with a stub `vscode` module and call activate(), analysing nothing.
// Reports the time and whether dist/analyzer.js (the TypeScript parser) got loaded — it must not be.
// The stub lives only here: behaviour tests use the real editor (test/e2e).
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

/** Any property, call or `new` on it gives another stub; enough for registration calls. */
function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return stub(`${name}.${String(prop)}`);
    },
    // esbuild's ESM interop copies own keys onto Object.create(prototype): lookups it misses reach us through here.
    getPrototypeOf: () => protoStub(name),
    // Setting a property (a status bar item's `name`) is accepted and forgotten, like any other call on the stub.
    set: () => true,
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}
function protoStub(name) {
  return new Proxy({}, { get: (_t, prop) => (prop === 'then' || typeof prop === 'symbol' ? undefined : stub(`${name}.${String(prop)}`)) });
}
const vscodeStub = stub('vscode');
const stubPath = path.join(__dirname, '__vscode_stub__.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubPath : resolve.call(this, request, ...rest);
};
require.cache[stubPath] = { id: stubPath, filename: stubPath, loaded: true, exports: vscodeStub };

const dist = path.resolve(__dirname, '../../dist');
const t0 = performance.now();
const ext = require(path.join(dist, 'extension.js'));
const loadMs = performance.now() - t0;
const t1 = performance.now();
ext.activate({
  subscriptions: [],
  extensionUri: stub('uri'),
  extensionPath: dist,
  globalState: stub('gs'),
  workspaceState: stub('ws'),
  asAbsolutePath: (p) => path.join(dist, '..', p),
});
const activateMs = performance.now() - t1;
const analyzerLoaded = Object.keys(require.cache).some((k) => k.endsWith(`${path.sep}analyzer.js`));
const tsLoaded = Object.keys(require.cache).some((k) => /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(k));
process.stdout.write(JSON.stringify({ loadMs, activateMs, analyzerLoaded, tsLoaded }));
process.exit(0);
