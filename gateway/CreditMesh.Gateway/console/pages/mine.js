// 我的信用: a subject's own view (DESIGN §4.9): notices before listing (with an objection in time), all its records,
// its list entries of every status, and who matched it. Every call is the subject's own code; the API refuses any other.
import { h, replace, table, badge, problem, cst } from '../dom.js';
import { api, query } from '../api.js';
import { categories, severities, listTypes, listKinds, statuses, decisions, matters, label } from '../labels.js';

const noticeStatuses = { Open: '异议期内 Open', Objected: '已提出异议 Objected', Lapsed: '异议期已过 Lapsed' };

export function minePage(main, { claims }) {
  const code = claims.subject;
  const boxes = Object.fromEntries(['notices', 'records', 'entries', 'queries'].map(id => [id, h('div', { id: `mine-${id}` }, h('p', { class: 'hint' }, '加载中… Loading…'))]));
  replace(main,
    h('section', { class: 'card' }, h('h1', {}, '我的信用 My credit'),
      h('p', { class: 'hint' }, '主体代码 Subject code ', h('span', { class: 'code', id: 'mine-code' }, code),
        ' · 本页显示本主体的全部信息，包括未公示的轻微记录。 All of this subject\'s information, undisclosed minor records included.')),
    h('section', { class: 'card' }, h('h2', {}, '告知书 Notices before listing'), boxes.notices),
    h('section', { class: 'card' }, h('h2', {}, '信用记录 My records'), boxes.records),
    h('section', { class: 'card' }, h('h2', {}, '名单 My list entries'), boxes.entries),
    h('section', { class: 'card' }, h('h2', {}, '查询记录 Who matched me'), boxes.queries));
  const reload = () => {
    loadNotices(boxes.notices, code, reload);
    loadEntries(boxes.entries, code);
  };
  reload();
  loadRecords(boxes.records, code, null, []);
  loadQueries(boxes.queries, code);
}

async function loadNotices(box, code, reload) {
  try {
    const notices = await api(`/api/v1/subjects/${encodeURIComponent(code)}/notices`);
    replace(box, table([
      { title: '名单 List', value: n => h('span', { class: `entry-type ${listKinds[n.listType] ?? ''}` }, label(listTypes, n.listType)) },
      { title: '名单编号 Entry', value: n => h('span', { class: 'code' }, n.listEntryId) },
      { title: '依据记录 Basis', value: n => h('span', { class: 'code' }, n.basisRecordIds.join(', ')) },
      { title: '法律依据 Legal basis', value: n => n.legalBasis },
      { title: '告知时间 Issued', value: n => cst(n.issuedAt) },
      { title: '异议截止 Objection deadline', value: n => h('strong', {}, cst(n.objectionDeadline)) },
      { title: '状态 Status', value: n => [badge(noticeStatuses[n.status] ?? n.status, n.status === 'Open' ? 'warn' : 'muted'),
        n.listEntryStatus ? [' ', badge(label(statuses, n.listEntryStatus), n.listEntryStatus === 'Active' ? 'bad' : 'info')] : '',
        n.removalReason ? ` ${n.removalReason}` : ''] },
      { title: '异议 Object', value: n => (n.status === 'Open' && n.listEntryStatus === 'Proposed' ? objectForm(code, n, reload) : '') },
    ], notices.items, { empty: '无告知书 No notices', rowAttrs: n => ({ 'data-notice': n.noticeId, 'data-entry': n.listEntryId }) }));
  } catch (error) {
    replace(box, problem(error));
  }
}

/** 异议: the subject objects to the proposed entry before the deadline, which holds it Proposed until resolved. */
function objectForm(code, notice, reload) {
  const grounds = h('input', { class: 'reason grounds', placeholder: '异议理由 grounds', 'aria-label': '异议理由 Grounds' });
  const status = h('span');
  return h('form', { class: 'row-action', onsubmit: async e => {
    e.preventDefault();
    try {
      await api('/api/v1/objections', { method: 'POST', body: { subjectCode: code, target: { kind: 'ListEntry', id: notice.listEntryId }, grounds: grounds.value.trim() } });
      replace(status, badge('已提出 Objection sent', 'ok'));
      untilObjected(code, notice.noticeId).then(reload); // lists hears of the objection from repair's event
    } catch (error) {
      replace(status, problem(error));
    }
  } }, grounds, h('button', { type: 'submit', class: 'object' }, '提出异议 Object'), status);
}

