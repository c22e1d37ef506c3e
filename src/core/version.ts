import pkg from '../../package.json';

/** The tool's version, from package.json (bundled at build time; core reads no files). */
export const VERSION: string = pkg.version;
