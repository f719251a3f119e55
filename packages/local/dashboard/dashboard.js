// The local dashboard and memory inspector: plain ES module, no build step, served by `pnpm start`.
// Every datum comes from a route that checks X-Admin-Key; the key lives in sessionStorage only.
// Anything a caller said is untrusted: text is only ever set as text (textContent / Text nodes),
// never parsed as HTML, and the page runs under Content-Security-Policy: default-src 'self'.

const KEY_STORAGE = 'agentic-memory.admin-key';
/** The charts are per minute: a poll every 10 s shows a new minute soon enough. */
const LIVE_EVERY_MS = 10_000;
/**
 * The calls list reloads when the live metrics say it may have changed (the worker handled a
 * batch, a caller was erased) and at least this often: listing the calls walks a year of daily
 * records, which callers starting calls at the same moment should not wait behind every few seconds.
 */
const CALLS_EVERY_MS = 60_000;
/** Memories listed per call before a "show all" button (a long call leaves hundreds). */
const MEMORIES_SHOWN = 25;

const $ = (id) => document.getElementById(id);

/** An element whose children are nodes or text (strings become Text nodes: never markup). */
function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.title) node.title = options.title;
  for (const [name, value] of Object.entries(options.data ?? {})) node.dataset[name] = String(value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

class Unauthorized extends Error {}

class ApiError extends Error {
  constructor(status, code) {
    super(`${code} (HTTP ${status})`);
    this.status = status;
    this.code = code;
  }
}

/** A JSON request to this runtime with the admin key; a 401 signs out (the key was wrong or changed). */
async function api(path, init = {}) {
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (!key) {
    showLogin('');
    throw new Unauthorized();
  }
  const res = await fetch(path, { ...init, cache: 'no-store', headers: { 'x-admin-key': key } });
  if (res.status === 401) {
    showLogin('The admin key was refused: sign in again with the key pnpm start printed.');
    throw new Unauthorized();
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, typeof body.error === 'string' ? body.error : 'error');
  return body;
}

// ── sign in ──────────────────────────────────────────────────────────────────────────────────

let timers = [];
let config = null;
/** The live metrics' `calls_version` when the calls list was last asked for. */
let callsVersion = null;

function showLogin(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  for (const t of timers) clearInterval(t);
  timers = [];
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('login-error').hidden = !message;
  $('admin-key').value = '';
  $('admin-key').focus();
}

async function signIn(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
  try {
    config = await api('/dashboard/api/config');
  } catch (error) {
    if (!(error instanceof Unauthorized)) showLogin(`The runtime did not answer: ${error.message}`);
    return;
  }
  $('login').hidden = true;
  $('app').hidden = false;
  $('environment').textContent = `· ${config.environment} · local runtime`;
  fillPlatforms();
  showTab(sessionStorage.getItem('agentic-memory.tab') === 'inspector' ? 'inspector' : 'dashboard');
  timers.push(setInterval(refreshLive, LIVE_EVERY_MS), setInterval(refreshCalls, CALLS_EVERY_MS));
}

// ── tabs ─────────────────────────────────────────────────────────────────────────────────────

function showTab(name) {
  sessionStorage.setItem('agentic-memory.tab', name);
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  $('view-dashboard').hidden = name !== 'dashboard';
  $('view-inspector').hidden = name !== 'inspector';
  if (name === 'dashboard' && config) {
    resizeCharts();
    refreshLive();
    refreshCalls();
  }
}

// ── live charts ──────────────────────────────────────────────────────────────────────────────

const COLORS = { p50: '#2563eb', p99: '#dc2626', ok: '#16a34a', degraded: '#d97706', rejected: '#dc2626', dead: '#7c3aed' };
const charts = new Map();

function series(label, stroke) {
  return { label, stroke, width: 2, points: { show: true, size: 6, fill: stroke }, spanGaps: false };
}

/** Seconds, minutes, hours or days: ingest lag of a replayed old call is days. */
function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

function draw(id, defs, data, axisValue) {
  const container = $(id);
  let chart = charts.get(id);
  if (!chart) {
    chart = new globalThis.uPlot(
      {
        width: Math.max(260, container.clientWidth),
        height: 170,
        series: [{}, ...defs],
        scales: { x: { time: true } },
        axes: [{}, axisValue ? { values: (_u, values) => values.map(axisValue), size: 60 } : { size: 50 }],
        legend: { show: true, live: false },
      },
      data,
      container,
    );
    charts.set(id, chart);
  } else {
    chart.setData(data);
  }
  container.dataset.points = String(data.slice(1).reduce((n, s) => n + s.filter((v) => v !== null && v !== undefined).length, 0));
}

function resizeCharts() {
  for (const [id, chart] of charts) {
    const width = $(id).clientWidth;
    if (width > 0) chart.setSize({ width, height: 170 });
  }
}

function nonZero(values) {
  return values.map((v) => (v === 0 ? null : v));
}

function headlineCard(label, value, detail) {
  return el(
    'div',
    { class: 'stat' },
    el('div', { class: 'stat-label' }, label),
    el('div', { class: 'stat-value' }, value),
    el('div', { class: 'stat-detail muted' }, detail),
  );
}

function latencyText(role) {
  return role && role.hour.count > 0 ? `${duration(role.hour.p50)} / ${duration(role.hour.p99)}` : '–';
}

async function refreshLive() {
  if (document.hidden || $('view-dashboard').hidden) return;
  let live;
  try {
    live = await api('/dashboard/api/live');
  } catch (error) {
    if (!(error instanceof Unauthorized)) $('updated').textContent = `live metrics unavailable: ${error.message}`;
    return;
  }
  if (callsVersion !== null && live.calls_version !== callsVersion) refreshCalls();
  callsVersion = live.calls_version;
  const x = live.minutes;
  for (const role of ['conversation-start', 'memory-search', 'webhook-intake']) {
    const l = live.latency[role];
    draw(`chart-${role}`, [series('p50', COLORS.p50), series('p99', COLORS.p99)], [x, l.p50, l.p99], (v) => `${v}`);
  }
  const r = live.requests;
  draw(
    'chart-requests',
    [series('ok', COLORS.ok), series('degraded', COLORS.degraded), series('rejected', COLORS.rejected)],
    [x, nonZero(r.ok), nonZero(r.degraded), nonZero(r.rejected)],
  );
  const lag = live.ingest_lag;
  draw('chart-ingest-lag', [series('p50', COLORS.p50), series('p99', COLORS.p99)], [x, lag.p50, lag.p99], duration);
  const m = live.memories_per_call;
  draw('chart-memories', [series('memories per call', COLORS.p50), series('calls', COLORS.ok)], [x, m.average, nonZero(m.calls)]);
  const q = live.queue;
  draw(
    'chart-queue',
    [series('waiting', COLORS.p50), series('in flight', COLORS.ok), series('dead-lettered', COLORS.dead)],
    [x, q.live, q.in_flight, q.dead],
  );

  const total = (name) => Object.entries(r.by_platform).reduce((n, [p, v]) => (p === 'admin' ? n : n + v[name]), 0);
  const headline = $('headline');
  clear(headline);
  headline.append(
    headlineCard(
      'call start p50 / p99',
      latencyText(live.latency['conversation-start']),
      `${live.latency['conversation-start'].hour.count} requests, last hour`,
    ),
    headlineCard('search p50 / p99', latencyText(live.latency['memory-search']), `${live.latency['memory-search'].hour.count} requests`),
    headlineCard('intake p50 / p99', latencyText(live.latency['webhook-intake']), `${live.latency['webhook-intake'].hour.count} requests`),
    headlineCard('platform requests', `${total('ok')} ok`, `${total('degraded')} degraded · ${total('rejected')} rejected`),
    headlineCard('calls ingested', String(m.hour.calls), `${m.hour.average ?? '–'} memories per call · ${m.hour.failures} failures`),
    headlineCard(
      'queue',
      q.current ? `${q.current.live} waiting` : '–',
      q.current ? `${q.current.inFlight} in flight · ${q.current.dead} dead-lettered` : 'depth unavailable',
    ),
  );

  const tbody = $('platform-table').querySelector('tbody');
  clear(tbody);
  const platforms = Object.entries(r.by_platform).sort(([a], [b]) => a.localeCompare(b));
  if (platforms.length === 0) tbody.append(el('tr', {}, el('td', { class: 'muted' }, 'no requests in the last hour')));
  for (const [platform, v] of platforms) {
    const reasons = Object.entries(v.rejected_by_reason)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    tbody.append(
      el(
        'tr',
        {},
        el('td', {}, platform),
        el('td', {}, v.ok),
        el('td', {}, v.degraded),
        el('td', {}, v.rejected),
        el('td', {}, reasons || '–'),
      ),
    );
  }
  $('updated').textContent = `updated ${new Date(live.now).toLocaleTimeString()}`;
}

// ── recent calls ─────────────────────────────────────────────────────────────────────────────

function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function fieldBadges(fields, sources) {
  const out = el('span', { class: 'badges' });
  for (const field of fields) {
    const source = sources[field] ?? 'unknown';
    out.append(el('span', { class: `src src-${source}`, title: `${field}: from ${source.replace('_', ' ')}` }, field));
  }
  return out;
}

async function refreshCalls() {
  if (document.hidden || $('view-dashboard').hidden) return;
  let body;
  try {
    body = await api('/v1/calls?limit=50');
  } catch {
    return;
  }
  const tbody = $('calls-table').querySelector('tbody');
  clear(tbody);
  for (const call of body.calls) {
    const status = call.degraded
      ? el('span', { class: 'pill warn', title: call.dropped_fields.join(', ') }, `degraded: ${call.degraded_reasons.join(', ')}`)
      : el('span', { class: 'pill ok' }, 'ok');
    tbody.append(
      el(
        'tr',
        { data: { conversation: call.conversation_id } },
        el('td', { title: call.conversation_id }, when(call.at)),
        el('td', {}, call.caller),
        el('td', {}, call.platform),
        el('td', {}, call.agent_type),
        el('td', {}, call.memories),
        el('td', {}, fieldBadges(call.fields, call.field_sources)),
        el('td', {}, status),
      ),
    );
  }
  $('calls-empty').hidden = body.calls.length > 0;
}

// ── caller inspector ─────────────────────────────────────────────────────────────────────────

let current = null;

function spaceOf(platform) {
  for (const [name, platforms] of Object.entries(config.memory_spaces ?? {})) {
    if (platforms.includes(platform)) return { name, platforms };
  }
  return { name: platform, platforms: [platform] };
}

function fillPlatforms() {
  const select = $('lookup-platform');
  clear(select);
  for (const p of config.platforms) {
    const option = el('option', {}, p);
    option.value = p;
    select.append(option);
  }
  fillAgentTypes();
}

function fillAgentTypes() {
  const space = spaceOf($('lookup-platform').value);
  const select = $('lookup-agent-type');
  clear(select);
  const auto = el('option', {}, 'as the platform resolves it');
  auto.value = '';
  select.append(auto);
  for (const t of config.agent_types.filter((a) => space.platforms.includes(a.platform))) {
    const option = el('option', {}, t.name);
    option.value = t.name;
    select.append(option);
  }
}

const ERRORS = {
  invalid_phone: 'That is not a phone number: use E.164, e.g. +15550100123.',
  agent_type_outside_space: 'That agent type serves another memory space: a call of this platform never runs as it.',
  unknown_agent_type: 'Unknown agent type.',
  invalid_query: 'The request was refused as invalid.',
  memory_store_unavailable: 'The memory store is unavailable right now.',
};

function inspectorError(error) {
  const message =
    error instanceof ApiError ? (ERRORS[error.code] ?? `The runtime refused: ${error.code}`) : `Request failed: ${error.message}`;
  $('inspector-error').textContent = message;
  $('inspector-error').hidden = false;
}

function query(extra = {}) {
  const params = new URLSearchParams({ platform: current.platform, ...extra });
  if (current.agentType) params.set('agent_type', current.agentType);
  return params.toString();
}

async function lookUp() {
  $('inspector-error').hidden = true;
  const path = `/v1/users/${encodeURIComponent(current.phone)}`;
  let start;
  let memories;
  try {
    [start, memories] = await Promise.all([
      api(`${path}/snapshot?${query()}`),
      api(`${path}/memories?platform=${encodeURIComponent(current.platform)}`),
    ]);
  } catch (error) {
    if (!(error instanceof Unauthorized)) inspectorError(error);
    $('inspector-result').hidden = true;
    return;
  }
  renderStart(start);
  renderMemories(memories);
  $('inspector-result').hidden = false;
  $('forget-confirm').hidden = true;
  $('forget').disabled = false;
}

function fact(list, term, value) {
  list.append(el('dt', {}, term), el('dd', {}, value));
}

function renderStart(start) {
  const facts = $('start-facts');
  clear(facts);
  fact(facts, 'caller', start.caller);
  fact(facts, 'platform · memory space', `${start.platform} · ${start.memory_space.name}`);
  fact(facts, 'agent type', `${start.agent_type} (${start.agent_type_source.replace('_', ' ')})`);
  fact(
    facts,
    'context from',
    start.source === 'snapshot'
      ? `profile snapshot, ${start.snapshot.call_count} call(s), ${start.snapshot.memory_count} memories, built ${when(start.snapshot.updated_at)}`
      : start.source === 'store'
        ? 'the memory store (no snapshot; on_snapshot_miss: query_store)'
        : 'nothing: a new caller',
  );
  $('first-message').textContent = start.first_message_sent
    ? start.first_message
    : `${start.first_message} (not sent: the agent type does not override the first message)`;
  const vars = $('dynamic-variables').querySelector('tbody');
  clear(vars);
  for (const [name, value] of Object.entries(start.dynamic_variables)) {
    const shown =
      name === 'memory_context' ? el('span', { class: 'muted' }, '(below)') : typeof value === 'string' ? value : JSON.stringify(value);
    vars.append(el('tr', {}, el('th', {}, name), el('td', {}, shown)));
  }
  $('memory-context').textContent = start.memory_context;
}

function renderMemories(body) {
  $('memory-total').textContent =
    `· ${body.total} memor${body.total === 1 ? 'y' : 'ies'}${body.memory_space ? ` in the ${body.memory_space.name} space` : ''}`;
  const root = $('memory-calls');
  clear(root);
  if (body.calls.length === 0) {
    root.append(el('p', { class: 'muted empty-memories' }, 'No memories for this caller.'));
    return;
  }
  body.calls.forEach((call, index) => {
    const header = el(
      'summary',
      { class: 'call-header' },
      el('strong', {}, when(call.at)),
      el('span', { class: 'muted' }, ` · ${call.platform ?? '?'} · ${call.agent_type ?? '?'} · ${call.memories.length} memories · `),
      el('code', {}, call.conversation_id ?? 'no conversation'),
      call.degraded_reasons.length > 0 ? el('span', { class: 'pill warn' }, `degraded: ${call.degraded_reasons.join(', ')}`) : null,
    );
    const fields = el(
      'div',
      { class: 'call-fields' },
      'fields: ',
      call.fields.length > 0 ? fieldBadges(call.fields, call.field_sources) : el('span', { class: 'muted' }, 'none'),
    );
    const list = el('ul', { class: 'memories' });
    const shown = (limit) => {
      clear(list);
      for (const m of call.memories.slice(0, limit)) list.append(memoryItem(m));
      if (call.memories.length > limit) {
        const more = el('button', { class: 'secondary' }, `show all ${call.memories.length} memories`);
        more.type = 'button';
        more.addEventListener('click', () => shown(Number.POSITIVE_INFINITY));
        list.append(el('li', { class: 'more' }, more));
      }
    };
    shown(MEMORIES_SHOWN);
    const details = el('details', { class: 'call' }, header, fields, list);
    // The newest call open; older ones a click away.
    details.open = index === 0;
    root.append(details);
  });
}

function memoryItem(m) {
  const meta = [
    `source: ${m.source}${m.field_source ? ` (${m.field_source.replace('_', ' ')})` : ''}`,
    m.expires_at ? `${m.expired ? 'expired' : 'expires'} ${new Date(m.expires_at).toLocaleDateString()}` : 'never expires',
    ...Object.entries(m.fields).map(([k, v]) => `${k}: ${v}`),
  ];
  return el(
    'li',
    { class: `memory${m.expired ? ' expired' : ''}`, data: { memoryId: m.id } },
    el('span', { class: `type type-${m.type}` }, m.type),
    m.key_statement ? el('span', { class: 'pill', title: 'shown at call start' }, 'key') : null,
    el('span', { class: 'memory-text' }, m.text),
    el('div', { class: 'memory-meta muted' }, meta.join(' · ')),
  );
}

async function search(text) {
  const path = `/v1/users/${encodeURIComponent(current.phone)}/search?${query({ query: text })}`;
  let body;
  try {
    body = await api(path);
  } catch (error) {
    if (!(error instanceof Unauthorized)) inspectorError(error);
    return;
  }
  $('search-meta').textContent =
    `${body.answer.count} result(s) in ${body.elapsed_ms} ms (deadline ${body.deadline_ms} ms) · ${body.agent_type} in the ${body.memory_space.name} space` +
    (body.degraded ? ` · degraded: ${body.degraded}` : '');
  const list = $('search-results');
  clear(list);
  for (const m of body.ranked) {
    list.append(
      el(
        'li',
        { class: 'result' },
        el('span', { class: `type type-${m.type}` }, m.type),
        el('span', { class: 'memory-text' }, m.text),
        el(
          'div',
          { class: 'memory-meta muted' },
          `${m.created_at.slice(0, 10)} · score ${m.rank_score}${m.fallback ? ' · recent, not a match' : ''}`,
        ),
      ),
    );
  }
  $('search-answer').textContent = body.answer.result;
}

async function forget() {
  let body;
  try {
    body = await api(`/v1/users/${encodeURIComponent(current.phone)}`, { method: 'DELETE' });
  } catch (error) {
    if (!(error instanceof Unauthorized)) inspectorError(error);
    return;
  }
  const d = body.deleted;
  $('forget-result').textContent =
    `Erased ${body.caller}: ${d.memories} memories, ${d.snapshots} snapshots, ${d.rawPayloads} raw payloads, ${d.analyticsRecords} call records.`;
  clear($('search-results'));
  $('search-answer').textContent = '';
  $('search-meta').textContent = '';
  await lookUp();
}

// ── wiring ───────────────────────────────────────────────────────────────────────────────────

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('admin-key').value.trim();
    if (key) signIn(key);
  });
  $('sign-out').addEventListener('click', () => showLogin(''));
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  $('lookup-platform').addEventListener('change', fillAgentTypes);
  $('lookup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    current = { phone: $('lookup-phone').value.trim(), platform: $('lookup-platform').value, agentType: $('lookup-agent-type').value };
    $('forget-result').textContent = '';
    lookUp();
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('search-query').value.trim();
    if (current && text) search(text);
  });
  $('forget').addEventListener('click', () => {
    $('forget-question').textContent = `Erase everything about the caller ${current.phone}? This cannot be undone.`;
    $('forget-confirm').hidden = false;
    $('forget').disabled = true;
  });
  $('forget-no').addEventListener('click', () => {
    $('forget-confirm').hidden = true;
    $('forget').disabled = false;
  });
  $('forget-yes').addEventListener('click', () => {
    $('forget-confirm').hidden = true;
    forget();
  });
  window.addEventListener('resize', resizeCharts);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !$('app').hidden) {
      refreshLive();
      refreshCalls();
    }
  });

  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) signIn(key);
  else showLogin('');
});
