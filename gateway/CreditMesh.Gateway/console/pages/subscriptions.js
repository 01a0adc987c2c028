// 信息推送: an approval system (or member unit, the exchange client, the credit centre) manages its own subscriptions — create one
// (the signing secret is shown this once), cancel it — and reads each one's delivery log (DESIGN §4.10, §5.2).
import { h, replace, table, badge, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';
import { listTypes, label } from '../labels.js';

const events = {
  ListEntryActivated: '名单生效', ListEntryRemoved: '名单移出', EvaluationChanged: '评价变化', RecordDisclosed: '信息公示', RecordWithdrawn: '停止公示',
};
const deliveryKinds = { Delivered: 'ok', Pending: 'warn', Failed: 'bad' };

export function subscriptionsPage(main, { params, navigate }) {
  const list = h('div', { id: 'subscriptions-list' }, h('p', { class: 'hint' }, '查询中… Loading…'));
  const created = h('div', { id: 'subscription-created' });
  const deliveries = h('div', { id: 'deliveries' });
  replace(main, h('section', { class: 'card' }, h('h1', {}, '信息推送 Push subscriptions'), createForm(created, () => loadList(list, navigate))),
    created, list, deliveries);
  loadList(list, navigate);
  const selected = params.get('id');
  if (selected) loadDeliveries(deliveries, selected);
}

function createForm(created, reload) {
  const url = h('input', { id: 'subscription-url', size: 48, placeholder: 'https://approval.example.gov.cn/hooks' });
  const boxes = Object.entries(events).map(([k, v]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'event', value: k, checked: k === 'ListEntryActivated' }), ` ${v} ${k}`));
  const codes = h('textarea', { id: 'subscription-codes', rows: 3, placeholder: '主体代码，每行一个（可空）Subject codes, one a line (optional)' });
  const types = Object.entries(listTypes).map(([k, v]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'list-type', value: k }), ` ${v}`));
  const submit = async e => {
    e.preventDefault();
    const form = e.target;
    const chosen = name => [...form.querySelectorAll(`input[name='${name}']:checked`)].map(i => i.value);
    const subjectCodes = codes.value.split(/[\s,]+/).map(c => c.trim()).filter(Boolean);
    const body = { callbackUrl: url.value.trim(), events: chosen('event') };
    if (subjectCodes.length) body.subjectCodes = subjectCodes;
    if (chosen('list-type').length) body.listTypes = chosen('list-type');
    try {
      const s = await api('/api/v1/subscriptions', { method: 'POST', body });
      replace(created, h('section', { class: 'card', role: 'status' },
        h('h2', {}, '已订阅 Subscribed'),
        h('p', {}, '签名密钥只显示这一次，请妥善保存。 The signing secret is shown this once: store it now.'),
        h('dl', {}, h('dt', {}, '订阅 Subscription'), h('dd', { class: 'code' }, s.subscriptionId),
          h('dt', {}, '密钥 Secret'), h('dd', { class: 'code', id: 'subscription-secret' }, s.secret))));
      reload();
    } catch (error) {
      replace(created, problem(error));
    }
  };
  return h('form', { id: 'subscription-form', onsubmit: submit },
    field('回调地址 Callback URL', url),
    h('fieldset', {}, h('legend', {}, '事件 Events'), boxes),
    field('主体 Subjects', codes),
    h('fieldset', {}, h('legend', {}, '名单类型（可空）List types (optional)'), types),
    h('button', { type: 'submit', id: 'subscription-create' }, '订阅 Subscribe'));
}

async function loadList(list, navigate) {
  try {
    const answer = await api('/api/v1/subscriptions');
    replace(list, h('section', { class: 'card' }, h('h2', {}, '我的订阅 My subscriptions'), table([
      { title: '回调 Callback', value: s => h('span', { class: 'code' }, s.callbackUrl) },
      { title: '事件 Events', value: s => s.events.map(e => label(events, e)).join('、') },
      { title: '主体数 Subjects', value: s => (s.subjectCodeCount ? s.subjectCodeCount : '全部 all') },
      { title: '状态 Status', value: s => badge(s.status, s.status === 'Active' ? 'ok' : 'muted') },
      { title: '创建 Created', value: s => cst(s.createdAt) },
      { title: '操作 Action', value: s => h('span', { class: 'row-action' },
          h('button', { type: 'button', class: 'link', onclick: () => navigate(`#/subscriptions?${query({ id: s.subscriptionId })}`) }, '投递记录 Deliveries'),
          s.status === 'Active' ? h('button', { type: 'button', class: 'danger', onclick: () => cancel(s, list, navigate) }, '取消 Cancel') : null) },
    ], answer.items, { empty: '尚无订阅 No subscriptions yet', rowAttrs: s => ({ 'data-subscription': s.subscriptionId }) })));
  } catch (error) {
    replace(list, problem(error));
  }
}

async function cancel(subscription, list, navigate) {
  try {
    await api(`/api/v1/subscriptions/${encodeURIComponent(subscription.subscriptionId)}`, { method: 'DELETE' });
    await loadList(list, navigate);
  } catch (error) {
    replace(list, problem(error));
  }
}

async function loadDeliveries(box, id) {
  try {
    const log = await api(`/api/v1/subscriptions/${encodeURIComponent(id)}/deliveries`);
    replace(box, h('section', { class: 'card' },
      h('div', { class: 'toolbar' }, h('h2', {}, `投递记录 Deliveries · ${id}`),
        h('button', { type: 'button', id: 'deliveries-refresh', onclick: () => loadDeliveries(box, id) }, '刷新 Refresh')),
      table([
        { title: '投递 Delivery', value: d => h('span', { class: 'code' }, d.deliveryId) },
        { title: '事件 Event', value: d => label(events, d.event) },
        { title: '主体 Subject', value: d => h('span', { class: 'code' }, d.subjectCode) },
        { title: '状态 Status', value: d => badge(d.status, deliveryKinds[d.status] ?? 'muted') },
        { title: '尝试 Attempts', value: d => d.attempts },
        { title: '最近 Last attempt', value: d => [cst(d.lastAttemptAt), d.responseStatus ? ` · HTTP ${d.responseStatus}` : '', d.lastError ? ` · ${d.lastError}` : ''] },
      ], log.items, { empty: '尚无投递 No deliveries yet', rowAttrs: d => ({ 'data-delivery': d.deliveryId, 'data-status': d.status }) })));
  } catch (error) {
    replace(box, problem(error));
  }
}
