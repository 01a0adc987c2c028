// Small inline-SVG charts (no library, nothing fetched): grouped bars and lines over categories.
const NS = 'http://www.w3.org/2000/svg';
const palette = ['#b81c22', '#1f5fa8', '#d98f00', '#2e8b57', '#6a4c93', '#5c6b73'];
const size = { width: 640, height: 260, left: 48, right: 16, top: 16, bottom: 56 };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(title, max, format) {
  const root = svg('svg', { viewBox: `0 0 ${size.width} ${size.height}`, class: 'chart', role: 'img', 'aria-label': title });
  root.append(svg('title', {}, title));
  const plotHeight = size.height - size.top - size.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = size.top + plotHeight - (plotHeight * i) / 4;
    root.append(svg('line', { x1: size.left, x2: size.width - size.right, y1: y, y2: y, class: 'gridline' }));
    root.append(svg('text', { x: size.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, format((max * i) / 4)));
  }
  return { root, plotHeight, plotWidth: size.width - size.left - size.right };
}

function legend(series) {
  const box = document.createElement('div');
  box.className = 'legend';
  series.forEach((s, i) => {
    const item = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = palette[i % palette.length];
    item.append(swatch, s.label);
    box.append(item);
  });
  return box;
}

function figure(title, chart, series) {
  const fig = document.createElement('figure');
  fig.className = 'chart-figure';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  fig.append(caption, chart, legend(series));
  return fig;
}

const count = v => String(Math.round(v));
export const percent = v => `${Math.round(v * 1000) / 10}%`;

/** Top of the scale: four whole-number steps for counts, whole tens of percent for rates; never zero. */
function niceMax(values, format) {
  const max = Math.max(0, ...values);
  return format === percent ? Math.max(0.1, Math.ceil(max * 10) / 10) : Math.max(4, Math.ceil(max / 4) * 4);
}

/** Bars grouped by category: series = [{ label, values: [number per category] }]. */
export function barChart(title, categories, series, format = count) {
  const max = niceMax(series.flatMap(s => s.values), format);
  const { root, plotHeight, plotWidth } = frame(title, max, format);
  const groupWidth = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, series.length));
  categories.forEach((category, c) => {
    const x0 = size.left + c * groupWidth + groupWidth * 0.1;
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      const height = (plotHeight * value) / max;
      const bar = svg('rect', { x: x0 + i * barWidth, y: size.top + plotHeight - height, width: barWidth - 1, height, fill: palette[i % palette.length], class: 'bar' });
      bar.append(svg('title', {}, `${category} · ${s.label}: ${format(value)}`));
      root.append(bar);
    });
    root.append(svg('text', { x: x0 + (groupWidth * 0.8) / 2, y: size.height - size.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, category));
  });
  return figure(title, root, series);
}

/** Lines over ordered categories (periods): series = [{ label, values }]; a null value leaves a gap. */
export function lineChart(title, categories, series, format = count) {
  const max = niceMax(series.flatMap(s => s.values.filter(v => v !== null)), format);
  const { root, plotHeight, plotWidth } = frame(title, max, format);
  const step = plotWidth / Math.max(1, categories.length - 1);
  const x = c => size.left + (categories.length === 1 ? plotWidth / 2 : c * step);
  const y = v => size.top + plotHeight - (plotHeight * v) / max;
  categories.forEach((category, c) =>
    root.append(svg('text', { x: x(c), y: size.height - size.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, category)));
  series.forEach((s, i) => {
    const colour = palette[i % palette.length];
    const points = s.values.map((v, c) => (v === null ? null : [x(c), y(v)]));
    const d = points.reduce((path, p, c) => (p ? `${path}${path && points[c - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : path), '');
    root.append(svg('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, class: 'line' }));
    points.forEach((p, c) => {
      if (!p) return;
      const dot = svg('circle', { cx: p[0], cy: p[1], r: 3, fill: colour, class: 'point' });
      dot.append(svg('title', {}, `${categories[c]} · ${s.label}: ${format(s.values[c])}`));
      root.append(dot);
    });
  });
  return figure(title, root, series);
}
