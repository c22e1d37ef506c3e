/** Python rules, sorted by id. Filled in by the Python analysis (src/core/python). */
export const pythonRuleMetas: import('../types').RuleMeta[] = [];
