// @ts-check
// Renders the LambdaShift report model. Used twice: inside the VS Code webview (data arrives by postMessage) and in
// the `--format html` export (data read from the embedded JSON block). DOM is built with createElement/textContent
// only, so names and messages from the workspace can never become markup.
(function () {
  'use strict';

  // The types come from the TypeScript sources the extension and the HTML export build the data with
  // (media/tsconfig.json, checked by `npm run typecheck`): a change there that this script does not follow fails it.
  /** @typedef {import('../src/core/report/model').ReportModel} Model */
  /** @typedef {Model['units'][number]} Unit */
  /** @typedef {Model['findings'][number]['findings'][number]} FindingRow */
  /** @typedef {Unit['inputs']} Inputs */
  /** @typedef {Unit['curve'][number]} Point */
  /** @typedef {Unit['cost']['breakEven']} BreakEven */
  /** @typedef {NonNullable<Unit['usage']>} Usage */
  /** @typedef {Unit['cost']['concurrency']} Concurrency */
  /** @typedef {Model['split']} Split */
  /** @typedef {Split['rows'][number]} SplitRow */
  /** @typedef {NonNullable<Model['applications']>[number]} Application */
  /** @typedef {Unit['decidedBy'][number]} Reason */
  /** @typedef {Unit['describedIn'][number]} Description */
  /** @typedef {import('../src/shared/reportProtocol').WebviewToHost} WebviewToHost */
  /** @typedef {import('../src/shared/reportProtocol').HostToWebview} HostToWebview */
  /** @typedef {{ sortKey: string, sortDir: number, filter: string, verdict: string, chartUnit: string, edits: Record<string, Partial<Inputs>>, closed: string[], group: string, page: number, toggled: string[], more: Record<string, number>, model?: Model, editable?: boolean }} State */

  /** @type {(() => { postMessage(m: WebviewToHost): void, getState(): Partial<State> | undefined, setState(s: State): void }) | undefined} */
  const acquire = /** @type {any} */ (globalThis).acquireVsCodeApi;
  const vscode = acquire ? acquire() : undefined;
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  /** @type {State} */
  const state = Object.assign(
    { sortKey: 'verdict', sortDir: 1, filter: '', verdict: 'all', chartUnit: '', edits: {}, closed: [], group: 'none', page: 0, toggled: [], more: {} },
    (vscode && vscode.getState()) || {},
  );
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

  /**
   * A report section whose heading collapses it (kept across re-renders and, in the editor, across reloads).
   * @param {string} id @param {string} title @param {(Node | string | false | undefined)[]} body
   */
  function section(id, title, ...body) {
    const key = 'section:' + id;
    const open = !state.closed.includes(key);
    const content = h('div', { class: 'section-body', id: id + '-body', hidden: !open }, ...body);
    const toggle = h('button', { type: 'button', class: 'section-toggle', 'aria-expanded': String(open), 'aria-controls': id + '-body' }, title);
    toggle.addEventListener('click', () => {
      const now = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(now));
      content.hidden = !now;
      state.closed = state.closed.filter((c) => c !== key).concat(now ? [] : [key]);
      save();
    });
    return h('section', { id, 'aria-labelledby': id + '-h' }, h('h2', { id: id + '-h' }, toggle), content);
  }

  /**
   * Messages use Markdown's `code` spans (and the odd **bold**): shown as code and plain text, never as raw
   * backticks. Built with text nodes only, like everything else here.
   * @param {string} text
   */
  function richText(text) {
    const parts = String(text)
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .split(/`([^`]+)`/);
    return parts.map((p, i) => (i % 2 ? h('code', {}, p) : document.createTextNode(p)));
  }

  /** @param {string} v */
  function badge(v) {
    return h('span', { class: 'badge ' + v }, v);
  }

  const BASIS_RANK = /** @type {Record<string, number>} */ ({ measured: 0, 'partly measured': 1, estimated: 2 });

  /** "measured" / "partly measured" / "estimated": where a unit's costs come from. @param {string | undefined} b */
  function basisBadge(b) {
    const basis = b || 'estimated';
    return h('span', { class: 'badge basis ' + (basis === 'measured' ? 'measured' : basis === 'estimated' ? 'estimated' : 'partly') }, basis);
  }

  /** @param {number} n */
  function pct(n) {
    return Math.round(n * 100) + '%';
  }
  /** @param {number | undefined} ms */
  function duration(ms) {
    if (ms === undefined) return 'n/a';
    return ms >= 10000 ? Math.round(ms / 1000) + ' s' : ms >= 1000 ? (ms / 1000).toFixed(1) + ' s' : Math.round(ms) + ' ms';
  }
  /** @param {number} b */
  function bytes(b) {
    return b >= 2 ** 30 ? +(b / 2 ** 30).toFixed(2) + ' GiB' : Math.round(b / 2 ** 20) + ' MiB';
  }

  /** What was measured, in one sentence per source. @param {Usage} x */
  function usageText(x) {
    const parts = [];
    const per = x.days + ' day' + (x.days === 1 ? '' : 's');
    if (x.requests !== undefined)
      parts.push(
        count(x.requests) +
          (x.source === 'cloudwatch' ? ' invocations' : ' requests') +
          ' in ' +
          per +
          (x.peakRps !== undefined ? ', peak ' + (x.peakRps >= 0.01 || x.peakRps === 0 ? +x.peakRps.toFixed(2) : +x.peakRps.toPrecision(2)) + '/s' : ''),
      );
    if (x.durationMs) {
      const d = x.durationMs;
      parts.push(
        (x.source === 'cloudwatch' ? 'duration' : 'latency') +
          ' avg ' +
          duration(d.avg) +
          (d.p99 !== undefined ? ', p99 ' + duration(d.p99) : '') +
          (d.max !== undefined ? ', max ' + duration(d.max) : '') +
          (x.timeoutSeconds ? ' (timeout ' + x.timeoutSeconds + ' s)' : ''),
      );
    }
    if (x.cpuCores) parts.push('CPU ' + +x.cpuCores.avg.toFixed(3) + ' cores avg, ' + +x.cpuCores.peak.toFixed(3) + ' peak');
    if (x.memoryBytes) parts.push('memory ' + bytes(x.memoryBytes.avg) + ' avg, ' + bytes(x.memoryBytes.peak) + ' peak');
    if (x.replicas) parts.push('replicas ' + +x.replicas.avg.toFixed(2) + ' avg (' + x.replicas.min + '–' + x.replicas.max + ')');
    if (x.throttles) parts.push(count(x.throttles) + ' throttles');
    if (x.errors) parts.push(count(x.errors) + ' errors');
    return (
      (x.source === 'cloudwatch' ? 'CloudWatch' : 'Prometheus') +
      ' (' +
      x.subject +
      ', ' +
      x.from.slice(0, 10) +
      ' to ' +
      x.to.slice(0, 10) +
      '): ' +
      (parts.length ? parts.join('; ') : 'no figures') +
      '.'
    );
  }

  function renderHeader() {
    const m = /** @type {Model} */ (model);
    const f = m.summary.findings;
    const header = h(
      'header',
      {},
      h('h1', {}, 'LambdaShift migration report'),
      h(
        'p',
        { class: 'muted' },
        m.summary.units +
          ' units · ' +
          f.error +
          ' errors · ' +
          f.warning +
          ' warnings · ' +
          f.info +
          ' info · ' +
          m.stats.analyzed +
          ' files analysed · LambdaShift ' +
          m.tool.version,
      ),
    );
    const nav = h(
      'nav',
      { 'aria-label': 'Sections' },
      ...['summary', ...(m.applications ? ['applications'] : []), 'units', 'findings', 'cost'].map((id) =>
        h('a', { href: '#' + id }, id[0].toUpperCase() + id.slice(1)),
      ),
    );
    header.append(nav);
    if (vscode) {
      const bar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' });
      for (const [format, label] of /** @type {const} */ ([
        ['html', 'HTML'],
        ['markdown', 'Markdown'],
        ['sarif', 'SARIF'],
        ['json', 'JSON'],
      ])) {
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
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Units by source'),
        sm.bySource.length ? h('ul', {}, ...sm.bySource.map((b) => h('li', {}, h('strong', {}, b.count), ' ' + b.source))) : h('p', {}, 'No units found.'),
      ),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Verdicts'),
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Move'),
              h('th', { scope: 'col' }, 'Ready'),
              h('th', { scope: 'col' }, 'Changes'),
              h('th', { scope: 'col' }, 'Blocked'),
            ),
          ),
          h(
            'tbody',
            {},
            .../** @type {const} */ ([
              ['to-kubernetes', 'Lambda → Kubernetes'],
              ['to-lambda', 'Kubernetes → Lambda'],
            ]).map(([d, label]) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, label),
                h('td', {}, sm.verdicts[d].ready),
                h('td', {}, sm.verdicts[d].changes),
                h('td', {}, sm.verdicts[d].blocked),
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Top blockers'),
        sm.topBlockers.length
          ? h('ol', {}, ...sm.topBlockers.map((b) => h('li', {}, b.category + ': ', h('strong', {}, b.errors + ' blocking'), ', ' + b.warnings + ' to change')))
          : h('p', {}, 'Nothing blocks a move.'),
      ),
    );
    return section('summary', 'Summary', cards);
  }

  function renderApplications() {
    const m = /** @type {Model} */ (model);
    if (!m.applications) return undefined;
    const heads = [
      'Application',
      'Units',
      'Measured',
      'Ready',
      'Changes',
      'Blocked',
      'Blockers',
      'All on Lambda /mo',
      'All on Kubernetes /mo',
      'As today /mo',
      'Each on its cheaper side /mo',
    ];
    const total = (/** @type {(a: Application) => number} */ pick) => (m.applications ? m.applications.reduce((sum, a) => sum + pick(a), 0) : 0);
    return section(
      'applications',
      'Applications',
      h(
        'p',
        { class: 'muted' },
        m.applications.length + ' repositories. Costs per month, measured where the Basis column of the units says so, estimated elsewhere.',
      ),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'apps' },
          h('thead', {}, h('tr', {}, ...heads.map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            ...m.applications.map((a) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, a.name),
                h('td', { class: 'num' }, a.units),
                h('td', { class: 'num' }, a.measured + ' of ' + a.units),
                h('td', { class: 'num' }, a.verdicts.ready),
                h('td', { class: 'num' }, a.verdicts.changes),
                h('td', { class: 'num' }, a.verdicts.blocked),
                h('td', { class: 'num' }, a.blockers),
                h('td', { class: 'num' + (a.lambda <= a.kubernetes ? ' best' : '') }, money(a.lambda)),
                h('td', { class: 'num' + (a.kubernetes < a.lambda ? ' best' : '') }, money(a.kubernetes)),
                h('td', { class: 'num' }, money(a.current)),
                h('td', { class: 'num' }, money(a.best)),
              ),
            ),
          ),
          h(
            'tfoot',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'Fleet'),
              h(
                'td',
                { class: 'num' },
                total((a) => a.units),
              ),
              h('td', { class: 'num' }, total((a) => a.measured) + ' of ' + total((a) => a.units)),
              h(
                'td',
                { class: 'num' },
                total((a) => a.verdicts.ready),
              ),
              h(
                'td',
                { class: 'num' },
                total((a) => a.verdicts.changes),
              ),
              h(
                'td',
                { class: 'num' },
                total((a) => a.verdicts.blocked),
              ),
              h(
                'td',
                { class: 'num' },
                total((a) => a.blockers),
              ),
              h('td', { class: 'num' }, money(total((a) => a.lambda))),
              h('td', { class: 'num' }, money(total((a) => a.kubernetes))),
              h('td', { class: 'num' }, money(total((a) => a.current))),
              h('td', { class: 'num' }, money(total((a) => a.best))),
            ),
          ),
        ),
      ),
    );
  }

  /** @type {[string, string, (u: Unit) => string | number][]} */
  const COLUMNS = [
    ['name', 'Unit', (u) => u.name.toLowerCase()],
    ['source', 'Source', (u) => u.source],
    ['direction', 'Move', (u) => u.direction],
    ['verdict', 'Verdict', (u) => VERDICT_RANK[u.verdict]],
    ['effort', 'Effort', (u) => ['S', 'M', 'L', 'XL'].indexOf(u.effort)],
    ['why', 'Decided by', (u) => ((u.decidedBy || [])[0] || { message: '' }).message],
    ['code', 'Code and descriptions', (u) => (u.codeFiles || []).length],
    ['blockers', 'Blockers', (u) => u.blockers],
    ['timeout', 'Timeout', (u) => (u.timeoutSeconds === undefined ? -1 : u.timeoutSeconds)],
    ['memory', 'Memory', (u) => (u.memoryMB === undefined ? -1 : u.memoryMB)],
    ['events', 'Events', (u) => u.events.join(' ')],
    ['basis', 'Basis', (u) => BASIS_RANK[u.basis || 'estimated']],
    ['lambda', 'Lambda /mo', (u) => u.cost.lambda.total],
    ['kubernetes', 'Kubernetes /mo', (u) => u.cost.kubernetes.total],
    ['fargate', 'Fargate /mo', (u) => (u.cost.fargate ? u.cost.fargate.total : Infinity)],
  ];

  const VIA = /** @type {Record<string, string>} */ ({
    manifest: 'manifest',
    helm: 'Helm template',
    'kustomize-base': 'Kustomize base',
    'kustomize-overlay': 'Kustomize overlay',
  });

  /** The verdict's reasons: deciding findings (with where they are) and notes such as "verdict from manifests only". @param {Unit} u */
  function reasons(u) {
    const list = u.decidedBy || [];
    // Ready with notes only (the handler to replace, the Service an HTTP trigger needs): they are still work to read.
    const notes = u.verdict === 'ready' && u.notes ? `nothing to change; ${u.notes} note${u.notes === 1 ? '' : 's'} to read (Findings)` : 'nothing found';
    if (!list.length) return h('span', { class: 'muted' }, u.verdict === 'ready' ? notes : '');
    return h(
      'ul',
      { class: 'reasons' },
      ...list.map((r) =>
        h(
          'li',
          { class: r.ruleId ? 'reason ' + (r.severity || '') : 'reason note' },
          ...richText(r.message),
          r.file ? h('span', { class: 'muted' }, ' — ', location(r.file, r.line || 1)) : '',
          r.ruleId ? h('span', { class: 'muted' }, ' ', h('code', {}, r.ruleId)) : '',
        ),
      ),
    );
  }

  /** Where the unit is described and the code it was joined to. @param {Unit} u */
  function joined(u) {
    const code = u.codeFiles || [];
    const places = u.describedIn || [];
    // The summaries say it all at a glance (entry file, how it was found, the kinds of description); the lists open.
    const codePart = code.length
      ? h(
          'details',
          { class: 'code' },
          h(
            'summary',
            {},
            h('code', {}, code[0]),
            code.length > 1 ? ' +' + (code.length - 1) : '',
            u.joinedBy ? h('div', { class: 'muted' }, 'via ' + u.joinedBy) : '',
          ),
          h('ul', {}, ...code.slice(0, 50).map((f) => h('li', {}, location(f, 1)))),
          code.length > 50 ? h('p', { class: 'muted' }, code.length - 50 + ' more') : '',
        )
      : h('div', { class: 'muted' }, u.kind === 'k8s-workload' ? 'no code found' : 'no handler file found');
    const kinds = /** @type {string[]} */ ([]);
    for (const d of places) {
      const k = VIA[d.via] || d.via;
      if (!kinds.includes(k)) kinds.push(k);
    }
    const placesPart = places.length
      ? h(
          'details',
          { class: 'places' },
          h('summary', {}, 'described in ' + places.length + ' places', h('div', { class: 'muted' }, kinds.join(', '))),
          h(
            'ul',
            {},
            ...places.map((d) =>
              h(
                'li',
                {},
                VIA[d.via] || d.via,
                ' ',
                location(d.file, d.line),
                d.name ? ' as ' + d.name : '',
                d.namespace ? ' (namespace ' + d.namespace + ')' : '',
              ),
            ),
          ),
        )
      : '';
    return h('div', {}, codePart, placesPart);
  }

  /** Rows of the units table per page (group headings included): a report of 1,000 units stays a few hundred nodes. */
  const PAGE = 100;
  const GROUPS = /** @type {Record<string, [string, (u: Unit) => string]>} */ ({
    none: ['No grouping', () => ''],
    folder: ['Folder', (u) => (u.file.lastIndexOf('/') > 0 ? u.file.slice(0, u.file.lastIndexOf('/')) : '.')],
    source: ['Source', (u) => u.source],
  });
  /** Above this many groups, groups start collapsed. */
  const OPEN_GROUPS = 20;

  /** @param {Unit} u */
  function unitRow(u) {
    /** @param {string} label @param {Record<string, string>} attrs @param {(Node | string | number)[]} kids */
    const td = (label, attrs, ...kids) => h('td', Object.assign({ 'data-label': label }, attrs), ...kids);
    return h(
      'tr',
      { 'data-unit': u.id },
      h('th', { scope: 'row' }, h('div', { class: 'unit-name' }, u.name), location(u.file, u.line)),
      td('Source', {}, u.source),
      td('Move', {}, u.direction === 'to-kubernetes' ? 'to Kubernetes' : 'to Lambda'),
      td('Verdict', {}, badge(u.verdict)),
      td('Effort', {}, u.effort),
      td('Decided by', { class: 'why' }, reasons(u)),
      td('Code', { class: 'where' }, joined(u)),
      td('Blockers', { class: 'num' }, u.blockers),
      td('Timeout', { class: 'num' }, u.timeoutSeconds === undefined ? '' : u.timeoutSeconds + ' s'),
      td('Memory', { class: 'num' }, u.memoryMB === undefined ? '' : u.memoryMB + ' MB'),
      td('Events', {}, ...u.events.map((e) => h('div', { class: 'event' }, e))),
      td('Basis', {}, basisBadge(u.basis)),
      td('Lambda /mo', { class: 'num' + (u.cost.cheapest === 'lambda' ? ' best' : '') }, money(u.cost.lambda.total)),
      td('Kubernetes /mo', { class: 'num' + (u.cost.cheapest === 'kubernetes' ? ' best' : '') }, money(u.cost.kubernetes.total)),
      td('Fargate /mo', { class: 'num' + (u.cost.cheapest === 'fargate' ? ' best' : '') }, money(u.cost.fargate ? u.cost.fargate.total : null)),
    );
  }

  /** `to Kubernetes: 3 ready · 1 changes · 2 blocked` for the rows given, per move that has any. @param {Unit[]} rows */
  function verdictCounts(rows) {
    return [
      ['to-kubernetes', 'to Kubernetes'],
      ['to-lambda', 'to Lambda'],
    ]
      .map(([d, label]) => {
        const these = rows.filter((u) => u.direction === d);
        if (!these.length) return '';
        const n = (/** @type {string} */ v) => these.filter((u) => u.verdict === v).length;
        return label + ': ' + n('ready') + ' ready · ' + n('changes') + ' changes · ' + n('blocked') + ' blocked';
      })
      .filter(Boolean)
      .join('; ');
  }

  function renderUnits() {
    const m = /** @type {Model} */ (model);
    const filter = h('input', {
      type: 'search',
      id: 'unit-filter',
      placeholder: 'Filter by name, file, source or event',
      value: state.filter,
      'aria-label': 'Filter units',
    });
    const verdict = h(
      'select',
      { id: 'verdict-filter', 'aria-label': 'Filter by verdict' },
      ...['all', 'blocked', 'changes', 'ready'].map((v) => h('option', { value: v, selected: v === state.verdict }, v === 'all' ? 'All verdicts' : v)),
    );
    const group = h(
      'select',
      { id: 'unit-group', 'aria-label': 'Group units by' },
      ...Object.entries(GROUPS).map(([k, [label]]) =>
        h('option', { value: k, selected: k === state.group }, k === 'none' ? label : 'Group by ' + label.toLowerCase()),
      ),
    );
    const tbody = h('tbody');
    const status = h('p', { class: 'muted', role: 'status' });
    const pager = h('nav', { class: 'pager', 'aria-label': 'Unit pages' });
    const fill = () => {
      const q = state.filter.trim().toLowerCase();
      const col = COLUMNS.find((c) => c[0] === state.sortKey) || COLUMNS[3];
      const rows = m.units
        .filter(
          (u) =>
            (state.verdict === 'all' || u.verdict === state.verdict) &&
            (!q ||
              [
                u.name,
                u.file,
                u.source,
                u.direction,
                u.application || '',
                u.basis || '',
                ...u.events,
                ...(u.decidedBy || []).map((r) => r.message),
                ...(u.codeFiles || []),
              ]
                .join(' ')
                .toLowerCase()
                .includes(q)),
        )
        .sort((a, b) => {
          const x = col[2](a);
          const y = col[2](b);
          return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name)) * state.sortDir;
        });
      // Group headings and rows, in order; a collapsed group contributes its heading only.
      /** @type {(() => HTMLElement)[]} */
      const items = [];
      const keyOf = (GROUPS[state.group] || GROUPS.none)[1];
      if (state.group === 'none' || !GROUPS[state.group]) {
        for (const u of rows) items.push(() => unitRow(u));
      } else {
        /** @type {Map<string, Unit[]>} */
        const groups = new Map();
        for (const u of rows) {
          const k = keyOf(u);
          const list = groups.get(k);
          if (list) list.push(u);
          else groups.set(k, [u]);
        }
        const openByDefault = groups.size <= OPEN_GROUPS;
        for (const [k, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
          const id = state.group + ':' + k;
          const open = openByDefault !== state.toggled.includes(id);
          const blocked = members.filter((u) => u.verdict === 'blocked').length;
          items.push(() => {
            const b = h(
              'button',
              { type: 'button', class: 'group-toggle', 'aria-expanded': String(open) },
              k,
              h(
                'span',
                { class: 'muted' },
                ' — ' + members.length + ' unit' + (members.length === 1 ? '' : 's') + (blocked ? ' · ' + blocked + ' blocked' : ''),
              ),
            );
            b.addEventListener('click', () => {
              state.toggled = state.toggled.includes(id) ? state.toggled.filter((t) => t !== id) : state.toggled.concat([id]);
              save();
              fill();
            });
            return h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: COLUMNS.length }, b));
          });
          if (open) for (const u of members) items.push(() => unitRow(u));
        }
      }
      const pages = Math.max(1, Math.ceil(items.length / PAGE));
      if (state.page >= pages) state.page = pages - 1;
      const from = state.page * PAGE;
      tbody.replaceChildren(...items.slice(from, from + PAGE).map((make) => make()));
      pager.replaceChildren();
      if (pages > 1) {
        const prev = h('button', { type: 'button', class: 'secondary', disabled: state.page === 0 }, '‹ Previous');
        const next = h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages - 1 }, 'Next ›');
        prev.addEventListener('click', () => {
          state.page--;
          save();
          fill();
        });
        next.addEventListener('click', () => {
          state.page++;
          save();
          fill();
        });
        pager.append(
          prev,
          h(
            'span',
            { class: 'muted' },
            ' Page ' + (state.page + 1) + ' of ' + pages + ' (rows ' + (from + 1) + '–' + Math.min(items.length, from + PAGE) + ' of ' + items.length + ') ',
          ),
          next,
        );
      }
      const counts = verdictCounts(rows);
      status.textContent =
        rows.length +
        ' of ' +
        m.units.length +
        ' units shown' +
        (counts ? ' — ' + counts : '') +
        '. Cheapest platform per unit (among those it can move to) is marked ★. Basis: measured costs rest on CloudWatch or Prometheus figures, estimated ones on default or configured traffic.';
    };
    const changed = () => {
      state.page = 0;
      save();
      fill();
    };
    filter.addEventListener('input', () => {
      state.filter = /** @type {HTMLInputElement} */ (filter).value;
      changed();
    });
    verdict.addEventListener('change', () => {
      state.verdict = /** @type {HTMLSelectElement} */ (verdict).value;
      changed();
    });
    group.addEventListener('change', () => {
      state.group = /** @type {HTMLSelectElement} */ (group).value;
      changed();
    });
    const headRow = h('tr');
    const heads = COLUMNS.map(([key, label]) => {
      const b = h('button', { type: 'button', class: 'sort' }, label);
      const th = h('th', { scope: 'col' }, b);
      b.addEventListener('click', () => {
        state.sortDir = state.sortKey === key ? -state.sortDir : 1;
        state.sortKey = key;
        for (const [k, t] of heads) t.setAttribute('aria-sort', k === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
        changed();
      });
      th.setAttribute('aria-sort', key === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      headRow.append(th);
      return /** @type {[string, HTMLElement]} */ ([key, th]);
    });
    fill();
    return section(
      'units',
      'Functions and workloads',
      h('div', { class: 'filters' }, filter, verdict, group),
      m.units.length
        ? h(
            'div',
            { class: 'scroll' },
            h('table', { class: 'units' }, h('caption', { class: 'sr-only' }, 'Units; column headers sort'), h('thead', {}, headRow), tbody),
          )
        : h('p', {}, 'No functions or workloads found.'),
      pager,
      status,
    );
  }

  /** Findings listed per category before "Show more": a category can hold thousands. */
  const FINDINGS_PAGE = 50;

  function renderFindings() {
    const m = /** @type {Model} */ (model);
    if (!m.findings.length) return section('findings', 'Findings by category', h('p', {}, 'No findings.'));
    return section(
      'findings',
      'Findings by category',
      ...m.findings.map((g) => {
        const errors = g.findings.filter((f) => f.severity === 'error').length;
        const d = h(
          'details',
          { open: !state.closed.includes(g.category), 'data-category': g.category },
          h(
            'summary',
            {},
            h('strong', {}, g.category),
            ' — ' + g.findings.length + ' finding' + (g.findings.length === 1 ? '' : 's') + (errors ? ', ' + errors + ' blocking' : ''),
          ),
        );
        d.addEventListener('toggle', () => {
          const open = /** @type {HTMLDetailsElement} */ (d).open;
          state.closed = state.closed.filter((c) => c !== g.category).concat(open ? [] : [g.category]);
          save();
        });
        const list = h('ul', { class: 'findings' });
        const more = h('button', { type: 'button', class: 'secondary more' });
        const fill = () => {
          const shown = Math.min(g.findings.length, state.more[g.category] || FINDINGS_PAGE);
          list.replaceChildren(
            ...g.findings
              .slice(0, shown)
              .map((f) =>
                h(
                  'li',
                  { class: 'finding ' + f.severity },
                  h(
                    'div',
                    { class: 'finding-head' },
                    badge(f.severity),
                    ' ',
                    location(f.file, f.line, f.column),
                    f.unit ? h('span', { class: 'muted' }, ' · ' + f.unit) : '',
                    ' · ',
                    /^https:\/\//.test(f.helpUri) ? h('a', { href: f.helpUri, class: 'rule' }, f.ruleId) : h('code', {}, f.ruleId),
                  ),
                  h('p', { class: 'message' }, ...richText(f.message)),
                ),
              ),
          );
          const rest = g.findings.length - shown;
          more.textContent = 'Show ' + Math.min(rest, FINDINGS_PAGE) + ' more of ' + rest;
          more.hidden = rest <= 0;
        };
        more.addEventListener('click', () => {
          state.more[g.category] = (state.more[g.category] || FINDINGS_PAGE) + FINDINGS_PAGE;
          save();
          fill();
        });
        fill();
        d.append(list, more);
        return d;
      }),
    );
  }

  /** @param {Unit} u */
  function chart(u) {
    const W = 640,
      H = 300,
      L = 64,
      R = 16,
      T = 16,
      B = 44;
    const pts = u.curve.filter((p) => p.requestsPerMonth >= 1 && isFinite(p.lambda) && isFinite(p.kubernetes));
    if (pts.length < 2) return h('p', { class: 'muted' }, 'No cost curve for ' + u.name + '.');
    const ys = pts.flatMap((p) => [p.lambda, p.kubernetes, p.fargate === null ? p.lambda : p.fargate]).map((v) => Math.max(v, 0.01));
    const x0 = Math.log10(pts[0].requestsPerMonth),
      x1 = Math.log10(pts[pts.length - 1].requestsPerMonth);
    const y0 = Math.floor(Math.log10(Math.min(...ys))),
      y1 = Math.ceil(Math.log10(Math.max(...ys)));
    /** @param {number} r */ const X = (r) => L + ((Math.log10(Math.max(r, 1)) - x0) / (x1 - x0 || 1)) * (W - L - R);
    /** @param {number} c */ const Y = (c) => T + (1 - (Math.log10(Math.max(c, 0.01)) - y0) / (y1 - y0 || 1)) * (H - T - B);
    /** @param {(p: Point) => number | null} pick */
    const path = (pick) =>
      pts
        .filter((p) => pick(p) !== null)
        .map((p, i) => (i ? 'L' : 'M') + X(p.requestsPerMonth).toFixed(1) + ' ' + Y(/** @type {number} */ (pick(p))).toFixed(1))
        .join(' ');
    const be = u.cost.breakEven;
    const measured = u.basis !== undefined && u.basis !== 'estimated';
    const desc =
      'Monthly cost against monthly requests, both axes logarithmic. ' +
      (be.kind === 'at'
        ? 'Lambda and Kubernetes cost the same, ' +
          money(u.cost.breakEvenCost) +
          ', at ' +
          count(be.requestsPerMonth || 0) +
          ' requests a month; below that Lambda is cheaper.'
        : breakEvenText(u) + '.') +
      (measured ? ' Measured: ' : ' Current estimate: ') +
      count(u.inputs.requestsPerMonth) +
      ' requests, ' +
      money(u.cost.lambda.total) +
      ' on Lambda, ' +
      money(u.cost.kubernetes.total) +
      ' on Kubernetes' +
      (u.cluster ? ' (as the pods really ran; the lines are the model)' : '') +
      '.';
    const svg = s(
      'svg',
      { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'chart' },
      s('title', { id: 'chart-title' }, 'Cost against traffic for ' + u.name),
      s('desc', { id: 'chart-desc' }, desc),
    );
    // Bounded loops: one tick per decade, and the decades come from finite, positive data.
    for (let e = Math.ceil(x0); e <= Math.floor(x1) && e - x0 < 20; e++) {
      svg.append(
        s('line', { x1: X(10 ** e), x2: X(10 ** e), y1: T, y2: H - B, class: 'grid' }),
        s('text', { x: X(10 ** e), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, count(10 ** e)),
      );
    }
    for (let e = y0; e <= y1 && e - y0 < 20; e++) {
      svg.append(
        s('line', { x1: L, x2: W - R, y1: Y(10 ** e), y2: Y(10 ** e), class: 'grid' }),
        s('text', { x: L - 6, y: Y(10 ** e) + 4, 'text-anchor': 'end', class: 'tick' }, money(10 ** e).replace(/\.00$/, '')),
      );
    }
    svg.append(
      s('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, 'requests per month'),
      s('path', { d: path((p) => p.fargate), class: 'line fargate' }),
      s('path', { d: path((p) => p.kubernetes), class: 'line kubernetes' }),
      s('path', { d: path((p) => p.lambda), class: 'line lambda' }),
    );
    const cx = X(u.inputs.requestsPerMonth);
    svg.append(
      s('line', { x1: cx, x2: cx, y1: T, y2: H - B, class: 'current' }),
      s('text', { x: cx + 4, y: T + 12, class: 'tick' }, measured ? 'measured' : 'now'),
    );
    // A workload's measured cluster cost is what its pods really cost; the dashed line is the autoscaling model.
    if (u.cluster)
      svg.append(
        s(
          'circle',
          { cx, cy: Y(u.cost.kubernetes.total), r: 5, class: 'measured-point' },
          s('title', {}, 'Measured Kubernetes cost ' + money(u.cost.kubernetes.total)),
        ),
      );
    if (be.kind === 'at' && u.cost.breakEvenCost !== null) {
      const bx = X(be.requestsPerMonth || 1),
        by = Y(u.cost.breakEvenCost);
      svg.append(
        s('circle', { cx: bx, cy: by, r: 6, class: 'breakeven' }),
        s('text', { x: bx + 9, y: by - 8, class: 'tick strong' }, 'break-even ' + count(be.requestsPerMonth || 0)),
      );
    }
    const legend = h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      h('li', { class: 'lambda' }, 'Lambda'),
      h('li', { class: 'kubernetes' }, 'Kubernetes (EKS on EC2)'),
      h('li', { class: 'fargate' }, 'Fargate (EKS)'),
      h('li', { class: 'breakeven' }, 'Break-even'),
    );
    const data = h(
      'details',
      {},
      h('summary', {}, 'Chart data'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Requests /mo'),
            h('th', { scope: 'col' }, 'Lambda'),
            h('th', { scope: 'col' }, 'Kubernetes'),
            h('th', { scope: 'col' }, 'Fargate'),
          ),
        ),
        h(
          'tbody',
          {},
          ...pts.map((p) =>
            h(
              'tr',
              {},
              h('td', { class: 'num' }, count(p.requestsPerMonth)),
              h('td', { class: 'num' }, money(p.lambda)),
              h('td', { class: 'num' }, money(p.kubernetes)),
              h('td', { class: 'num' }, money(p.fargate)),
            ),
          ),
        ),
      ),
    );
    return h('figure', { class: 'chart-box' }, svg, legend, h('figcaption', {}, desc), data);
  }

  /**
   * The 80/20 split as a Pareto chart: one bar per unit, largest monthly difference first (log scale), coloured by the
   * cheaper platform, faded when estimated; the line is the cumulative share of the fleet's summed difference.
   * @param {Split} sp
   */
  function splitChart(sp) {
    const rows = sp.rows.filter((r) => isFinite(r.difference));
    const W = 640,
      H = 300,
      L = 64,
      R = 44,
      T = 16,
      B = rows.length <= 40 ? 84 : 30;
    if (!rows.length) return h('p', { class: 'muted' }, 'No units to compare.');
    const abs = rows.map((r) => Math.max(Math.abs(r.difference), 0.01));
    const y0 = Math.floor(Math.log10(Math.min(...abs))),
      y1 = Math.max(y0 + 1, Math.ceil(Math.log10(Math.max(...abs))));
    /** @param {number} v */ const Y = (v) => T + (1 - (Math.log10(Math.max(v, 0.01)) - y0) / (y1 - y0)) * (H - T - B);
    /** @param {number} share */ const Yc = (share) => T + (1 - share) * (H - T - B);
    const slot = (W - L - R) / rows.length;
    /** @param {number} i */ const X = (i) => L + slot * (i + 0.5);
    const lambdaN = sp.lambdaCheaper.units,
      k8sN = sp.kubernetesCheaper.units;
    const desc =
      'Units ranked by the monthly cost difference between Lambda and Kubernetes, logarithmic. ' +
      lambdaN +
      ' cheaper on Lambda (by ' +
      money(sp.lambdaCheaper.saving) +
      ' a month together), ' +
      k8sN +
      ' cheaper on Kubernetes (by ' +
      money(sp.kubernetesCheaper.saving) +
      '). ' +
      (sp.pareto.units
        ? 'The first ' + sp.pareto.units + ' (' + pct(sp.pareto.share) + ' of the units) carry ' + pct(sp.pareto.difference) + ' of the difference.'
        : '');
    const svg = s(
      'svg',
      { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'split-title split-desc', class: 'split-chart' },
      s('title', { id: 'split-title' }, 'Monthly difference per unit, Lambda vs Kubernetes'),
      s('desc', { id: 'split-desc' }, desc),
    );
    for (let e = y0; e <= y1 && e - y0 < 20; e++)
      svg.append(
        s('line', { x1: L, x2: W - R, y1: Y(10 ** e), y2: Y(10 ** e), class: 'grid' }),
        s('text', { x: L - 6, y: Y(10 ** e) + 4, 'text-anchor': 'end', class: 'tick' }, money(10 ** e).replace(/\.00$/, '')),
      );
    for (const share of [0, 0.5, 1]) svg.append(s('text', { x: W - R + 6, y: Yc(share) + 4, class: 'tick' }, pct(share)));
    svg.append(
      s('line', { x1: L, x2: W - R, y1: Yc(sp.pareto.difference), y2: Yc(sp.pareto.difference), class: 'pareto-line' }),
      s('text', { x: W - R - 4, y: Yc(sp.pareto.difference) - 4, 'text-anchor': 'end', class: 'tick' }, pct(sp.pareto.difference) + ' of the difference'),
    );
    const bw = Math.max(2, Math.min(36, slot * 0.7));
    rows.forEach((r, i) => {
      const y = Y(Math.abs(r.difference));
      const label =
        r.name +
        ': ' +
        (r.cheaper === 'lambda' ? 'Lambda' : 'Kubernetes') +
        ' cheaper by ' +
        money(Math.abs(r.difference)) +
        ' a month (' +
        r.basis +
        (r.flipped ? '; measurements flipped the estimate' : '') +
        ')';
      svg.append(
        s(
          'rect',
          {
            x: X(i) - bw / 2,
            y,
            width: bw,
            height: Math.max(1, H - B - y),
            class: 'bar ' + r.cheaper + (r.basis === 'estimated' ? ' estimated' : r.basis === 'partly measured' ? ' partly' : ''),
          },
          s('title', {}, label),
        ),
      );
      if (r.flipped) svg.append(s('circle', { cx: X(i), cy: y - 7, r: 3.5, class: 'flip' }, s('title', {}, r.name + ': measurements flipped the estimate')));
      if (rows.length <= 40) {
        const name = r.name.length > 18 ? r.name.slice(0, 17) + '…' : r.name;
        svg.append(
          s(
            'text',
            { x: X(i), y: H - B + 10, transform: 'rotate(-40 ' + X(i).toFixed(1) + ' ' + (H - B + 10) + ')', 'text-anchor': 'end', class: 'tick' },
            name,
          ),
        );
      }
    });
    svg.append(s('path', { d: rows.map((r, i) => (i ? 'L' : 'M') + X(i).toFixed(1) + ' ' + Yc(r.cumulativeShare).toFixed(1)).join(' '), class: 'cumulative' }));
    if (sp.pareto.units) svg.append(s('circle', { cx: X(sp.pareto.units - 1), cy: Yc(rows[sp.pareto.units - 1].cumulativeShare), r: 5, class: 'breakeven' }));
    const legend = h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      h('li', { class: 'bar-lambda' }, 'Lambda cheaper'),
      h('li', { class: 'bar-kubernetes' }, 'Kubernetes cheaper'),
      h('li', { class: 'bar-estimated' }, 'estimated (faded)'),
      h('li', { class: 'flip' }, 'measurements flipped the estimate'),
      h('li', { class: 'cumulative' }, 'cumulative share'),
    );
    // The ranking has a row per unit: built when opened, so a fleet of 1,000 units does not carry it in the page.
    const ranking = h('div', { class: 'scroll' });
    const data = h('details', {}, h('summary', {}, 'Ranking'), ranking);
    data.addEventListener('toggle', () => {
      if (!(/** @type {HTMLDetailsElement} */ (data).open) || ranking.childElementCount) return;
      ranking.append(
        h(
          'table',
          { class: 'split' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['#', 'Unit', 'Basis', 'Lambda /mo', 'Kubernetes /mo', 'Difference', 'Cheaper on', 'Cumulative'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((r, i) =>
              h(
                'tr',
                { 'data-unit': r.id },
                h('td', { class: 'num' }, i + 1),
                h('th', { scope: 'row' }, h('div', { class: 'unit-name' }, r.name), r.application ? h('div', { class: 'muted' }, r.application) : ''),
                h('td', {}, basisBadge(r.basis)),
                h('td', { class: 'num' + (r.cheaper === 'lambda' ? ' best' : '') }, money(r.lambda)),
                h('td', { class: 'num' + (r.cheaper === 'kubernetes' ? ' best' : '') }, money(r.kubernetes)),
                h('td', { class: 'num' }, money(Math.abs(r.difference))),
                h(
                  'td',
                  {},
                  (r.cheaper === 'lambda' ? 'Lambda' : 'Kubernetes') +
                    (r.cheaper !== r.current ? ' (move)' : '') +
                    (r.flipped ? ' — flipped by measurements' : ''),
                ),
                h('td', { class: 'num' }, pct(r.cumulativeShare)),
              ),
            ),
          ),
        ),
      );
    });
    return h('figure', { class: 'chart-box' }, svg, legend, h('figcaption', {}, desc), data);
  }

  /** The split in words: how many units are cheaper where, and the totals either way. @param {Split} sp */
  function splitSummary(sp) {
    const b = sp.basis;
    const basis = [
      b.measured ? b.measured + ' measured' : '',
      b['partly measured'] ? b['partly measured'] + ' partly measured' : '',
      b.estimated ? b.estimated + ' estimated' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const moves = sp.moves.toLambda + sp.moves.toKubernetes;
    return h(
      'div',
      { class: 'split-summary' },
      h(
        'table',
        { class: 'totals' },
        h('caption', {}, 'Cheaper where, USD per month (' + basis + ')'),
        h('thead', {}, h('tr', {}, h('td'), h('th', { scope: 'col' }, 'Units'), h('th', { scope: 'col' }, 'Saving there'))),
        h(
          'tbody',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'Cheaper on Lambda'),
            h('td', { class: 'num' }, sp.lambdaCheaper.units),
            h('td', { class: 'num' }, money(sp.lambdaCheaper.saving)),
          ),
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'Cheaper on Kubernetes'),
            h('td', { class: 'num' }, sp.kubernetesCheaper.units),
            h('td', { class: 'num' }, money(sp.kubernetesCheaper.saving)),
          ),
        ),
      ),
      h(
        'table',
        { class: 'totals' },
        h('caption', {}, 'The fleet either way'),
        h(
          'tbody',
          {},
          h('tr', {}, h('th', { scope: 'row' }, 'Everything on Lambda'), h('td', { class: 'num' }, money(sp.totals.lambda))),
          h('tr', {}, h('th', { scope: 'row' }, 'Everything on Kubernetes'), h('td', { class: 'num' }, money(sp.totals.kubernetes))),
          h('tr', {}, h('th', { scope: 'row' }, 'As the units run today'), h('td', { class: 'num' }, money(sp.totals.current))),
          h('tr', {}, h('th', { scope: 'row' }, 'Each on its cheaper side'), h('td', { class: 'num' }, money(sp.totals.best))),
        ),
      ),
      h(
        'p',
        {},
        moves
          ? 'Moving ' +
              moves +
              ' unit' +
              (moves === 1 ? '' : 's') +
              ' (' +
              sp.moves.toKubernetes +
              ' to Kubernetes, ' +
              sp.moves.toLambda +
              ' to Lambda) to its cheaper side saves ' +
              money(sp.moves.saving) +
              ' a month. '
          : 'Every unit already runs on its cheaper side. ',
        sp.pareto.units
          ? h(
              'strong',
              {},
              sp.pareto.units + ' of ' + sp.rows.length + ' units (' + pct(sp.pareto.share) + ') carry ' + pct(sp.pareto.difference) + ' of the difference.',
            )
          : '',
      ),
    );
  }

  /** Units near or over the account's Lambda concurrency, or whose measured ramp Lambda could not follow. */
  function concurrencyTable() {
    const m = /** @type {Model} */ (model);
    const quota = m.rates.lambda.accountConcurrency;
    const rows = m.units
      .filter(
        (u) =>
          u.cost.concurrency.peakConcurrency >= quota * 0.1 ||
          u.cost.concurrency.exceedsAccount ||
          (u.cost.concurrency.burst && u.cost.concurrency.burst.exceeds) ||
          u.cost.concurrency.throttles,
      )
      .sort((a, b) => b.cost.concurrency.peakConcurrency - a.cost.concurrency.peakConcurrency);
    if (!rows.length)
      return h('p', { class: 'muted' }, 'No unit comes within 10% of the account concurrency of ' + quota.toLocaleString('en-US') + ' at its peak.');
    return h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'concurrency' },
        h(
          'caption',
          { class: 'muted' },
          'Peaks against the account limit (' +
            quota.toLocaleString('en-US') +
            ' concurrent executions) and the scaling rate (' +
            m.rates.lambda.scalingPer10s.toLocaleString('en-US') +
            ' new environments per function per 10 s).',
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Unit', 'Peak concurrency', 'From', 'Scale from zero', 'Steepest rise', 'Throttles', 'On Lambda'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((u) => {
            const c = u.cost.concurrency;
            const throttled = c.exceedsAccount || (c.burst && c.burst.exceeds);
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, u.name),
              h('td', { class: 'num' + (c.exceedsAccount ? ' warn' : '') }, Math.ceil(c.peakConcurrency).toLocaleString('en-US')),
              h('td', {}, c.basis === 'measured' ? 'measured' : c.basis === 'derived' ? 'measured rate × duration' : 'estimate'),
              h('td', { class: 'num' }, c.secondsToPeak + ' s'),
              h(
                'td',
                { class: c.burst && c.burst.exceeds ? 'warn' : '' },
                c.burst
                  ? '+' +
                      Math.ceil(c.burst.rise).toLocaleString('en-US') +
                      ' in ' +
                      c.burst.seconds +
                      ' s (Lambda: +' +
                      Math.floor(c.burst.allowed).toLocaleString('en-US') +
                      ')'
                  : '—',
              ),
              h('td', { class: 'num' }, c.throttles ? count(c.throttles) : '—'),
              h('td', { class: throttled || c.throttles ? 'warn' : '' }, throttled ? 'would be throttled' : c.throttles ? 'throttled today' : 'fits'),
            );
          }),
        ),
      ),
    );
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
      if (type.startsWith('select:'))
        control = h(
          'select',
          { id, disabled: !editable },
          ...type
            .slice(7)
            .split(',')
            .map((o) => h('option', { value: o, selected: o === value }, o)),
        );
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
    const foot = h(
      'p',
      { class: 'muted' },
      'Inputs from ' +
        u.inputsSource +
        (state.edits[u.name] ? ' (edited here)' : '') +
        '.' +
        (editable ? '' : ' Set them in lambdashift.yaml; see docs/cost-model.md.'),
    );
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
      h(
        'caption',
        {},
        'Portfolio, ' +
          (m.split && m.split.basis.estimated < m.units.length ? 'measured where measured, estimated elsewhere,' : 'estimated') +
          ' USD per month (' +
          m.rates.hoursPerMonth +
          ' h' +
          (p.freeTier ? ', Lambda free tier applied' : '') +
          ')',
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td'),
          h('th', { scope: 'col' }, 'Lambda'),
          h('th', { scope: 'col' }, 'Kubernetes (EKS on EC2)'),
          h('th', { scope: 'col' }, 'Fargate (EKS)'),
        ),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, 'Total'),
          h('td', { class: 'num' }, money(p.lambda)),
          h('td', { class: 'num' }, money(p.kubernetes)),
          h('td', { class: 'num' }, money(p.fargate)),
        ),
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, 'Cheapest for'),
          .../** @type {const} */ (['lambda', 'kubernetes', 'fargate']).map((k) => h('td', {}, p.cheaperOn[k].length ? p.cheaperOn[k].join(', ') : '—')),
        ),
      ),
    );
    const conc = h(
      'p',
      { class: p.peakConcurrency > p.accountConcurrency ? 'warn' : 'muted' },
      p.concurrencyBasis === 'account'
        ? 'Peak Lambda concurrency: ' +
            Math.ceil(p.peakConcurrency).toLocaleString('en-US') +
            ' of the ' +
            p.accountConcurrency.toLocaleString('en-US') +
            ' account default — ' +
            Math.ceil(p.accountPeakConcurrency || 0).toLocaleString('en-US') +
            ' measured account-wide by CloudWatch' +
            (p.peakConcurrency > (p.accountPeakConcurrency || 0) ? ", plus the other units' peaks if they coincide." : '.')
        : 'Peak Lambda concurrency if all peaks coincide: ' +
            Math.ceil(p.peakConcurrency).toLocaleString('en-US') +
            ' of the ' +
            p.accountConcurrency.toLocaleString('en-US') +
            ' account default.',
    );
    const sp = m.split;
    const fleet = sp ? [h('h3', {}, 'The split'), splitSummary(sp), h('h3', {}, 'Concurrency at scale'), concurrencyTable()] : [];
    if (!m.units.length) return section('cost', 'Cost', totals, conc);
    let unit = m.units.find((u) => u.name === state.chartUnit) || m.units.find((u) => u.cost.breakEven.kind === 'at') || m.units[0];
    const pick = h('select', { id: 'chart-unit' }, ...m.units.map((u) => h('option', { value: u.name, selected: u === unit }, u.name)));
    const chartHolder = h('div', { class: 'chart-holder' });
    const holder = h('div', { class: 'cost-unit' });
    const draw = () => {
      const c = unit.cost;
      const x = unit.usage;
      const est = unit.estimate;
      const cheaperNow = c.kubernetes.total < c.lambda.total ? 'kubernetes' : 'lambda';
      chartHolder.replaceChildren(chart(unit));
      holder.replaceChildren(
        h(
          'div',
          { class: 'cost-grid' },
          h(
            'table',
            { class: 'breakdown' },
            h('caption', {}, unit.name + ' per month'),
            h(
              'tbody',
              {},
              h('tr', {}, h('th', { scope: 'row' }, 'Basis'), h('td', {}, basisBadge(unit.basis)), h('td', { class: 'muted' }, 'inputs: ' + unit.inputsSource)),
              x
                ? h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, 'Measured'),
                    h('td', { colspan: 2 }, usageText(x), ...(x.notes || []).map((n) => h('div', { class: 'muted note' }, n))),
                  )
                : '',
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, 'Lambda'),
                h('td', { class: 'num' }, money(c.lambda.total)),
                h(
                  'td',
                  { class: 'muted' },
                  'requests ' +
                    money(c.lambda.requests) +
                    ', compute ' +
                    money(c.lambda.compute) +
                    (c.lambda.provisioned ? ', provisioned ' + money(c.lambda.provisioned) : ''),
                ),
              ),
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, 'Kubernetes'),
                h('td', { class: 'num' }, money(c.kubernetes.total)),
                h(
                  'td',
                  { class: 'muted' },
                  'pods ' +
                    money(c.kubernetes.compute) +
                    ' (' +
                    +c.kubernetes.replicas.toFixed(2) +
                    ' avg replicas' +
                    (unit.cluster ? ', as measured' : '') +
                    '), control plane share ' +
                    money(c.kubernetes.controlPlane),
                ),
              ),
              unit.cluster
                ? h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, 'On the cluster'),
                    h(
                      'td',
                      { colspan: 2 },
                      [
                        unit.cluster.utilisation.cpu !== undefined ? 'CPU ' + pct(unit.cluster.utilisation.cpu) + ' of requests' : '',
                        unit.cluster.utilisation.memory !== undefined ? 'memory ' + pct(unit.cluster.utilisation.memory) + ' of requests' : '',
                        unit.cluster.idleShare !== undefined
                          ? 'idle share ' + pct(unit.cluster.idleShare) + ' of the pod cost (' + money(c.kubernetes.compute * unit.cluster.idleShare) + ')'
                          : '',
                      ]
                        .filter(Boolean)
                        .join(' · '),
                    ),
                  )
                : '',
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, 'Fargate'),
                h('td', { class: 'num' }, money(c.fargate ? c.fargate.total : null)),
                h('td', { class: 'muted' }, c.fargate ? c.fargate.vcpu + ' vCPU / ' + c.fargate.memoryGB + ' GB pods' : 'no Fargate size fits'),
              ),
              est
                ? h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, 'Estimate said'),
                    h(
                      'td',
                      { colspan: 2, class: est.cheaper !== cheaperNow ? 'warn' : 'muted' },
                      money(est.lambda) +
                        ' on Lambda, ' +
                        money(est.kubernetes) +
                        ' on Kubernetes' +
                        (est.cheaper !== cheaperNow ? ' — measurements flip the choice to ' + (cheaperNow === 'lambda' ? 'Lambda' : 'Kubernetes') : ''),
                    ),
                  )
                : '',
              h('tr', {}, h('th', { scope: 'row' }, 'Break-even'), h('td', { colspan: 2 }, breakEvenText(unit))),
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, 'Peak concurrency'),
                h(
                  'td',
                  { colspan: 2, class: c.concurrency.exceedsAccount || (c.concurrency.burst && c.concurrency.burst.exceeds) ? 'warn' : '' },
                  Math.ceil(c.concurrency.peakConcurrency).toLocaleString('en-US') +
                    (c.concurrency.basis === 'measured' ? ' (measured)' : c.concurrency.basis === 'derived' ? ' (measured rate × duration)' : '') +
                    (c.concurrency.exceedsAccount ? ' — above the account limit' : '') +
                    (c.concurrency.burst && c.concurrency.burst.exceeds ? ' — rises faster than Lambda scales' : '') +
                    (c.concurrency.throttles ? ' · ' + count(c.concurrency.throttles) + ' throttles measured' : ''),
                ),
              ),
            ),
          ),
          inputsForm(unit),
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
    const charts = h(
      'div',
      { class: 'charts' },
      sp ? h('div', {}, h('h3', {}, 'Where each unit is cheaper'), splitChart(sp)) : '',
      h('div', {}, h('h3', {}, 'Break-even'), h('div', { class: 'filters' }, h('label', { for: 'chart-unit' }, 'Unit '), pick), chartHolder),
    );
    return section('cost', 'Cost: Lambda vs Kubernetes vs Fargate', totals, conc, ...fleet, charts, holder);
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
    const parts = [renderHeader(), renderSummary(), renderApplications(), renderUnits(), renderFindings(), renderCost(), renderErrors()];
    app.replaceChildren(...parts.filter((x) => x !== undefined));
    if (focusId) {
      const el = document.getElementById(focusId);
      if (el) el.focus();
    }
    window.scrollTo(0, scroll);
  }

  /** @param {unknown} m @returns {m is Model} */
  function isModel(m) {
    return (
      typeof m === 'object' &&
      m !== null &&
      /** @type {any} */ (m).version === 1 &&
      Array.isArray(/** @type {any} */ (m).units) &&
      Array.isArray(/** @type {any} */ (m).findings)
    );
  }

  if (vscode) {
    window.addEventListener('message', (event) => {
      const msg = /** @type {Partial<HostToWebview> | null} */ (event.data);
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
