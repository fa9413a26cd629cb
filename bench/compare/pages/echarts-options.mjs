// ECharts 6 option builders, one per chart kind of bench/compare/charts.mjs (`echarts` key),
// and the ECharts modules the page registers (USE): only what these options use.
//
// Each builder gets the Vega-Lite spec (the same file the other pages draw) and the data
// rows, and returns an option that draws the same chart: same title and subtitle, axis
// titles, category order, colours (Vega's tableau10), source line, plot height about the
// spec's `height`. Animation is off: stdviz and Vega draw the final frame at once, and
// ECharts' 'finished' event would otherwise wait for its ~1 s entry animation.

import { BarChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';

export const USE = [
  BarChart,
  PieChart,
  TitleComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  GraphicComponent,
  AriaComponent,
];

// Vega's default categorical palette, which stdviz's theme also uses.
const TABLEAU10 = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

function common(spec) {
  const t = spec.title || {};
  const meta = (spec.usermeta && spec.usermeta.stdviz) || {};
  return {
    animation: false,
    color: TABLEAU10,
    textStyle: { fontFamily: FONT },
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    title: {
      text: typeof t === 'string' ? t : t.text,
      subtext: t.subtitle,
      left: t.anchor === 'start' || !t.anchor ? 8 : 'center',
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 'bold', color: '#1f2328' },
      subtextStyle: { fontSize: 12, color: '#4d5560' },
    },
    graphic: meta.source
      ? [{ type: 'text', left: 8, bottom: 6, style: { text: meta.source, fontSize: 11, fill: '#4d5560', fontFamily: FONT } }]
      : [],
  };
}

function axisTitle(enc) {
  if (enc.axis && 'title' in enc.axis) return enc.axis.title ?? undefined;
  return enc.title ?? enc.field;
}

function ordered(rows, field, sort) {
  const values = [...new Set(rows.map((r) => r[field]))];
  if (Array.isArray(sort)) return [...sort.filter((v) => values.includes(v)), ...values.filter((v) => !sort.includes(v))];
  return values; // sort: null (data order); other sorts are not needed yet
}

export const BUILDERS = {
  // Vertical bars: x nominal, y quantitative (summed per category).
  bar(spec, rows) {
    const { x, y } = spec.encoding;
    const cats = ordered(rows, x.field, x.sort);
    const sums = cats.map((c) => rows.filter((r) => r[x.field] === c).reduce((s, r) => s + Number(r[y.field]), 0));
    const radius = (spec.mark && spec.mark.cornerRadius) || 0;
    const plotHeight = typeof spec.height === 'number' ? spec.height : 240;
    return {
      ...common(spec),
      grid: { left: 64, right: 16, top: 72, height: plotHeight },
      xAxis: { type: 'category', data: cats, name: axisTitle(x), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', name: axisTitle(y), nameLocation: 'middle', nameGap: 44 },
      series: [{ type: 'bar', data: sums, itemStyle: { color: TABLEAU10[0], borderRadius: [radius, radius, 0, 0] } }],
    };
  },

  // Donut: theta quantitative, colour nominal with an explicit order; legend on the right.
  donut(spec, rows) {
    const { theta, color } = spec.encoding;
    const cats = ordered(rows, color.field, color.sort);
    const data = cats.map((c) => ({
      name: c,
      value: rows.filter((r) => r[color.field] === c).reduce((s, r) => s + Number(r[theta.field]), 0),
    }));
    return {
      ...common(spec),
      legend: { orient: 'vertical', right: 16, top: 'middle', data: cats },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          center: ['40%', '55%'],
          label: { show: false },
          data,
        },
      ],
    };
  },
};
