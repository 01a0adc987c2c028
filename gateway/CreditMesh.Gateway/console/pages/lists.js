// 名单: list entries by subject, type and status (DESIGN §4.3); a member unit sees and withdraws those of its own field.
import { h, replace, table, badge, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';
import { listTypes, listKinds, statuses, label } from '../labels.js';

const select = (id, names, value) => h('select', { id },
  h('option', { value: '' }, '全部 all'), Object.entries(names).map(([k, v]) => h('option', { value: k, selected: k === value }, `${v} ${k}`)));

export function listsPage(main, { params, navigate, claims }) {
  const subject = h('input', { id: 'lists-subject', value: params.get('subjectCode') ?? '', placeholder: '主体代码 Subject code' });
  const type = select('lists-type', listTypes, params.get('listType') ?? '');
  const status = select('lists-status', { Proposed: '拟列入', Active: '有效', Suspended: '暂停', Removed: '已移出' }, params.get('status') ?? '');
  // A member unit works on the entries of its own field (谁认定); other units' entries are one tick away.
  const others = claims.role === 'member-unit'
    ? h('input', { type: 'checkbox', id: 'lists-others', checked: params.get('all') === '1' }) : null;
  const body = h('div', { id: 'lists-body' }, h('p', { class: 'hint' }, '查询中… Loading…'));
  const submit = e => {
    e.preventDefault();
    navigate(`#/lists?${query({ subjectCode: subject.value.trim(), listType: type.value, status: status.value, all: others?.checked ? '1' : '' })}`);
  };
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '名单 List entries'),
      claims.role === 'member-unit' ? h('p', { class: 'hint' }, `本单位认定的名单可在此撤销 Entries determined by ${claims.unit} can be withdrawn here`) : null,
      h('form', { class: 'inline', onsubmit: submit },
        field('主体 Subject', subject), field('名单 List', type), field('状态 Status', status),
        others ? field('含其他单位认定 Other units too', others) : null,
        h('button', { type: 'submit', id: 'lists-load' }, '查询 Search'))),
    body);
  const mineOnly = claims.role === 'member-unit' && params.get('all') !== '1';
  load(body, { subjectCode: params.get('subjectCode'), listType: params.get('listType'), status: params.get('status') }, claims, mineOnly);
}

async function load(body, filter, claims, mineOnly) {
  try {
    const answer = await api(`/api/v1/list-entries?${query(filter)}`);
    const entries = { items: mineOnly ? answer.items.filter(e => e.determinedBy === claims.unit) : answer.items };
    const ownField = e => claims.role === 'member-unit' && e.determinedBy === claims.unit && (e.status === 'Proposed' || e.status === 'Active');
    replace(body, h('section', { class: 'card' }, table([
      { title: '名单 List', value: e => h('span', { class: `entry-type ${listKinds[e.listType] ?? ''}` }, label(listTypes, e.listType)) },
      { title: '主体 Subject', value: e => h('a', { href: `#/search?${query({ q: e.subjectCode })}`, class: 'code' }, e.subjectCode) },
      { title: '状态 Status', value: e => [badge(label(statuses, e.status), e.status === 'Active' ? 'bad' : 'muted'), e.removalReason ? ` ${e.removalReason}` : ''] },
      { title: '认定单位 Determined by', value: e => h('span', { class: 'code' }, e.determinedBy) },
      { title: '有效期 Valid', value: e => `${cst(e.validFrom)} — ${cst(e.validUntil)}` },
      { title: '依据 Basis', value: e => (e.basisRecordIds ?? []).join(', ') },
      { title: '操作 Action', value: e => (ownField(e) ? withdraw(e, () => load(body, filter, claims, mineOnly)) : '') },
    ], entries.items, { empty: '无名单 No entries', rowAttrs: e => ({ 'data-entry': e.listEntryId }) })));
  } catch (error) {
    replace(body, problem(error));
  }
}

function withdraw(entry, reload) {
  const reason = h('input', { class: 'reason', placeholder: '撤销理由 reason', 'aria-label': '撤销理由 Reason' });
  const status = h('span');
  return h('form', { class: 'row-action', onsubmit: async e => {
    e.preventDefault();
    try {
      await api(`/api/v1/list-entries/${encodeURIComponent(entry.listEntryId)}/removal`, { method: 'POST', body: { reason: reason.value.trim() } });
      reload();
    } catch (error) {
      replace(status, problem(error));
    }
  } }, reason, h('button', { type: 'submit', class: 'danger' }, '撤销 Withdraw'), status);
}
