// Builds DOM nodes from data: text always goes in as text, never as HTML, so nothing from the API can inject markup.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A table from column definitions [{ title, value: item => node|text }] and items; `empty` when there are none. */
export function table(columns, items, { empty = '暂无数据 No data', rowAttrs } = {}) {
  if (!items.length) return h('p', { class: 'empty' }, empty);
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.title)))),
    h('tbody', {}, items.map(item => h('tr', rowAttrs ? rowAttrs(item) : {}, columns.map(c => h('td', {}, c.value(item)))))));
}

export function badge(text, kind = 'info') {
  return h('span', { class: `badge ${kind}` }, text);
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** Shows an API problem (ProblemDetails) or any error where the page's results would be. */
export function problem(error) {
  const details = error?.problem;
  const fields = details?.errors ? Object.entries(details.errors).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`) : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, details?.title ?? '出错了 Error'), ' ', details?.detail ?? error?.message ?? String(error),
    fields.length ? h('ul', {}, fields.map(f => h('li', {}, f))) : null);
}

/** China Standard Time, as the platform shows every instant (DESIGN §5). */
export function cst(instant) {
  if (!instant) return '—';
  const d = new Date(new Date(instant).getTime() + 8 * 3600_000);
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

export function todayCst(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
