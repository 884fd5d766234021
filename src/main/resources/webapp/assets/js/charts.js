// Small SVG charts drawn with presentation attributes (no inline styles, which the page's
// CSP forbids). Each chart carries a title and a description, and a table with the same
// numbers follows it for screen readers and for copying.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6d28d9', '#0f766e'];

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, String(v)));
  children.flat().forEach(child => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

function frame(title, width, height) {
  const id = `c${Math.random().toString(36).slice(2, 8)}`;
  return s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t`, class: 'chart' },
    s('title', { id: `${id}-t` }, title));
}

/** Grouped bars: rows [{label, values: {series: n}}], series names in order. */
export function bars(title, rows, series) {
  const width = 640, height = 260, left = 40, bottom = 40, top = 16;
  const max = Math.max(4, ...rows.flatMap(row => series.map(name => row.values[name] || 0)));
  const svg = frame(title, width, height);
  const band = (width - left - 10) / Math.max(1, rows.length);
  const bar = Math.max(2, (band - 8) / series.length);
  for (let i = 0; i <= 4; i++) {
    const y = top + (height - top - bottom) * (1 - i / 4);
    svg.append(s('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#d1d5db' }),
      s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#374151' }, Math.round(max * i / 4)));
  }
  rows.forEach((row, i) => {
    series.forEach((name, j) => {
      const value = row.values[name] || 0;
      const barHeight = (height - top - bottom) * value / max;
      svg.append(s('rect', { x: left + i * band + 4 + j * bar, y: height - bottom - barHeight, width: bar - 1, height: barHeight, fill: PALETTE[j % PALETTE.length] },
        s('title', {}, `${row.label} · ${name}: ${value}`)));
    });
    svg.append(s('text', { x: left + i * band + band / 2, y: height - bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#111827' },
      String(row.label).slice(0, 14)));
  });
  series.forEach((name, j) => svg.append(
    s('rect', { x: left + j * 110, y: height - 14, width: 10, height: 10, fill: PALETTE[j % PALETTE.length] }),
    s('text', { x: left + j * 110 + 14, y: height - 5, 'font-size': 11, fill: '#111827' }, name)));
  return h('figure', { class: 'chart-box' }, svg, table(title, rows.map(row => [row.label, ...series.map(name => row.values[name] || 0)]), ['', ...series]));
}

/** A line over points [{label, value}]. */
export function line(title, points, { color = PALETTE[0], unit = '' } = {}) {
  const width = 640, height = 200, left = 40, bottom = 30, top = 12;
  const max = Math.max(1, ...points.map(p => p.value));
  const svg = frame(title, width, height);
  const step = (width - left - 10) / Math.max(1, points.length - 1);
  const xy = points.map((p, i) => [left + i * step, top + (height - top - bottom) * (1 - p.value / max)]);
  svg.append(s('line', { x1: left, x2: width, y1: height - bottom, y2: height - bottom, stroke: '#9ca3af' }),
    s('text', { x: left - 6, y: top + 8, 'text-anchor': 'end', 'font-size': 11, fill: '#374151' }, `${+max.toFixed(2)}${unit}`));
  if (xy.length) svg.append(s('polyline', { points: xy.map(p => p.join(',')).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
  xy.forEach(([x, y], i) => svg.append(s('circle', { cx: x, cy: y, r: 3, fill: color }, s('title', {}, `${points[i].label}: ${points[i].value}${unit}`))));
  if (points.length) {
    svg.append(s('text', { x: left, y: height - 8, 'font-size': 11, fill: '#374151' }, points[0].label),
      s('text', { x: width - 10, y: height - 8, 'text-anchor': 'end', 'font-size': 11, fill: '#374151' }, points[points.length - 1].label));
  }
  return h('figure', { class: 'chart-box' }, svg, table(title, points.map(p => [p.label, p.value]), ['', 'value']));
}

function table(title, rows, head) {
  return h('details', { class: 'chart-data' }, h('summary', {}, `${title}: the numbers`),
    h('table', {}, h('thead', {}, h('tr', {}, head.map(cell => h('th', { scope: 'col' }, cell)))),
      h('tbody', {}, rows.map(row => h('tr', {}, row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))))))));
}
