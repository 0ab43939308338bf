/**
 * The flame graph page's script, inlined into the HTML (report/flame.ts):
 * plain browser JavaScript with no dependency. It reads the graphs from
 * the page's JSON, draws each frame as an absolutely placed element (only
 * frames at least half a pixel wide, so a 30,000-frame graph draws fast),
 * and handles hover, zoom, search, the benchmark picker and the base/head
 * width toggle. Every name reaches the page through textContent, never
 * as HTML.
 */
export const FLAME_CLIENT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var ROW = 18;
  var $ = function (id) { return document.getElementById(id); };
  var graphEl = $('graph'), tip = $('tip'), picker = $('picker'), search = $('search');
  var state = { g: null, mode: 'head', zoom: 0, query: '' };

  function num(x) { return Number(x.toPrecision(6)); }
  function human(x, unit) {
    if (x === 0) return '0 ' + unit;
    var a = Math.abs(x), s = x < 0 ? '-' : '';
    if (unit === 'ns' || unit === 'nanoseconds') {
      if (a >= 1e9) return s + (a / 1e9).toPrecision(4) + ' s';
      if (a >= 1e6) return s + (a / 1e6).toPrecision(4) + ' ms';
      if (a >= 1e3) return s + (a / 1e3).toPrecision(4) + ' µs';
      return s + a.toPrecision(4) + ' ns';
    }
    if (unit === 'B' || unit === 'bytes') {
      if (a >= 1 << 30) return s + (a / (1 << 30)).toPrecision(4) + ' GiB';
      if (a >= 1 << 20) return s + (a / (1 << 20)).toPrecision(4) + ' MiB';
      if (a >= 1 << 10) return s + (a / (1 << 10)).toPrecision(4) + ' KiB';
      return s + a.toPrecision(4) + ' B';
    }
    return s + a.toPrecision(4) + ' ' + unit;
  }
  function signed(x, unit) { return (x > 0 ? '+' : x === 0 ? '±' : '') + human(x, unit); }

  // Rebuild the tree: nodes in preorder, parent indices.
  function load(g) {
    var n = g.parent.length, kids = [];
    for (var i = 0; i < n; i++) kids.push([]);
    for (var j = 1; j < n; j++) kids[g.parent[j]].push(j);
    var maxD = 0;
    for (var k = 0; k < n; k++) maxD = Math.max(maxD, Math.abs(g.headOwn[k] - g.baseOwn[k]));
    g.kids = kids; g.maxDelta = maxD || 1; g.n = n;
    g.lw = {};
    return g;
  }
  // Layout width: the mode's value, or the other side's for a frame only
  // there (drawn hatched), and never less than its children's.
  function widths(g, mode) {
    if (g.lw[mode]) return g.lw[mode];
    var own = mode === 'head' ? g.head : g.base, other = mode === 'head' ? g.base : g.head;
    var w = new Float64Array(g.n);
    for (var i = g.n - 1; i >= 0; i--) {
      var v = own[i] > 0 ? own[i] : other[i], sum = 0, ks = g.kids[i];
      for (var k = 0; k < ks.length; k++) sum += w[ks[k]];
      w[i] = Math.max(v, sum);
    }
    g.lw[mode] = w;
    return w;
  }
  function colour(g, i) {
    var d = g.headOwn[i] - g.baseOwn[i], t = Math.abs(d) / g.maxDelta;
    if (t < 0.01) return '';
    var a = (0.18 + 0.82 * Math.sqrt(t)).toFixed(3);
    return d > 0 ? 'rgba(220,38,38,' + a + ')' : 'rgba(37,99,235,' + a + ')';
  }
  function matches(g, i) {
    return state.query !== '' && g.names[g.name[i]].toLowerCase().indexOf(state.query) >= 0;
  }
  function frame(g, i, x, y, w) {
    var el = document.createElement('div');
    var only = state.mode === 'head' ? g.head[i] === 0 : g.base[i] === 0;
    el.className = 'f' + (only ? ' only' : '') + (matches(g, i) ? ' match' : '');
    el.style.left = x + 'px';
    el.style.top = y * ROW + 'px';
    el.style.width = Math.max(w - 1, 0.5) + 'px';
    var c = colour(g, i);
    if (c) el.style.backgroundColor = c;
    el.dataset.i = String(i);
    el.textContent = w > 24 ? g.names[g.name[i]] : '';
    graphEl.appendChild(el);
  }
  function render() {
    var g = state.g, w = widths(g, state.mode), W = graphEl.clientWidth || 1000;
    graphEl.textContent = '';
    // The zoomed frame's ancestors, full width above it.
    var chain = [], p = state.zoom;
    while (p > 0) { p = g.parent[p]; chain.unshift(p); }
    chain.forEach(function (a, d) { frame(g, a, 0, d, W); });
    var depth = chain.length, maxDepth = depth, drawn = 0;
    var scale = W / (w[state.zoom] || 1);
    var stack = [[state.zoom, 0, depth]];
    while (stack.length) {
      var top = stack.pop(), i = top[0], x = top[1], d = top[2], px = w[i] * scale;
      if (px < 0.5) continue;
      frame(g, i, x, d, px); drawn++;
      if (d > maxDepth) maxDepth = d;
      var ks = g.kids[i], cx = x;
      for (var k = 0; k < ks.length; k++) { stack.push([ks[k], cx, d + 1]); cx += w[ks[k]] * scale; }
    }
    graphEl.style.height = (maxDepth + 1) * ROW + 'px';
    var count = 0;
    if (state.query !== '') for (var q = 0; q < g.n; q++) if (matches(g, q)) count++;
    $('found').textContent = state.query === '' ? '' : count + (count === 1 ? ' frame matches' : ' frames match');
    $('drawn').textContent = drawn + ' of ' + g.n + ' frames drawn' +
      (g.merged > 0 ? '; ' + g.merged + ' small frames merged into “…” frames' : '');
    $('mode').textContent = 'width: ' + state.mode + ' (switch to ' + (state.mode === 'head' ? 'base' : 'head') + ')';
  }
  function table(g) {
    var body = $('culprits-body');
    body.textContent = '';
    $('culprits-title').textContent = g.culprits.length === 0
      ? 'No function changed beyond sampling noise.'
      : 'Ranked by the change of each function\u2019s own cost (self), as in the comment';
    g.culprits.forEach(function (f) {
      var tr = document.createElement('tr');
      [f.name, f.status, signed(f.delta.self, g.unit), human(f.base.self, g.unit), human(f.head.self, g.unit), signed(f.delta.cum, g.unit)]
        .forEach(function (t, k) {
          var td = document.createElement('td');
          td.textContent = t;
          if (k === 0) td.className = 'name';
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
  }
  function show(index) {
    state.g = data.graphs[index].kids ? data.graphs[index] : load(data.graphs[index]);
    state.zoom = 0;
    $('title').textContent = state.g.title;
    $('subtitle').textContent = state.g.measure + ' — ' + state.g.subtitle;
    table(state.g);
    render();
  }
  function tipFor(i) {
    var g = state.g, u = g.unit, lines = [
      g.names[g.name[i]],
      'cum   base ' + human(g.base[i], u) + ' (' + num(g.base[i]) + ')   head ' + human(g.head[i], u) + ' (' + num(g.head[i]) + ')   Δ ' + signed(g.head[i] - g.base[i], u),
      'flat  base ' + human(g.baseSelf[i], u) + ' (' + num(g.baseSelf[i]) + ')   head ' + human(g.headSelf[i], u) + ' (' + num(g.headSelf[i]) + ')   Δ ' + signed(g.headSelf[i] - g.baseSelf[i], u),
      'self  base ' + human(g.baseOwn[i], u) + '   head ' + human(g.headOwn[i], u) + '   Δ ' + signed(g.headOwn[i] - g.baseOwn[i], u) + '   (flat and the runtime work it calls: the colour)'
    ];
    if (g.head[i] === 0) lines.push('only in base');
    if (g.base[i] === 0) lines.push('only in head');
    return lines.join('\n');
  }
  graphEl.addEventListener('mousemove', function (e) {
    var t = e.target;
    if (!t.dataset || t.dataset.i === undefined) { tip.hidden = true; return; }
    tip.textContent = tipFor(Number(t.dataset.i));
    tip.hidden = false;
    tip.style.left = Math.min(e.pageX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = e.pageY + 14 + 'px';
  });
  graphEl.addEventListener('mouseleave', function () { tip.hidden = true; });
  graphEl.addEventListener('click', function (e) {
    var t = e.target;
    if (!t.dataset || t.dataset.i === undefined) return;
    state.zoom = Number(t.dataset.i);
    render();
  });
  $('reset').addEventListener('click', function () { state.zoom = 0; render(); });
  $('mode').addEventListener('click', function () {
    state.mode = state.mode === 'head' ? 'base' : 'head';
    render();
  });
  search.addEventListener('input', function () { state.query = search.value.toLowerCase(); render(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { state.zoom = 0; render(); } });
  data.graphs.forEach(function (g, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = g.title + ' — ' + g.measure + ' — ' + g.subtitle;
    picker.appendChild(o);
  });
  picker.addEventListener('change', function () { show(Number(picker.value)); });
  window.addEventListener('resize', function () { if (state.g) render(); });
  var notes = $('notes');
  data.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; notes.appendChild(li); });
  if (data.graphs.length === 0) { $('title').textContent = 'No graph: no benchmark has profiles on both sides.'; return; }
  show(0);
  window.benchgateFlame = { show: show, render: render, state: state };
})();
`
