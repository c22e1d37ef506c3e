import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';

// Third-party packages committed into a workspace (a Lambda layer's `python/` folder, `pip install -t .` output, a
// copy of boto3) are nobody's function code: the walk skips them and counts their files as skipped, once, instead of
// reporting on every file of botocore. node_modules is already in the default ignores.

/** Folders that hold installed packages and nothing else. */
const PACKAGE_FOLDER = /^(site-packages|dist-packages)$/;
/** A layer's `python/lib/python3.x` folder. */
const LAYER_LIB = /(^|\/)python\/lib\/python\d(\.\d+)?$/;
/** Folder names that, holding `*.dist-info`, are dependency folders rather than a function's own folder. */
const DEPENDENCY_FOLDER = /^(python|vendor|vendored|_vendor|third_party|dependencies|deps|packages|libs?|layer|\.requirements)$/;
/** Copies of the AWS SDK for Python. */
const SDK_COPY = new Set(['boto3', 'botocore', 's3transfer']);
const METADATA = /\.(dist-info|egg-info)$/;

/**
 * Templates that generate projects: a Maven archetype's `archetype-resources/` and cookiecutter/copier folders named
 * `{{cookiecutter.x}}`. Their files hold placeholders (`${package}`, `{{ ... }}`), not code that runs anywhere.
 */
const PROJECT_TEMPLATE = /(^|\/)archetype-resources$|\{\{[^/]*\}\}[^/]*$/;

/**
 * Whether a folder is skipped as a whole (counted, never analysed), from its path relative to the walk root: installed
 * third-party packages, and templates that generate projects.
 */
export function isVendoredFolder(relDir: string): boolean {
  return PACKAGE_FOLDER.test(path.posix.basename(relDir)) || LAYER_LIB.test(relDir) || PROJECT_TEMPLATE.test(relDir);
}

/**
 * A `dotnet new` template's folder: its `.template.config/` beside the project it generates, whose names are
 * placeholders (`BlueprintBaseName.1`) that `dotnet new` replaces. Like an archetype, a template of a project and not a
 * project.
 */
export function isDotnetTemplateFolder(entries: readonly Dirent[]): boolean {
  return entries.some((e) => e.isDirectory() && e.name === '.template.config');
}

/** Top-level names a package's metadata says it installed: `requests/`, `six.py` (from RECORD or top_level.txt). */
async function installedNames(distInfo: string): Promise<string[]> {
  for (const name of ['RECORD', 'installed-files.txt', 'top_level.txt']) {
    let text: string;
    try {
      text = await fs.readFile(path.join(distInfo, name), 'utf8');
    } catch {
      continue;
    }
    const out = new Set<string>();
    for (const line of text.split('\n')) {
      let p = line.split(',')[0].trim();
      // installed-files.txt lists paths relative to the egg-info folder.
      if (name === 'installed-files.txt') p = p.replace(/^\.\.\//, '');
      if (!p || p.startsWith('..') || p.startsWith('/')) continue;
      out.add(p.split('/')[0]);
    }
    return [...out];
  }
  return [];
}

/**
 * The entries of a folder (just listed) that are vendored: every one when the folder holds package metadata and is
 * named like a dependency folder, else the packages the metadata names, the metadata folders, and copies of boto3.
 */
export async function vendoredEntries(dir: string, entries: Dirent[]): Promise<'all' | Set<string>> {
  const out = new Set<string>();
  const metadata = entries.filter((e) => e.isDirectory() && METADATA.test(e.name));
  if (metadata.length) {
    if (DEPENDENCY_FOLDER.test(path.basename(dir))) return 'all';
    for (const m of metadata) {
      out.add(m.name);
      for (const n of await installedNames(path.join(dir, m.name))) out.add(n);
    }
  }
  for (const e of entries) if (e.isDirectory() && SDK_COPY.has(e.name)) out.add(e.name);
  return out;
}

/** Files under a folder, counted for the scan's `skipped` figure (folders that cannot be read count as none). */
export async function countFiles(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let n = 0;
  for (const e of entries) {
    if (e.isDirectory()) n += await countFiles(path.join(dir, e.name));
    else if (e.isFile()) n++;
  }
  return n;
}
