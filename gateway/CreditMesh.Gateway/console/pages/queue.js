// 修复与异议: the repair and objection queue with working-day deadlines and overdue flags (DESIGN §4.5);
// the deciding unit or the credit centre accepts, approves, denies and resolves here (谁认定、谁修复).
import { h, replace, table, badge, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';
import { statuses, label } from '../labels.js';

export function queuePage(main, { params, navigate, claims }) {
  const status = h('select', { id: 'queue-status' }, h('option', { value: '' }, '全部 all'),
    ['Submitted', 'Accepted', 'Approved', 'Denied', 'Rejected'].map(s => h('option', { value: s, selected: params.get('status') === s }, label(statuses, s))));
  const repairs = h('div', { id: 'repairs' }, h('p', { class: 'hint' }, '加载中… Loading…'));
  const objections = h('div', { id: 'objections' }, h('p', { class: 'hint' }, '加载中… Loading…'));
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '信用修复与异议 Repairs and objections'),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/queue?${query({ status: status.value })}`); } },
        field('修复状态 Repair status', status), h('button', { type: 'submit', id: 'queue-load' }, '刷新 Refresh'))),
    h('section', { class: 'card' }, h('h2', {}, '信用修复申请 Repair applications'), repairs),
    h('section', { class: 'card' }, h('h2', {}, '异议 Objections'), objections));
  const decides = claims.role === 'member-unit' || claims.role === 'credit-center';
  const unit = claims.role === 'member-unit' ? claims.unit : undefined;
  const reload = () => {
    loadRepairs(repairs, { status: params.get('status'), unit }, decides, reload);
    loadObjections(objections, { unit }, decides, reload);
  };
  reload();
}

const target = t => (t ? `${t.kind === 'ListEntry' ? '名单 ListEntry' : '记录 Record'} ${t.id}` : '—');
const deadline = (due, overdue) => [cst(due), overdue ? [' ', badge('逾期 Overdue', 'bad')] : ''];

async function loadRepairs(box, filter, decides, reload) {
  try {
    const queue = await api(`/api/v1/repairs?${query(filter)}`);
    replace(box, table([
      { title: '申请 Repair', value: r => h('span', { class: 'code' }, r.repairId) },
      { title: '主体 Subject', value: r => h('span', { class: 'code' }, r.subjectCode) },
      { title: '修复对象 Target', value: r => target(r.target) },
      { title: '状态 Status', value: r => badge(label(statuses, r.status), r.status === 'Approved' ? 'ok' : 'info') },
      { title: '决定期限 Decision due', value: r => deadline(r.decisionDue, r.overdue && r.status === 'Accepted') },
      { title: '反馈期限 Feedback due', value: r => deadline(r.feedbackDue, r.overdue) },
      { title: '操作 Action', value: r => (decides ? repairActions(r, reload) : '') },
    ], queue.items, { empty: '无修复申请 No repair applications', rowAttrs: r => ({ 'data-repair': r.repairId, class: r.overdue ? 'overdue' : null }) }));
  } catch (error) {
    replace(box, problem(error));
  }
}

function repairActions(repair, reload) {
  const id = encodeURIComponent(repair.repairId);
  const note = h('input', { class: 'reason', placeholder: '决定文号或理由 decision no. or reason', 'aria-label': '决定文号或理由 Decision number or reason' });
  const status = h('span');
  const act = (path, body) => async () => {
    try {
      await api(`/api/v1/repairs/${id}/${path}`, { method: 'POST', body });
      reload();
    } catch (error) {
      replace(status, problem(error));
    }
  };
  if (repair.status === 'Submitted')
    return h('div', { class: 'row-action' }, h('button', { type: 'button', class: 'accept', onclick: act('acceptance', {}) }, '受理 Accept'), status);
  if (repair.status !== 'Accepted') return '';
  return h('div', { class: 'row-action' }, note,
    h('button', { type: 'button', class: 'approve', onclick: () => act('decision', { approved: true, decisionNumber: note.value.trim() })() }, '准予修复 Approve'),
    h('button', { type: 'button', class: 'deny danger', onclick: () => act('decision', { approved: false, reason: note.value.trim() })() }, '不予修复 Deny'),
    status);
}

async function loadObjections(box, filter, decides, reload) {
  try {
    const objections = await api(`/api/v1/objections?${query(filter)}`);
    replace(box, table([
      { title: '异议 Objection', value: o => h('span', { class: 'code' }, o.objectionId) },
      { title: '主体 Subject', value: o => h('span', { class: 'code' }, o.subjectCode) },
      { title: '对象 Target', value: o => target(o.target) },
      { title: '理由 Grounds', value: o => o.grounds ?? '—' },
      { title: '状态 Status', value: o => badge(label(statuses, o.status), o.status === 'Open' ? 'warn' : 'muted') },
      { title: '期限 Due', value: o => deadline(o.decisionDue ?? o.feedbackDue, o.overdue) },
      { title: '操作 Action', value: o => (decides && o.status === 'Open' ? resolveActions(o, reload) : '') },
    ], objections.items, { empty: '无异议 No objections', rowAttrs: o => ({ 'data-objection': o.objectionId, class: o.overdue ? 'overdue' : null }) }));
  } catch (error) {
    replace(box, problem(error));
  }
}

function resolveActions(objection, reload) {
  const reason = h('input', { class: 'reason', placeholder: '处理理由 reason', 'aria-label': '处理理由 Reason' });
  const status = h('span');
  const resolve = (upheld, action) => async () => {
    try {
      await api(`/api/v1/objections/${encodeURIComponent(objection.objectionId)}/resolution`,
        { method: 'POST', body: { upheld, action, reason: reason.value.trim() } });
      reload();
    } catch (error) {
      replace(status, problem(error));
    }
  };
  return h('div', { class: 'row-action' }, reason,
    h('button', { type: 'button', class: 'uphold', onclick: resolve(true, 'Revoke') }, '异议成立·撤销 Uphold (revoke)'),
    h('button', { type: 'button', class: 'reject danger', onclick: resolve(false, 'None') }, '异议不成立 Reject'),
    status);
}
