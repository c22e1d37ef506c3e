// The one HTML page the report renders into, for both hosts: the exported HTML file (src/core/report/html.ts, assets
// inline) and the editor's webview (src/extension/report/ReportPanel.ts, assets by URI). media/report.js finds #app
// and reads its data-mode.

export interface ReportPage {
  /** The Content-Security-Policy, in full. */
  csp: string;
  /** The rest of the head: what loads the stylesheet (inline or linked), and any meta the host needs. */
  style: string;
  mode: 'static' | 'webview';
  /** Shown in #app until the script renders (a <noscript> note for the static file). */
  fallback?: string;
  /** What runs after #app: the data and the script. */
  scripts: string;
}

export function reportPage(p: ReportPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${p.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LambdaShift migration report</title>
${p.style}
</head>
<body>
<main id="app" data-mode="${p.mode}" aria-live="polite">${p.fallback ?? ''}</main>
${p.scripts}
</body>
</html>
`;
}