/** Polls the notices (every 0.5 s, at most 30 s) until this one shows the objection, so the page shows what lists decided. */
async function untilObjected(code, noticeId) {
  for (let i = 0; i < 60; i++) {
    await new Promise(resolve => setTimeout(resolve, 500));
    const notices = await api(`/api/v1/subjects/${encodeURIComponent(code)}/notices`).catch(() => null);
    if (notices?.items.some(n => n.noticeId === noticeId && n.status !== 'Open')) return;
  }
}

async function loadRecords(box, code, cursor, shown) {
  try {
    const page = await api(`/api/v1/records?${query({ subjectCode: code, cursor, limit: 20 })}`);
    const items = shown.concat(page.items);
    const more = page.next ? h('button', { type: 'button', id: 'mine-records-more', onclick: () => loadRecords(box, code, page.next, items) }, '更多 More') : null;
    replace(box, table([
      { title: '类别 Category', value: r => [label(categories, r.category), r.severity ? ` · ${label(severities, r.severity)}` : ''] },
      { title: '决定书文号 Decision no.', value: r => h('span', { class: 'code' }, r.decisionNumber) },
      { title: '决定日期 Decided', value: r => r.decisionDate },
      { title: '决定机关 Authority', value: r => r.decidingAuthority },
      { title: '内容 Content', value: r => r.penaltyContent ?? '—' },
      { title: '公示 Publicity', value: r => [badge(r.publicity.disclosed ? '公示中 Disclosed' : '未公示 Not disclosed', r.publicity.disclosed ? 'warn' : 'muted'),
        ` ${r.publicity.from} — ${r.publicity.maxUntil}`] },
      { title: '状态 Status', value: r => [r.status, r.underObjection ? [' ', badge('异议中 Under objection', 'info')] : ''] },
    ], items, { empty: '无信用记录 No records', rowAttrs: r => ({ 'data-record': r.recordId }) }), more);
  } catch (error) {
    replace(box, problem(error));
  }
}

async function loadEntries(box, code) {
  try {
    const entries = await api(`/api/v1/list-entries?${query({ subjectCode: code })}`);
    replace(box, table([
      { title: '名单 List', value: e => h('span', { class: `entry-type ${listKinds[e.listType] ?? ''}` }, label(listTypes, e.listType)) },
      { title: '状态 Status', value: e => [badge(label(statuses, e.status), e.status === 'Active' ? 'bad' : 'muted'), e.removalReason ? ` ${e.removalReason}` : ''] },
      { title: '认定单位 Determined by', value: e => h('span', { class: 'code' }, e.determinedBy) },
      { title: '有效期 Valid', value: e => `${cst(e.validFrom)} — ${cst(e.validUntil)}` },
      { title: '依据 Basis', value: e => (e.basisRecordIds ?? []).join(', ') },
    ], entries.items, { empty: '无名单 No entries', rowAttrs: e => ({ 'data-entry': e.listEntryId }) }));
  } catch (error) {
    replace(box, problem(error));
  }
}

async function loadQueries(box, code) {
  try {
    const log = await api(`/api/v1/subjects/${encodeURIComponent(code)}/queries`);
    replace(box, table([
      { title: '时间 When', value: q => cst(q.at) },
      { title: '查询单位 Unit', value: q => h('span', { class: 'code' }, q.unit ?? '—') },
      { title: '事项 Matter', value: q => label(matters, q.matterCode) },
      { title: '结果 Decision', value: q => label(decisions, q.decision) },
    ], log.items, { empty: '暂无查询 Nobody matched this subject yet', rowAttrs: q => ({ 'data-match': q.matchId }) }));
  } catch (error) {
    replace(box, problem(error));
  }
}
