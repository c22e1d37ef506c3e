// typescript-estree gives every node a `loc` (line and column of its start and end) besides its `range` (offsets).
// Nothing in LambdaShift reads a node's `loc`: findings are placed from `range` (src/core/position.ts), and the parse
// error's line and column come from typescript-estree's own error, which computes its location separately. Computing
// `loc` is two binary searches over the line starts and four objects per node, about 15 % of the parse on the bench's
// synthetic workspace; asking typescript-estree for `loc: false` computes it anyway and then walks the tree once more
// to delete it. So the converter's location function is replaced by one that returns a shared placeholder.
//
// The converter looks the function up on node-utils' exports object at every call (`(0, node_utils_1.getLocFor)(…)`),
// and node-utils' own error constructor calls its local function, so errors keep exact positions. The module is
// reached by its file path because typescript-estree's package exports do not list it; when a version moves or drops
// it, the build fails rather than silently computing locations again, and test/unit/perf/parse-options.test.ts fails
// when the replacement stops taking effect or the tree differs in anything but `loc`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';

interface NodeUtils {
  getLocFor: (range: TSESTree.Range, ast: unknown) => TSESTree.SourceLocation;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeUtils = require('../../../node_modules/@typescript-eslint/typescript-estree/dist/node-utils.js') as NodeUtils;

const ZERO: TSESTree.Position = Object.freeze({ line: 0, column: 0 });

/**
 * The `loc` of every converted node. Its positions read as line 0, column 0, and cannot be changed: a few converter
 * paths assign `loc.start` or `loc.end` after adjusting a range, and those assignments are ignored rather than
 * written into the object every node shares.
 */
export const NO_LOCATION: TSESTree.SourceLocation = Object.freeze(
  Object.create(Object.prototype, {
    start: { get: () => ZERO, set: () => undefined, enumerable: true },
    end: { get: () => ZERO, set: () => undefined, enumerable: true },
  }) as TSESTree.SourceLocation,
);

const computeLocation = nodeUtils.getLocFor;
const placeholder = () => NO_LOCATION;

/** Whether converted nodes get real locations; off (the placeholder) except in tests comparing against the library. */
export function computeLocations(on: boolean): void {
  nodeUtils.getLocFor = on ? computeLocation : placeholder;
}

computeLocations(false);
