// 报送/共享: the credit centre watches the feed to the national platform (head, acknowledged, pending, the newest items) and
// imports a list the nation issued (国家下发名单) from a JSON file (DESIGN §4.10, §5.2). Auditors see the positions only.
import { h, replace, table, badge, problem, field, cst } from '../dom.js';
import { api } from '../api.js';
import { listTypes, label } from '../labels.js';

const HEAD_ITEMS = 20;
const reasons = { Repaired: '已修复', Revoked: '已撤销', Expired: '已到期', ObjectionUpheld: '异议成立' };
const feedTypes = { RecordDisclosed: '信息公示', ListEntryActivated: '名单生效', Withdrawn: '停止共享' };

export function exchangePage(main, { claims }) {
  const status = h('div', { id: 'exchange-status' }, h('p', { class: 'hint' }, '查询中… Loading…'));
  const feed = h('div', { id: 'exchange-feed' });
  const centre = claims.role === 'credit-center';
  replace(main,
    h('section', { class: 'card' }, h('h1', {}, '报送共享 Exchange with the national platform'), status),
    centre ? feed : null,
    centre ? importCard() : null);
  loadStatus(status, centre ? feed : null);
}

async function loadStatus(status, feed) {
  try {
    const s = await api('/api/v1/exchange/status');
    replace(status,
      h('div', { class: 'state' },
        stat('最新序号 Feed head', s.head, 'head'), stat('已确认 Acknowledged', s.acknowledged, 'acknowledged'),
        stat('待确认 Pending', s.pending, 'pending')),
      table([
        { title: '接收方 Client', value: c => h('span', { class: 'code' }, c.unit) },
        { title: '已确认至 Acknowledged up to', value: c => c.acknowledged },
        { title: '待确认 Pending', value: c => c.pending },
        { title: '确认时间 At', value: c => cst(c.acknowledgedAt) },
      ], s.clients ?? [], { empty: '尚无回执 No receipts yet' }));
    if (feed) await loadFeed(feed, s.head);
  } catch (error) {
    replace(status, problem(error));
  }
}

const stat = (title, value, id) => h('div', { class: 'state-group', 'data-stat': id }, h('span', { class: 'hint' }, title), h('strong', {}, String(value)));

async function loadFeed(feed, head) {
  const page = await api(`/api/v1/exchange/feed?after=${Math.max(0, head - HEAD_ITEMS)}&limit=${HEAD_ITEMS}`);
  replace(feed, h('section', { class: 'card' }, h('h2', {}, `最新报送 The feed's newest items`), table([
    { title: '序号 Sequence', value: i => i.sequence },
    { title: '类型 Type', value: i => [badge(label(feedTypes, i.type), i.type === 'Withdrawn' ? 'muted' : 'info'), i.reason ? ` ${label(reasons, i.reason)}` : ''] },
    { title: '主体 Subject', value: i => h('span', { class: 'code' }, i.subjectCode) },
    { title: '来源 Source', value: i => h('span', { class: 'code' }, i.sourceId) },
    { title: '时间 At', value: i => cst(i.occurredAt) },
  ], [...page.items].reverse(), { empty: '暂无报送 Nothing in the feed yet', rowAttrs: i => ({ 'data-sequence': i.sequence }) })));
}

function importCard() {
  const file = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' });
  const results = h('div', { id: 'import-results' });
  const submit = async e => {
    e.preventDefault();
    try {
      const items = parse(await file.files[0]?.text());
      const answer = await api('/api/v1/list-entries/imports', { method: 'POST', body: { items } });
      replace(results, table([
        { title: '#', value: r => r.index + 1 },
        { title: '国家编号 National id', value: r => h('span', { class: 'code' }, r.nationalId ?? '—') },
        { title: '结果 Result', value: r => badge(r.status, r.status === 'Rejected' ? 'bad' : r.status === 'Imported' ? 'ok' : 'muted') },
        { title: '名单条目 Entry / 错误 Errors', value: r => r.listEntryId
          ? h('a', { href: `#/lists?subjectCode=${encodeURIComponent(items[r.index].subjectCode ?? '')}`, class: 'code' }, r.listEntryId)
          : Object.entries(r.errors ?? {}).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`).join('; ') },
      ], answer.results, { rowAttrs: r => ({ 'data-index': r.index, 'data-status': r.status }) }));
    } catch (error) {
      replace(results, problem(error));
    }
  };
  return h('section', { class: 'card' },
    h('h2', {}, '导入国家下发名单 Import a national list'),
    h('p', { class: 'hint' }, `JSON 文件：条目数组或 { "items": [ … ] }，每条 { nationalId, listType, subjectCode, subjectName, issuedBy, basis, validFrom, validUntil? }，至多 1000 条。 `
      + `List types: ${Object.keys(listTypes).join(', ')}.`),
    h('form', { class: 'inline', onsubmit: submit }, field('名单文件 List file', file), h('button', { type: 'submit', id: 'import-submit' }, '导入 Import')),
    results);
}

/** The file's items: a JSON array, or an object with items (as the national platform ships it). */
function parse(text) {
  if (!text) throw new Error('请选择名单文件 Choose a list file first.');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON The file is not valid JSON.');
  }
  const items = Array.isArray(json) ? json : json?.items;
  if (!Array.isArray(items)) throw new Error('文件中没有条目 The file holds no items array.');
  return items;
}
