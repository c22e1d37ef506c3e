// @ts-check
// Renders the LambdaShift report model. Used twice: inside the VS Code webview (data arrives by postMessage) and in
// the `--format html` export (data read from the embedded JSON block). DOM is built with createElement/textContent
// only, so names and messages from the workspace can never become markup.
(function () {
  'use strict';

  /** @typedef {{ requestsPerMonth: number, avgDurationMs: number, memoryMB: number, architecture: string, peakRps: number, provisionedConcurrency: number, mode: string, minReplicas: number, podCpu: number, podMemoryGiB: number }} Inputs */
  /** @typedef {{ requestsPerMonth: number, lambda: number, kubernetes: number, fargate: number | null }} Point */
  /** @typedef {{ kind: string, requestsPerMonth?: number }} BreakEven */
  /** @typedef {{ id: string, name: string, kind: string, workloadKind?: string, source: string, file: string, line: number, direction: string, verdict: string, effort: string, blockers: number, warnings: number, timeoutSeconds?: number, memoryMB?: number, events: string[], inputs: Inputs, inputsSource: string, cost: { lambda: { total: number, requests: number, compute: number, provisioned: number, gbSeconds: number }, kubernetes: { total: number, compute: number, controlPlane: number, replicas: number }, fargate: { total: number, vcpu: number, memoryGB: number } | null, cheapest: string, breakEven: BreakEven, breakEvenCost: number | null, concurrency: { peakConcurrency: number, exceedsAccount: boolean, secondsToPeak: number } }, curve: Point[] }} Unit */
  /** @typedef {{ ruleId: string, category: string, severity: string, direction: string, file: string, line: number, column: number, message: string, unit?: string, helpUri: string }} FindingRow */
  /** @typedef {{ version: number, tool: { version: string }, stats: { analyzed: number, files: number }, summary: { units: number, bySource: { source: string, count: number }[], verdicts: Record<string, Record<string, number>>, findings: Record<string, number>, topBlockers: { category: string, errors: number, warnings: number }[] }, units: Unit[], findings: { category: string, findings: FindingRow[] }[], portfolio: { lambda: number, kubernetes: number, fargate: number, cheaperOn: Record<string, string[]>, freeTier: boolean, peakConcurrency: number, accountConcurrency: number }, rates: { hoursPerMonth: number }, errors: { file: string, line?: number, message: string }[] }} Model */
  /** @typedef {{ sortKey: string, sortDir: number, filter: string, verdict: string, chartUnit: string, edits: Record<string, Partial<Inputs>>, closed: string[], model?: Model, editable?: boolean }} State */

  /** @type {{ postMessage(m: unknown): void, getState(): any, setState(s: unknown): void } | undefined} */
  /** @type {(() => any) | undefined} */
  const acquire = /** @type {any} */ (globalThis).acquireVsCodeApi;
  const vscode = acquire ? acquire() : undefined;
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  /** @type {State} */
  const state = Object.assign({ sortKey: 'verdict', sortDir: 1, filter: '', verdict: 'all', chartUnit: '', edits: {}, closed: [] }, (vscode && vscode.getState()) || {});
  /** @type {Model | undefined} */
  let model = state.model;
  let editable = Boolean(state.editable);

  function save() {
    if (vscode) vscode.setState(Object.assign({}, state, { model, editable }));
  }

  /**
   * @param {string} tag
   * @param {Record<string, string | number | boolean | undefined>} [attrs]
   * @param {(Node | string | number | undefined | null | false)[]} children
   * @returns {HTMLElement}
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === undefined || c === null || c === false) continue;
      el.append(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  /**
   * @param {string} tag
   * @param {Record<string, string | number>} attrs
   * @param {(Node | string)[]} children
   */
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    for (const c of children) el.append(typeof c === 'object' ? c : document.createTextNode(c));
    return el;
  }

  /** @param {number | null | undefined} n */
  function money(n) {
    if (n === null || n === undefined || !isFinite(n)) return 'n/a';
    return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  /** @param {number} n */
  function count(n) {
    if (n >= 1e9) return +(n / 1e9).toFixed(2) + 'B';
    if (n >= 1e6) return +(n / 1e6).toFixed(2) + 'M';
    if (n >= 1e4) return +(n / 1e3).toFixed(1) + 'k';
    return Math.round(n).toLocaleString('en-US');
  }
  /** @param {Unit} u */
  function breakEvenText(u) {
    const be = u.cost.breakEven;
    if (be.kind === 'at') return count(be.requestsPerMonth || 0) + ' req/mo';
    return be.kind === 'kubernetes-always' ? 'Kubernetes cheaper at any traffic' : 'Lambda cheaper at any traffic';
  }
  const VERDICT_RANK = /** @type {Record<string, number>} */ ({ blocked: 0, changes: 1, ready: 2 });

  /**
   * A file:line reference: a button that asks the extension to open it, or plain text in the export (a link to a
   * workspace-controlled path could be a `javascript:` URL).
   * @param {string} file @param {number} line @param {number} [column]
   */
  function location(file, line, column) {
    const label = file + ':' + line + (column ? ':' + column : '');
    if (!vscode) return h('code', { class: 'loc' }, label);
    const b = h('button', { type: 'button', class: 'link loc', title: 'Open ' + label }, label);
    b.addEventListener('click', () => vscode.postMessage({ type: 'open', file, line, column: column || 1 }));
    return b;
  }

  /** @param {string} id @param {string} title @param {(Node | string | false | undefined)[]} body */
  function section(id, title, ...body) {
    return h('section', { id, 'aria-labelledby': id + '-h' }, h('h2', { id: id + '-h' }, title), ...body);
  }

  /** @param {string} v */
  function badge(v) {
    return h('span', { class: 'badge ' + v }, v);
  }

  function renderHeader() {
    const m = /** @type {Model} */ (model);
    const f = m.summary.findings;
    const header = h('header', {}, h('h1', {}, 'LambdaShift migration report'), h('p', { class: 'muted' }, m.summary.units + ' units · ' + f.error + ' errors · ' + f.warning + ' warnings · ' + f.info + ' info · ' + m.stats.analyzed + ' files analysed · LambdaShift ' + m.tool.version));
    const nav = h('nav', { 'aria-label': 'Sections' }, ...['summary', 'units', 'findings', 'cost'].map((id) => h('a', { href: '#' + id }, id[0].toUpperCase() + id.slice(1))));
    header.append(nav);
    if (vscode) {
      const bar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' });
      for (const [format, label] of [['html', 'HTML'], ['markdown', 'Markdown'], ['sarif', 'SARIF'], ['json', 'JSON']]) {
        const b = h('button', { type: 'button', class: 'secondary' }, 'Export ' + label);
        b.addEventListener('click', () => vscode.postMessage({ type: 'export', format }));
        bar.append(b);
      }
      const r = h('button', { type: 'button' }, 'Re-assess');
      r.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
      bar.append(r);
      header.append(bar);
    }
    return header;
  }

  function renderSummary() {
    const m = /** @type {Model} */ (model);
    const sm = m.summary;
    const cards = h('div', { class: 'cards' });
    cards.append(
      h('div', { class: 'card' }, h('h3', {}, 'Units by source'), sm.bySource.length ? h('ul', {}, ...sm.bySource.map((b) => h('li', {}, h('strong', {}, b.count), ' ' + b.source))) : h('p', {}, 'No units found.')),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Verdicts'),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Move'), h('th', { scope: 'col' }, 'Ready'), h('th', { scope: 'col' }, 'Changes'), h('th', { scope: 'col' }, 'Blocked'))),
          h('tbody', {}, ...[['to-kubernetes', 'Lambda → Kubernetes'], ['to-lambda', 'Kubernetes → Lambda']].map(([d, label]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, sm.verdicts[d].ready), h('td', {}, sm.verdicts[d].changes), h('td', {}, sm.verdicts[d].blocked)))),
        ),
      ),
      h('div', { class: 'card' }, h('h3', {}, 'Top blockers'), sm.topBlockers.length ? h('ol', {}, ...sm.topBlockers.map((b) => h('li', {}, b.category + ': ', h('strong', {}, b.errors + ' blocking'), ', ' + b.warnings + ' to change'))) : h('p', {}, 'Nothing blocks a move.')),
    );
    return section('summary', 'Summary', cards);
  }

  /** @type {[string, string, (u: Unit) => string | number][]} */
  const COLUMNS = [
    ['name', 'Unit', (u) => u.name.toLowerCase()],
    ['source', 'Source', (u) => u.source],
    ['direction', 'Move', (u) => u.direction],
    ['verdict', 'Verdict', (u) => VERDICT_RANK[u.verdict]],
    ['effort', 'Effort', (u) => ['S', 'M', 'L', 'XL'].indexOf(u.effort)],
    ['blockers', 'Blockers', (u) => u.blockers],
    ['timeout', 'Timeout', (u) => (u.timeoutSeconds === undefined ? -1 : u.timeoutSeconds)],
    ['memory', 'Memory', (u) => (u.memoryMB === undefined ? -1 : u.memoryMB)],
    ['events', 'Events', (u) => u.events.join(' ')],
    ['lambda', 'Lambda /mo', (u) => u.cost.lambda.total],
    ['kubernetes', 'Kubernetes /mo', (u) => u.cost.kubernetes.total],
    ['fargate', 'Fargate /mo', (u) => (u.cost.fargate ? u.cost.fargate.total : Infinity)],
  ];

  function renderUnits() {
    const m = /** @type {Model} */ (model);
    const filter = h('input', { type: 'search', id: 'unit-filter', placeholder: 'Filter by name, file, source or event', value: state.filter, 'aria-label': 'Filter units' });
    const verdict = h('select', { id: 'verdict-filter', 'aria-label': 'Filter by verdict' }, ...['all', 'blocked', 'changes', 'ready'].map((v) => h('option', { value: v, selected: v === state.verdict }, v === 'all' ? 'All verdicts' : v)));
    const tbody = h('tbody');
    const status = h('p', { class: 'muted', role: 'status' });
    const fill = () => {
      const q = state.filter.trim().toLowerCase();
      const col = COLUMNS.find((c) => c[0] === state.sortKey) || COLUMNS[3];
      const rows = m.units
        .filter((u) => (state.verdict === 'all' || u.verdict === state.verdict) && (!q || [u.name, u.file, u.source, u.direction, ...u.events].join(' ').toLowerCase().includes(q)))
        .sort((a, b) => {
          const x = col[2](a);
          const y = col[2](b);
          return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name)) * state.sortDir;
        });
      tbody.replaceChildren(
        ...rows.map((u) =>
          h(
            'tr',
            { 'data-unit': u.id },
            h('th', { scope: 'row' }, h('div', { class: 'unit-name' }, u.name), location(u.file, u.line)),
            h('td', {}, u.source),
            h('td', {}, u.direction === 'to-kubernetes' ? 'to Kubernetes' : 'to Lambda'),
            h('td', {}, badge(u.verdict)),
            h('td', {}, u.effort),
            h('td', { class: 'num' }, u.blockers),
            h('td', { class: 'num' }, u.timeoutSeconds === undefined ? '' : u.timeoutSeconds + ' s'),
            h('td', { class: 'num' }, u.memoryMB === undefined ? '' : u.memoryMB + ' MB'),
            h('td', {}, ...u.events.map((e) => h('div', { class: 'event' }, e))),
            h('td', { class: 'num' + (u.cost.cheapest === 'lambda' ? ' best' : '') }, money(u.cost.lambda.total)),
            h('td', { class: 'num' + (u.cost.cheapest === 'kubernetes' ? ' best' : '') }, money(u.cost.kubernetes.total)),
            h('td', { class: 'num' + (u.cost.cheapest === 'fargate' ? ' best' : '') }, money(u.cost.fargate ? u.cost.fargate.total : null)),
          ),
        ),
      );
      status.textContent = rows.length + ' of ' + m.units.length + ' units shown. Cheapest platform per unit is marked ★.';
    };
    filter.addEventListener('input', () => {
      state.filter = /** @type {HTMLInputElement} */ (filter).value;
      save();
      fill();
    });
    verdict.addEventListener('change', () => {
      state.verdict = /** @type {HTMLSelectElement} */ (verdict).value;
      save();
      fill();
    });
    const headRow = h('tr');
    const heads = COLUMNS.map(([key, label]) => {
      const b = h('button', { type: 'button', class: 'sort' }, label);
      const th = h('th', { scope: 'col' }, b);
      b.addEventListener('click', () => {
        state.sortDir = state.sortKey === key ? -state.sortDir : 1;
        state.sortKey = key;
        save();
        for (const [k, t] of heads) t.setAttribute('aria-sort', k === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
        fill();
      });
      th.setAttribute('aria-sort', key === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      headRow.append(th);
      return /** @type {[string, HTMLElement]} */ ([key, th]);
    });
    fill();
    return section(
      'units',
      'Functions and workloads',
      h('div', { class: 'filters' }, filter, verdict),
      m.units.length ? h('div', { class: 'scroll' }, h('table', { class: 'units' }, h('caption', { class: 'sr-only' }, 'Units; column headers sort'), h('thead', {}, headRow), tbody)) : h('p', {}, 'No functions or workloads found.'),
      status,
    );
  }

  function renderFindings() {
    const m = /** @type {Model} */ (model);
    if (!m.findings.length) return section('findings', 'Findings by category', h('p', {}, 'No findings.'));
    return section(
      'findings',
      'Findings by category',
      ...m.findings.map((g) => {
        const errors = g.findings.filter((f) => f.severity === 'error').length;
        const d = h('details', { open: !state.closed.includes(g.category), 'data-category': g.category }, h('summary', {}, h('strong', {}, g.category), ' — ' + g.findings.length + ' finding' + (g.findings.length === 1 ? '' : 's') + (errors ? ', ' + errors + ' blocking' : '')));
        d.addEventListener('toggle', () => {
          const open = /** @type {HTMLDetailsElement} */ (d).open;
          state.closed = state.closed.filter((c) => c !== g.category).concat(open ? [] : [g.category]);
          save();
        });
        d.append(
          h(
            'ul',
            { class: 'findings' },
            ...g.findings.map((f) =>
              h(
                'li',
                { class: 'finding ' + f.severity },
                h('div', { class: 'finding-head' }, badge(f.severity), ' ', location(f.file, f.line, f.column), f.unit ? h('span', { class: 'muted' }, ' · ' + f.unit) : '', ' · ', /^https:\/\//.test(f.helpUri) ? h('a', { href: f.helpUri, class: 'rule' }, f.ruleId) : h('code', {}, f.ruleId)),
                h('p', { class: 'message' }, f.message),
              ),
            ),
          ),
        );
        return d;
      }),
    );
  }

  /** @param {Unit} u */
  function chart(u) {
    const W = 640, H = 300, L = 64, R = 16, T = 16, B = 44;
    const pts = u.curve.filter((p) => p.requestsPerMonth >= 1 && isFinite(p.lambda) && isFinite(p.kubernetes));
    if (pts.length < 2) return h('p', { class: 'muted' }, 'No cost curve for ' + u.name + '.');
    const ys = pts.flatMap((p) => [p.lambda, p.kubernetes, p.fargate === null ? p.lambda : p.fargate]).map((v) => Math.max(v, 0.01));
    const x0 = Math.log10(pts[0].requestsPerMonth), x1 = Math.log10(pts[pts.length - 1].requestsPerMonth);
    const y0 = Math.floor(Math.log10(Math.min(...ys))), y1 = Math.ceil(Math.log10(Math.max(...ys)));
    /** @param {number} r */ const X = (r) => L + ((Math.log10(Math.max(r, 1)) - x0) / (x1 - x0 || 1)) * (W - L - R);
    /** @param {number} c */ const Y = (c) => T + (1 - (Math.log10(Math.max(c, 0.01)) - y0) / (y1 - y0 || 1)) * (H - T - B);
    /** @param {(p: Point) => number | null} pick */
    const path = (pick) => pts.filter((p) => pick(p) !== null).map((p, i) => (i ? 'L' : 'M') + X(p.requestsPerMonth).toFixed(1) + ' ' + Y(/** @type {number} */ (pick(p))).toFixed(1)).join(' ');
    const be = u.cost.breakEven;
    const desc = 'Monthly cost against monthly requests, both axes logarithmic. ' + (be.kind === 'at' ? 'Lambda and Kubernetes cost the same, ' + money(u.cost.breakEvenCost) + ', at ' + count(be.requestsPerMonth || 0) + ' requests a month; below that Lambda is cheaper.' : breakEvenText(u) + '.') + ' Current estimate: ' + count(u.inputs.requestsPerMonth) + ' requests, ' + money(u.cost.lambda.total) + ' on Lambda, ' + money(u.cost.kubernetes.total) + ' on Kubernetes.';
    const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'chart' }, s('title', { id: 'chart-title' }, 'Cost against traffic for ' + u.name), s('desc', { id: 'chart-desc' }, desc));
    // Bounded loops: one tick per decade, and the decades come from finite, positive data.
    for (let e = Math.ceil(x0); e <= Math.floor(x1) && e - x0 < 20; e++) {
      svg.append(s('line', { x1: X(10 ** e), x2: X(10 ** e), y1: T, y2: H - B, class: 'grid' }), s('text', { x: X(10 ** e), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, count(10 ** e)));
    }
    for (let e = y0; e <= y1 && e - y0 < 20; e++) {
      svg.append(s('line', { x1: L, x2: W - R, y1: Y(10 ** e), y2: Y(10 ** e), class: 'grid' }), s('text', { x: L - 6, y: Y(10 ** e) + 4, 'text-anchor': 'end', class: 'tick' }, money(10 ** e).replace(/\.00$/, '')));
    }
    svg.append(
      s('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, 'requests per month'),
      s('path', { d: path((p) => p.fargate), class: 'line fargate' }),
      s('path', { d: path((p) => p.kubernetes), class: 'line kubernetes' }),
      s('path', { d: path((p) => p.lambda), class: 'line lambda' }),
    );
    const cx = X(u.inputs.requestsPerMonth);
    svg.append(s('line', { x1: cx, x2: cx, y1: T, y2: H - B, class: 'current' }), s('text', { x: cx + 4, y: T + 12, class: 'tick' }, 'now'));
    if (be.kind === 'at' && u.cost.breakEvenCost !== null) {
      const bx = X(be.requestsPerMonth || 1), by = Y(u.cost.breakEvenCost);
      svg.append(s('circle', { cx: bx, cy: by, r: 6, class: 'breakeven' }), s('text', { x: bx + 9, y: by - 8, class: 'tick strong' }, 'break-even ' + count(be.requestsPerMonth || 0)));
    }
    const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' }, h('li', { class: 'lambda' }, 'Lambda'), h('li', { class: 'kubernetes' }, 'Kubernetes (EKS on EC2)'), h('li', { class: 'fargate' }, 'Fargate (EKS)'), h('li', { class: 'breakeven' }, 'Break-even'));
    const data = h(
      'details',
      {},
      h('summary', {}, 'Chart data'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Requests /mo'), h('th', { scope: 'col' }, 'Lambda'), h('th', { scope: 'col' }, 'Kubernetes'), h('th', { scope: 'col' }, 'Fargate'))), h('tbody', {}, ...pts.map((p) => h('tr', {}, h('td', { class: 'num' }, count(p.requestsPerMonth)), h('td', { class: 'num' }, money(p.lambda)), h('td', { class: 'num' }, money(p.kubernetes)), h('td', { class: 'num' }, money(p.fargate)))))),
    );
    return h('figure', { class: 'chart-box' }, svg, legend, h('figcaption', {}, desc), data);
  }

  /** @type {[keyof Inputs, string, string, number][]} */
  const INPUTS = [
    ['requestsPerMonth', 'Requests per month', 'number', 1],
    ['avgDurationMs', 'Average duration (ms)', 'number', 1],
    ['memoryMB', 'Lambda memory (MB)', 'number', 1],
    ['architecture', 'Architecture', 'select:x86_64,arm64', 0],
    ['peakRps', 'Peak requests per second', 'number', 0.1],
    ['provisionedConcurrency', 'Provisioned concurrency', 'number', 1],
    ['mode', 'Kubernetes run mode', 'select:always-on,scheduled', 0],
    ['minReplicas', 'Minimum replicas', 'number', 1],
    ['podCpu', 'Pod CPU request (vCPU)', 'number', 0.05],
    ['podMemoryGiB', 'Pod memory request (GiB)', 'number', 0.25],
  ];

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;

  /** @param {Unit} u */
  function inputsForm(u) {
    const form = h('form', { class: 'inputs', 'aria-label': 'Cost inputs for ' + u.name });
    form.addEventListener('submit', (e) => e.preventDefault());
    for (const [key, label, type, step] of INPUTS) {
      const id = 'in-' + key;
      const value = String(u.inputs[key]);
      /** @type {HTMLElement} */
      let control;
      if (type.startsWith('select:')) control = h('select', { id, disabled: !editable }, ...type.slice(7).split(',').map((o) => h('option', { value: o, selected: o === value }, o)));
      else control = h('input', { id, type: 'number', min: 0, step, value, disabled: !editable, inputmode: 'decimal' });
      control.addEventListener(type === 'number' ? 'input' : 'change', () => {
        const raw = /** @type {HTMLInputElement} */ (control).value;
        const v = type === 'number' ? Number(raw) : raw;
        if (type === 'number' && (raw === '' || !isFinite(/** @type {number} */ (v)))) return;
        state.edits[u.name] = Object.assign({}, state.edits[u.name], { [key]: v });
        save();
        // Recalculation happens in the extension (the one cost model); wait for typing to pause.
        clearTimeout(pending);
        pending = setTimeout(() => vscode && vscode.postMessage({ type: 'setInputs', unit: u.name, inputs: state.edits[u.name] }), 250);
      });
      form.append(h('label', { for: id }, label), control);
    }
    const foot = h('p', { class: 'muted' }, 'Inputs from ' + u.inputsSource + (state.edits[u.name] ? ' (edited here)' : '') + '.' + (editable ? '' : ' Set them in lambdashift.yaml; see docs/cost-model.md.'));
    if (editable && state.edits[u.name]) {
      const reset = h('button', { type: 'button', class: 'secondary' }, 'Reset inputs');
      reset.addEventListener('click', () => {
        delete state.edits[u.name];
        save();
        if (vscode) vscode.postMessage({ type: 'setInputs', unit: u.name, inputs: null });
      });
      foot.append(' ', reset);
    }
    form.append(foot);
    return form;
  }

  function renderCost() {
    const m = /** @type {Model} */ (model);
    const p = m.portfolio;
    const totals = h(
      'table',
      { class: 'totals' },
      h('caption', {}, 'Portfolio, estimated USD per month (' + m.rates.hoursPerMonth + ' h' + (p.freeTier ? ', Lambda free tier applied' : '') + ')'),
      h('thead', {}, h('tr', {}, h('td'), h('th', { scope: 'col' }, 'Lambda'), h('th', { scope: 'col' }, 'Kubernetes (EKS on EC2)'), h('th', { scope: 'col' }, 'Fargate (EKS)'))),
      h(
        'tbody',
        {},
        h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { class: 'num' }, money(p.lambda)), h('td', { class: 'num' }, money(p.kubernetes)), h('td', { class: 'num' }, money(p.fargate))),
        h('tr', {}, h('th', { scope: 'row' }, 'Cheapest for'), ...['lambda', 'kubernetes', 'fargate'].map((k) => h('td', {}, p.cheaperOn[k].length ? p.cheaperOn[k].join(', ') : '—'))),
      ),
    );
    const conc = h('p', { class: p.peakConcurrency > p.accountConcurrency ? 'warn' : 'muted' }, 'Peak Lambda concurrency if all peaks coincide: ' + Math.ceil(p.peakConcurrency).toLocaleString('en-US') + ' of the ' + p.accountConcurrency.toLocaleString('en-US') + ' account default.');
    if (!m.units.length) return section('cost', 'Cost', totals, conc);
    let unit = m.units.find((u) => u.name === state.chartUnit) || m.units.find((u) => u.cost.breakEven.kind === 'at') || m.units[0];
    const pick = h('select', { id: 'chart-unit' }, ...m.units.map((u) => h('option', { value: u.name, selected: u === unit }, u.name)));
    const holder = h('div', { class: 'cost-unit' });
    const draw = () => {
      const c = unit.cost;
      holder.replaceChildren(
        h(
          'div',
          { class: 'cost-grid' },
          chart(unit),
          h(
            'div',
            {},
            h(
              'table',
              { class: 'breakdown' },
              h('caption', {}, unit.name + ' per month'),
              h(
                'tbody',
                {},
                h('tr', {}, h('th', { scope: 'row' }, 'Lambda'), h('td', { class: 'num' }, money(c.lambda.total)), h('td', { class: 'muted' }, 'requests ' + money(c.lambda.requests) + ', compute ' + money(c.lambda.compute) + (c.lambda.provisioned ? ', provisioned ' + money(c.lambda.provisioned) : ''))),
                h('tr', {}, h('th', { scope: 'row' }, 'Kubernetes'), h('td', { class: 'num' }, money(c.kubernetes.total)), h('td', { class: 'muted' }, 'pods ' + money(c.kubernetes.compute) + ' (' + +c.kubernetes.replicas.toFixed(2) + ' avg replicas), control plane share ' + money(c.kubernetes.controlPlane))),
                h('tr', {}, h('th', { scope: 'row' }, 'Fargate'), h('td', { class: 'num' }, money(c.fargate ? c.fargate.total : null)), h('td', { class: 'muted' }, c.fargate ? c.fargate.vcpu + ' vCPU / ' + c.fargate.memoryGB + ' GB pods' : 'no Fargate size fits')),
                h('tr', {}, h('th', { scope: 'row' }, 'Break-even'), h('td', { colspan: 2 }, breakEvenText(unit))),
                h('tr', {}, h('th', { scope: 'row' }, 'Peak concurrency'), h('td', { colspan: 2, class: c.concurrency.exceedsAccount ? 'warn' : '' }, Math.ceil(c.concurrency.peakConcurrency).toLocaleString('en-US') + (c.concurrency.exceedsAccount ? ' — above the account default' : ''))),
              ),
            ),
            inputsForm(unit),
          ),
        ),
      );
    };
    pick.addEventListener('change', () => {
      state.chartUnit = /** @type {HTMLSelectElement} */ (pick).value;
      unit = m.units.find((u) => u.name === state.chartUnit) || unit;
      save();
      draw();
    });
    draw();
    return section('cost', 'Cost: Lambda vs Kubernetes vs Fargate', totals, conc, h('div', { class: 'filters' }, h('label', { for: 'chart-unit' }, 'Unit '), pick), holder);
  }

  function renderErrors() {
    const m = /** @type {Model} */ (model);
    if (!m.errors.length) return undefined;
    return section('errors', 'Could not analyse', h('ul', {}, ...m.errors.map((e) => h('li', {}, location(e.file, e.line || 1), ' ', e.message))));
  }

  function render() {
    if (!model) {
      app.replaceChildren(h('p', { class: 'muted' }, 'Assessing the workspace…'));
      return;
    }
    // Keep focus and scroll across re-renders caused by live recalculation.
    const focusId = document.activeElement && document.activeElement.id;
    const scroll = window.scrollY;
    const parts = [renderHeader(), renderSummary(), renderUnits(), renderFindings(), renderCost(), renderErrors()];
    app.replaceChildren(...parts.filter((x) => x !== undefined));
    if (focusId) {
      const el = document.getElementById(focusId);
      if (el) el.focus();
    }
    window.scrollTo(0, scroll);
  }

  /** @param {unknown} m @returns {m is Model} */
  function isModel(m) {
    return typeof m === 'object' && m !== null && /** @type {any} */ (m).version === 1 && Array.isArray(/** @type {any} */ (m).units) && Array.isArray(/** @type {any} */ (m).findings);
  }

  if (vscode) {
    window.addEventListener('message', (event) => {
      const msg = event.data;
      if (!msg || typeof msg !== 'object' || msg.type !== 'model' || !isModel(msg.model)) return;
      model = msg.model;
      editable = Boolean(msg.editable);
      save();
      render();
    });
    render();
    vscode.postMessage({ type: 'ready', edits: state.edits });
  } else {
    const data = document.getElementById('lambdashift-data');
    try {
      const parsed = JSON.parse((data && data.textContent) || 'null');
      if (isModel(parsed)) model = parsed;
    } catch {
      app.replaceChildren(h('p', { class: 'warn' }, 'The embedded report data could not be read.'));
    }
    render();
  }
})();
