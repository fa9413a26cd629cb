// ECharts 6 option builders, one per chart kind of bench/compare/charts.mjs (`echarts` key),
// and for each kind the ECharts modules its page registers (`uses`): build.mjs bundles one
// page per chart with only those modules (tree-shaken per page by esbuild).
//
// Each builder gets the Vega-Lite spec (the same file the other pages draw) and the data
// rows, and returns an option that draws the same chart: same title and subtitle, axis
// titles, category order, colours (Vega's tableau10), source or note line, plot height the
// spec's `height`. What stdviz does on hover, every option does too: a tooltip and the other
// marks dimmed (`emphasis.focus`). Animation is off: stdviz and Vega draw the final frame at
// once, and ECharts' 'finished' event would otherwise wait for its ~1 s entry animation.
// Builders must be cheap to call again: the update metric calls them with new rows.

/** ECharts modules per kind (names exported by echarts/charts and echarts/components). */
export const USES = {
  bar: { charts: ['BarChart'], components: ['TitleComponent', 'GridComponent', 'TooltipComponent', 'GraphicComponent', 'AriaComponent'] },
  donut: { charts: ['PieChart'], components: ['TitleComponent', 'LegendComponent', 'TooltipComponent', 'GraphicComponent', 'AriaComponent'] },
  line: {
    charts: ['LineChart'],
    components: ['TitleComponent', 'GridComponent', 'LegendComponent', 'TooltipComponent', 'GraphicComponent', 'AriaComponent'],
  },
  stacked: {
    charts: ['BarChart'],
    components: ['TitleComponent', 'GridComponent', 'LegendComponent', 'TooltipComponent', 'GraphicComponent', 'AriaComponent'],
  },
  scatter: { charts: ['ScatterChart'], components: ['TitleComponent', 'GridComponent', 'TooltipComponent', 'GraphicComponent', 'AriaComponent'] },
};

// Vega's default categorical palette, which stdviz's theme also uses.
const TABLEAU10 = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const TOP = 84; // title + subtitle + the y-axis name

function common(spec) {
  const t = spec.title || {};
  const meta = (spec.usermeta && spec.usermeta.stdviz) || {};
  const foot = meta.source || meta.note;
  return {
    animation: false,
    color: TABLEAU10,
    textStyle: { fontFamily: FONT },
    aria: { enabled: true },
    tooltip: { trigger: 'item', transitionDuration: 0 },
    title: {
      text: typeof t === 'string' ? t : t.text,
      subtext: t.subtitle,
      left: t.anchor === 'start' || !t.anchor ? 8 : 'center',
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 'bold', color: '#1f2328' },
      subtextStyle: { fontSize: 12, color: '#4d5560' },
    },
    graphic: foot
      ? [{ type: 'text', left: 8, bottom: 6, style: { text: foot, width: 580, overflow: 'break', fontSize: 11, fill: '#4d5560', fontFamily: FONT } }]
      : [],
  };
}

function axisTitle(enc) {
  if (enc.axis && 'title' in enc.axis) return enc.axis.title ?? undefined;
  return enc.title ?? enc.field;
}

/** Distinct values of `field` in the order the spec asks for (data order, a list, or ascending). */
function ordered(rows, field, sort) {
  const values = [...new Set(rows.map((r) => r[field]))];
  if (Array.isArray(sort)) return [...sort.filter((v) => values.includes(v)), ...values.filter((v) => !sort.includes(v))];
  if (sort === null) return values;
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // Vega-Lite's default: ascending
}

const plotHeight = (spec) => (typeof spec.height === 'number' ? spec.height : 240);

/** Sum of `value` per distinct (`a`, `b`) pair, as a Map keyed "a\u0000b". */
function sums(rows, a, b, value) {
  const m = new Map();
  for (const r of rows) {
    const k = `${r[a]}\u0000${b ? r[b] : ''}`;
    m.set(k, (m.get(k) || 0) + Number(r[value]));
  }
  return m;
}

const legend = (names) => ({ type: 'plain', orient: 'vertical', right: 8, top: TOP, data: names });

