/* zhextract report: charts, the article table and the side-by-side article view.
 * Article pages are in chunks: embedded <script type="application/json" id="zx-chunk-N"> elements
 * (one-file reports) or <name>_files/chunk-NNNNN.js scripts loaded on demand (large corpora). Only
 * <script src> is used to load them, because browsers refuse fetch() of file:// pages. */
(function () {
  'use strict';
  const S = JSON.parse(document.getElementById('zx-summary').textContent);
  const COL = Object.fromEntries(S.columns.map((c, i) => [c, i]));
  const PAGE = 100;
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const stageOf = (rule) => rule.split('.', 1)[0];
  const short = (s) => (s.length > 80 ? s.slice(0, 77) + '…' : s).replace(/\n/g, '↵');

  /* ---------------------------------------------------------------- charts */
  function drawCharts() {
    for (const [name, fig] of Object.entries(S.figures)) {
      const div = $('chart-' + name);
      if (!div) continue;
      Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, responsive: true});
    }
    const tl = $('chart-timeline');
    if (tl && tl.on) tl.on('plotly_click', (ev) => showEvent(ev.points[0].customdata));
  }

  function showEvent(i) {
    const p = S.timeline_points[i];
    if (!p) return;
    const panel = $('event-panel');
    panel.replaceChildren();
    panel.append(el('strong', '', p.y + ' · '), el('span', '', p.label), el('br'));
    for (const id of p.articles) {
      const a = el('a', '', rowTitle(id));
      a.href = '#a=' + encodeURIComponent(id);
      panel.append(a, el('br'));
    }
    if (p.more) panel.append(el('span', 'dim', '… and ' + p.more + ' more'));
    panel.hidden = false;
  }

  /* ---------------------------------------------------------------- table */
  const index = new Map(S.rows.map((r, i) => [r[COL.id], i]));
  const lost = (r) => (r[COL.original_chars] ? (r[COL.original_chars] - r[COL.clean_chars]) / r[COL.original_chars] : 0);
  let hay = null;
  let view = S.rows.map((_, i) => i);
  let sortKey = 'id', sortDir = 1, page = 0;

  function rowTitle(id) {
    const i = index.get(id);
    const t = i === undefined ? '' : S.rows[i][COL.title];
    return t ? id + ' · ' + t : id;
  }

  function value(r, key) {
    return key === 'lost' ? lost(r) : r[COL[key]];
  }

  function applySort() {
    const rows = S.rows;
    view.sort((a, b) => {
      const x = value(rows[a], sortKey), y = value(rows[b], sortKey);
      if (x === y) return a - b;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sortDir;
    });
  }

  function applyFilter() {
    const q = $('search').value.trim().toLowerCase();
    if (q && !hay) {
      hay = S.rows.map((r) => [r[COL.id], r[COL.title] || '', r[COL.source_file] || '', r[COL.encoding]].join('\u0001').toLowerCase());
    }
    view = [];
    for (let i = 0; i < S.rows.length; i++) if (!q || hay[i].includes(q)) view.push(i);
    applySort();
    page = 0;
    renderTable();
  }

  function renderTable() {
    const body = document.querySelector('#article-table tbody');
    const frag = document.createDocumentFragment();
    const start = page * PAGE;
    for (const i of view.slice(start, start + PAGE)) {
      const r = S.rows[i];
      const tr = el('tr');
      tr.dataset.id = r[COL.id];
      const cells = [r[COL.id], r[COL.title] || '—', r[COL.encoding], r[COL.original_chars], r[COL.clean_chars],
        (100 * lost(r)).toFixed(1) + '%', r[COL.edits], r[COL.events], r[COL.numbers], r[COL.spun_score],
        r[COL.traditional] ? 'yes' : ''];
      cells.forEach((c, k) => tr.append(el('td', k >= 3 && k <= 9 ? 'num' : '', String(c))));
      frag.append(tr);
    }
    body.replaceChildren(frag);
    const n = view.length;
    $('count').textContent = n ? `${start + 1}–${Math.min(n, start + PAGE)} of ${n}` +
      (n < S.rows.length ? ` (filtered from ${S.rows.length})` : '') : `no article matches (of ${S.rows.length})`;
    $('prev').disabled = page === 0;
    $('next').disabled = start + PAGE >= n;
    document.querySelectorAll('#article-table th').forEach((th) => {
      th.classList.toggle('asc', th.dataset.key === sortKey && sortDir === 1);
      th.classList.toggle('desc', th.dataset.key === sortKey && sortDir === -1);
    });
  }

  function setupTable() {
    $('search').addEventListener('input', applyFilter);
    $('prev').addEventListener('click', () => { page--; renderTable(); });
    $('next').addEventListener('click', () => { page++; renderTable(); });
    document.querySelectorAll('#article-table th').forEach((th) => th.addEventListener('click', () => {
      const key = th.dataset.key;
      sortDir = key === sortKey ? -sortDir : (['id', 'title', 'encoding'].includes(key) ? 1 : -1);
      sortKey = key;
      applySort();
      page = 0;
      renderTable();
    }));
    document.querySelector('#article-table tbody').addEventListener('click', (ev) => {
      const tr = ev.target.closest('tr');
      if (tr) location.hash = 'a=' + encodeURIComponent(tr.dataset.id);
    });
    applySort();
    renderTable();
  }

  /* ---------------------------------------------------------------- chunks */
  const chunks = new Map();
  const waiting = new Map();
  window.zxChunk = function (k, data) {
    chunks.set(k, data);
    const w = waiting.get(k);
    if (w) { waiting.delete(k); w.resolve(data); }
  };

  function loadChunk(k) {
    if (chunks.has(k)) return Promise.resolve(chunks.get(k));
    const inline = document.getElementById('zx-chunk-' + k);
    if (inline) {
      const data = JSON.parse(inline.textContent);
      chunks.set(k, data);
      return Promise.resolve(data);
    }
    if (waiting.has(k)) return waiting.get(k).promise;
    let w = {};
    w.promise = new Promise((resolve, reject) => { w.resolve = resolve; w.reject = reject; });
    waiting.set(k, w);
    const s = document.createElement('script');
    s.src = S.files_dir + '/chunk-' + String(k).padStart(5, '0') + '.js';
    s.onerror = () => { waiting.delete(k); w.reject(new Error('cannot load ' + s.src + ': keep the folder ' + S.files_dir + '/ next to this file')); };
    document.head.append(s);
    return w.promise;
  }

  /* ---------------------------------------------------------------- article view */
  function editTitle(rule, why, before, after) {
    let t = rule + ': ';
    if (before && after) t += `"${short(before)}" → "${short(after)}"`;
    else if (before) t += `removed "${short(before)}"`;
    else t += `inserted "${short(after)}"`;
    return why ? t + '\nwhy: ' + why : t;
  }

  function withNewlines(span, s) {
    const parts = s.split('\n');
    parts.forEach((p, j) => {
      if (j) span.append(el('span', 'nl'), '\n');
      if (p) span.append(p);
    });
  }

  /* The original pane: clean text between edits, each edit's `before` in place (struck when removed).
   * Returns each edit's span in the clean text, for the other pane. */
  function renderOriginal(a, rules) {
    const pre = $('v-original');
    const frag = document.createDocumentFragment();
    const clean = [];
    let raw = 0, pos = 0;
    a.edits.forEach((e, i) => {
      const [ri, s, t, before, after, why] = e;
      const same = s - raw;
      if (same > 0) frag.append(a.text.slice(pos, pos + same));
      const rule = rules[ri];
      const span = el('span', 'ed st-' + stageOf(rule) + (before ? '' : ' ins mark'));
      span.dataset.e = i;
      span.title = editTitle(rule, why, before, after);
      withNewlines(span, before);
      frag.append(span);
      clean.push([pos + same, pos + same + after.length, i, rule, why, before, after]);
      pos += same + after.length;
      raw = t;
    });
    frag.append(a.text.slice(pos));
    pre.replaceChildren(frag);
    return clean;
  }

  /* The clean pane: every piece of text between two boundaries of any mark gets the classes of the
   * marks covering it, so that edits, events and numbers may overlap freely. */
  function renderClean(a, edited) {
    const ranges = [];
    for (const [s, t, i, rule, why, before, after] of edited) {
      ranges.push({s, t, cls: 'ed st-' + stageOf(rule) + (after ? '' : ' mark'), title: editTitle(rule, why, before, after), e: i});
    }
    for (const [s, t, label] of a.events) ranges.push({s, t, cls: 'ev', title: label});
    for (const [s, t, label] of a.numbers) ranges.push({s, t, cls: 'nu', title: label});
    const marks = ranges.filter((r) => r.s === r.t);
    const spans = ranges.filter((r) => r.t > r.s);
    const cuts = new Set([0, a.text.length]);
    for (const r of spans) { cuts.add(r.s); cuts.add(r.t); }
    const points = [...cuts].sort((x, y) => x - y);
    const starts = new Map(), markAt = new Map();
    for (const r of spans) { if (!starts.has(r.s)) starts.set(r.s, []); starts.get(r.s).push(r); }
    for (const r of marks) { if (!markAt.has(r.s)) markAt.set(r.s, []); markAt.get(r.s).push(r); }
    let active = [];
    const frag = document.createDocumentFragment();
    const putMarks = (p) => {
      for (const r of markAt.get(p) || []) {
        const m = el('span', r.cls);
        m.dataset.e = r.e;
        m.title = r.title;
        frag.append(m);
      }
      markAt.delete(p);
    };
    for (let k = 0; k < points.length - 1; k++) {
      const p = points[k], q = points[k + 1];
      active = active.filter((r) => r.t > p).concat(starts.get(p) || []);
      putMarks(p);
      const piece = a.text.slice(p, q);
      if (!active.length) { frag.append(piece); continue; }
      const span = el('span', active.map((r) => r.cls).join(' '), piece);
      span.title = active.map((r) => r.title).join('\n');
      const ed = active.find((r) => r.e !== undefined);
      if (ed) span.dataset.e = ed.e;
      frag.append(span);
    }
    for (const p of [...markAt.keys()].sort((x, y) => x - y)) putMarks(p);
    $('v-clean').replaceChildren(frag);
  }

  function showArticle(a, rules) {
    $('v-title').textContent = a.title || a.id;
    const meta = [a.id, a.source_file, a.encoding];
    for (const [k, v] of Object.entries(a.meta || {})) meta.push(k + ' ' + v);
    meta.push(a.edits.length + ' edits', a.events.length + ' events', a.numbers.length + ' numbers');
    $('v-meta').textContent = meta.join(' · ');
    const edited = renderOriginal(a, rules);
    renderClean(a, edited);
    $('v-orig-n').textContent = $('v-original').textContent.length + ' characters';
    $('v-clean-n').textContent = a.text.length + ' characters';
    const w = $('v-warnings');
    w.replaceChildren(...(a.warnings || []).map((x) => el('div', '', '⚠ ' + x)));
    $('viewer').hidden = false;
    $('v-original').scrollTop = 0;
  }

  function openArticle(id) {
    const i = index.get(id);
    if (i === undefined) { alert('no article ' + id + ' in this report'); return; }
    const k = Math.floor(i / S.chunk);
    loadChunk(k).then((c) => showArticle(c.articles[i - k * S.chunk], c.rules))
      .catch((err) => { console.warn(err.message); alert(err.message); });
  }

  function closeViewer() {
    $('viewer').hidden = true;
    if (location.hash.startsWith('#a=')) history.replaceState(null, '', '#articles');
  }

  function route() {
    const h = location.hash;
    if (h.startsWith('#a=')) openArticle(decodeURIComponent(h.slice(3)));
    else $('viewer').hidden = true;
  }

  function setupViewer() {
    $('close').addEventListener('click', closeViewer);
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && !$('viewer').hidden) closeViewer(); });
    const over = (on) => (ev) => {
      const t = ev.target.closest('[data-e]');
      if (!t) return;
      document.querySelectorAll('#viewer [data-e="' + t.dataset.e + '"]').forEach((x) => x.classList.toggle('hl', on));
    };
    $('viewer').addEventListener('mouseover', over(true));
    $('viewer').addEventListener('mouseout', over(false));
    window.addEventListener('hashchange', route);
  }

  drawCharts();
  setupTable();
  setupViewer();
  route();
})();
