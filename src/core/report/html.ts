// The self-contained HTML export: the same renderer the webview uses (media/report.js) and its stylesheet, inlined,
// with the model embedded as a JSON data block. No network requests: the CSP allows only the two inline hashes.
import { createHash } from 'node:crypto';
import { reportPage } from '../../shared/reportPage';
import type { ReportModel } from './model';

export interface HtmlAssets {
  /** media/report.css */
  css: string;
  /** media/report.js */
  js: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that cannot end the surrounding <script> element or open a comment, whatever the strings contain. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function formatHtml(model: ReportModel, assets: HtmlAssets): string {
  // The assets are ours, but a stray `</script>` / `</style>` in them would still end the element early.
  const js = assets.js.replace(/<\/script/gi, '<\\/script');
  const css = assets.css.replace(/<\/style/gi, '<\\/style');
  // Hashes, not a nonce: a nonce in a static file is a constant anyone can read.
  const csp = [`default-src 'none'`, `script-src ${sha256(js)}`, `style-src ${sha256(css)}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join(
    '; ',
  );
  return reportPage({
    csp,
    // A standalone page follows the reader's light/dark preference; the webview takes VS Code's theme instead.
    style: `<meta name="color-scheme" content="light dark">\n<style>${css}</style>`,
    mode: 'static',
    fallback: '<noscript>This report renders with JavaScript. The same content is available with --format markdown.</noscript>',
    scripts: `<script type="application/json" id="lambdashift-data">${jsonForScript(model)}</script>\n<script>${js}</script>`,
  });
}
