// 信用档案: an auditor replays a subject across every service's events, as of any instant, with integrity status (DESIGN §4.6).
import { h, replace, table, badge, problem, cst, field } from '../dom.js';
import { api, query } from '../api.js';
import { rerunForm } from './rerun.js';
import { explanation } from '../evaluation.js';

export function timelinePage(main, { params, navigate, claims }) {
  const code = (params.get('code') ?? '').trim().toUpperCase();
  const input = h('input', { id: 'timeline-code', value: code, placeholder: '统一社会信用代码 Credit code', autocomplete: 'off' });
  const body = h('div', { id: 'timeline-body' });
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '信用档案 Credit archive timeline'),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/timeline?${query({ code: input.value.trim() })}`); } },
        field('主体代码 Subject code', input), h('button', { type: 'submit', id: 'timeline-load' }, '调阅 Load'))),
    body);
  if (code) new Timeline(body, code, claims).load();
}

class Timeline {
  constructor(body, code, claims) {
    Object.assign(this, { body, code, claims, events: [], checks: new Map(), selected: null });
  }

  async load() {
    replace(this.body, h('p', { class: 'hint' }, '调阅中… Loading…'));
    try {
      const now = await api(`/api/v1/subjects/${encodeURIComponent(this.code)}/history`);
      this.events = now.events;
      this.now = new Date(now.asOf).getTime();
      // Only auditors may verify (DESIGN §5); the credit centre sees the timeline without integrity marks.
      if (this.claims.role === 'auditor') {
        const verify = await api(`/api/v1/subjects/${encodeURIComponent(this.code)}/history/verify`);
        this.intact = verify.intact;
        this.checks = new Map(verify.streams.map(s => [s.stream, s]));
      }
      this.render(now);
      this.showEvaluation();
    } catch (error) {
      replace(this.body, problem(error));
    }
  }

  /** The slider has millisecond steps; an event's own instant is sent exactly (the API keeps microseconds), so the event counts. */
  async showAsOf(instantMs, exact = new Date(instantMs).toISOString()) {
    this.slider.value = String(instantMs);
    this.asOf = exact;
    replace(this.asOfLabel, '加载中… Loading…');
    try {
      this.renderState(await api(`/api/v1/subjects/${encodeURIComponent(this.code)}/history?${query({ asOf: exact })}`));
    } catch (error) {
      replace(this.stateBox, problem(error));
    }
    this.showEvaluation(exact);
  }

  /** The subject's evaluation (公共信用综合评价) now or as of the instant, under the model then in force, with its explanation. */
  async showEvaluation(asOf) {
    const ticket = (this.evaluationTicket = (this.evaluationTicket ?? 0) + 1); // the last instant asked for wins
    try {
      const evaluation = await api(`/api/v1/evaluations/${encodeURIComponent(this.code)}?${query({ asOf })}`);
      if (ticket !== this.evaluationTicket) return;
      replace(this.evaluationBox, h('h3', {}, '信用评价 Evaluation'), explanation(evaluation));
    } catch (error) {
      if (ticket !== this.evaluationTicket) return;
      replace(this.evaluationBox, h('h3', {}, '信用评价 Evaluation'),
        error.status === 404 ? h('p', { class: 'empty', id: 'evaluation-none' }, '此时点无评价 No evaluation at this instant') : problem(error));
    }
  }

  render(history) {
    const first = this.events.length ? new Date(this.events[0].at).getTime() - 1000 : this.now - 86_400_000;
    this.slider = h('input', { type: 'range', id: 'as-of', min: first, max: this.now, step: 1, value: this.now, 'aria-label': '时点 As of' });
    this.slider.addEventListener('change', () => this.showAsOf(Number(this.slider.value)));
    this.asOfLabel = h('span', { id: 'as-of-label' });
    this.stateBox = h('div', { id: 'state' });
    this.evaluationBox = h('div', { id: 'evaluation' }, h('p', { class: 'hint' }, '评价中… Evaluating…'));
    this.eventsBox = h('div', { id: 'events' });
    this.detailBox = h('aside', { id: 'event-detail', class: 'detail' }, h('p', { class: 'hint' }, '点击事件查看详情 Pick an event to see its detail'));
    replace(this.body,
      h('section', { class: 'card' },
        h('div', { class: 'toolbar' },
          h('h2', {}, `主体 Subject ${this.code}`),
          this.claims.role === 'auditor'
            ? h('span', { id: 'integrity' }, this.intact ? badge('哈希链完整 Hash chains intact', 'ok') : badge('发现篡改或缺失 Tampering or gap found', 'bad'))
            : null),
        h('div', { class: 'slider' }, h('span', {}, cst(Number(this.slider.min))), this.slider, h('span', {}, '现在 now')),
        h('p', {}, '时点 As of: ', this.asOfLabel),
        this.stateBox,
        this.evaluationBox),
      h('div', { class: 'split' }, h('section', { class: 'card' }, h('h3', {}, '事件 Events'), this.eventsBox), this.detailBox),
      this.claims.role === 'auditor' ? rerunForm(() => this.code, () => this.asOf ?? new Date(Number(this.slider.value)).toISOString()) : null);
    this.renderState(history);
  }

  renderState(history) {
    replace(this.asOfLabel, cst(history.asOf));
    const s = history.state;
    const group = (title, id, ids) => h('div', { class: 'state-group', id },
      h('strong', {}, `${title} (${ids.length})`), ids.length ? h('ul', {}, ids.map(x => h('li', { class: 'code' }, x))) : h('p', { class: 'empty' }, '无 none'));
    replace(this.stateBox, h('div', { class: 'state' },
      group('公示中的记录 Disclosed records', 'state-records', s.disclosedRecords),
      group('有效名单 Active list entries', 'state-entries', s.activeListEntries),
      group('进行中的修复 Open repairs', 'state-repairs', s.openRepairs),
      group('进行中的异议 Open objections', 'state-objections', s.openObjections)));
    replace(this.eventsBox, table([
      { title: '时间 At (CST)', value: e => cst(e.at) },
      { title: '类型 Type', value: e => e.type },
      { title: '流 Stream', value: e => h('span', { class: 'code' }, `${e.stream} v${e.version}`) },
      { title: '摘要 Summary', value: e => e.summary },
      { title: '完整性 Integrity', value: e => this.integrity(e) },
    ], history.events, {
      empty: '此时点前无事件 No events before this instant',
      rowAttrs: e => ({ class: 'event', 'data-type': e.type, tabindex: 0, onclick: () => this.select(e) }),
    }));
  }

  integrity(event) {
    const check = this.checks.get(event.stream);
    if (!check) return '—';
    if (check.intact) return badge('完整 intact', 'ok');
    return event.version >= check.firstBrokenVersion ? badge(`损坏 broken from v${check.firstBrokenVersion}`, 'bad') : badge('完整 intact', 'ok');
  }

  select(event) {
    replace(this.detailBox,
      h('h3', {}, '事件详情 Event detail'),
      h('dl', {}, [
        ['时间 At', cst(event.at)], ['类型 Type', event.type], ['来源流 Source stream', event.stream], ['版本 Version', event.version],
        ['操作人 Actor', event.actor ?? '—'], ['摘要 Summary', event.summary]].map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
      h('p', {}, '完整性 Integrity: ', this.integrity(event)),
      h('button', { type: 'button', id: 'state-at-event', onclick: () => this.showAsOf(new Date(event.at).getTime(), event.at) },
        '查看此刻状态 State as of this event'));
  }
}