export const BUILDERS = {
  // Vertical bars: x nominal, y quantitative (summed per category).
  bar(spec, rows) {
    const { x, y } = spec.encoding;
    const cats = ordered(rows, x.field, x.sort);
    const s = sums(rows, x.field, null, y.field);
    const radius = (spec.mark && spec.mark.cornerRadius) || 0;
    return {
      ...common(spec),
      grid: { left: 64, right: 16, top: TOP, height: plotHeight(spec) },
      xAxis: { type: 'category', data: cats, name: axisTitle(x), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', name: axisTitle(y), nameLocation: 'middle', nameGap: 44 },
      series: [
        {
          type: 'bar',
          data: cats.map((c) => s.get(`${c}\u0000`)),
          itemStyle: { color: TABLEAU10[0], borderRadius: [radius, radius, 0, 0] },
          emphasis: { focus: 'self' },
        },
      ],
    };
  },

  // Donut: theta quantitative, colour nominal with an explicit order; legend on the right.
  donut(spec, rows) {
    const { theta, color } = spec.encoding;
    const cats = ordered(rows, color.field, color.sort);
    const s = sums(rows, color.field, null, theta.field);
    return {
      ...common(spec),
      legend: { ...legend(cats), top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          center: ['40%', '55%'],
          label: { show: false },
          emphasis: { focus: 'self', scale: false },
          data: cats.map((c) => ({ name: c, value: s.get(`${c}\u0000`) })),
        },
      ],
    };
  },

  // One line per colour value: x and y quantitative. The axis tooltip (ECharts' usual line
  // hover) with the hovered series emphasised.
  line(spec, rows) {
    const { x, y, color } = spec.encoding;
    const names = ordered(rows, color.field, color.sort);
    const by = new Map(names.map((n) => [n, []]));
    for (const r of rows) by.get(r[color.field]).push([Number(r[x.field]), Number(r[y.field])]);
    const zero = !(y.scale && y.scale.zero === false);
    return {
      ...common(spec),
      tooltip: { trigger: 'axis', transitionDuration: 0 },
      legend: legend(names),
      grid: { left: 64, right: 150, top: TOP, height: plotHeight(spec) },
      xAxis: { type: 'value', name: axisTitle(x), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: axisTitle(y), scale: !zero },
      series: names.map((n) => ({
        type: 'line',
        name: n,
        data: by.get(n),
        showSymbol: false,
        lineStyle: { width: 2 },
        emphasis: { focus: 'series' },
      })),
    };
  },

  // Bars stacked by the colour field: one series per colour value, categories on x.
  stacked(spec, rows) {
    const { x, y, color } = spec.encoding;
    const cats = ordered(rows, x.field, x.sort);
    const names = ordered(rows, color.field, color.sort);
    const s = sums(rows, x.field, color.field, y.field);
    return {
      ...common(spec),
      legend: legend(names),
      grid: { left: 64, right: 130, top: TOP, height: plotHeight(spec) },
      xAxis: { type: 'category', data: cats, name: axisTitle(x), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: axisTitle(y) },
      series: names.map((n) => ({
        type: 'bar',
        name: n,
        stack: 'total',
        data: cats.map((c) => s.get(`${c}\u0000${n}`) ?? 0),
        emphasis: { focus: 'self' },
      })),
    };
  },

  // Points: x and y quantitative. `large` is ECharts' mode for big scatters (one path for
  // all points); progressive rendering off, so all points are drawn in the first frame.
  scatter(spec, rows) {
    const { x, y } = spec.encoding;
    const data = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) data[i] = [Number(rows[i][x.field]), Number(rows[i][y.field])];
    return {
      ...common(spec),
      grid: { left: 64, right: 16, top: TOP, height: plotHeight(spec) },
      xAxis: { type: 'value', name: axisTitle(x), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: axisTitle(y) },
      series: [
        {
          type: 'scatter',
          data,
          symbolSize: 6, // Vega-Lite's default point size, 30 px², is about 6 px across
          itemStyle: { opacity: 0.7 },
          large: true,
          progressive: 0,
          emphasis: { focus: 'self' },
        },
      ],
    };
  },
};
