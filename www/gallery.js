// The Yangquan gallery's own page features (gallery.html loads this module, which imports
// the embed script): headline figure cards ([data-stdviz-figures]) and the example
// gallery (#examples). Pages that only embed charts load stdviz.js alone and carry none
// of this.

import { el, errorText, fetchSameOrigin, holdReady } from "./stdviz.js";

async function fillFigures(box) {
  try {
    const res = await fetchSameOrigin(box.getAttribute("data-stdviz-figures"));
    const doc = JSON.parse(await res.text());
    const rows = box.dataset.property ? doc[box.dataset.property] : doc;
    const cards = rows.map((row) => {
      const card = el("div", "figure");
      const value = el("div", "value", String(row[box.dataset.value]));
      value.append(el("span", "unit", String(row[box.dataset.unit] ?? "")));
      card.append(value, el("div", "label", String(row[box.dataset.label])));
      return card;
    });
    box.replaceChildren(...cards);
  } catch (e) {
    box.setAttribute("data-stdviz-state", "error");
    const err = el("div", "stdviz-error", `数字无法显示 / Figures could not be shown: ${errorText(e)}`);
    err.setAttribute("role", "alert");
    box.replaceChildren(err);
  }
}

// A section marked data-stdviz-examples="examples/index.json" lists every example spec
// instead of its own charts when the page's URL ends with #examples.
async function showExamples() {
  const section = document.querySelector("[data-stdviz-examples]");
  if (!section) return;
  addEventListener("hashchange", () => location.reload());
  if (location.hash !== "#examples") return;
  const res = await fetchSameOrigin(section.getAttribute("data-stdviz-examples"));
  const list = JSON.parse(await res.text());
  section.replaceChildren(
    ...list.examples.map((ex) => {
      const figure = el("figure", "chart-card");
      const box = el("div", "stdviz");
      box.setAttribute("data-stdviz", ex.spec);
      figure.append(box, el("figcaption", "example-caption", `${ex.description} (${ex.spec})`));
      return figure;
    }),
  );
}

// Evaluated before stdviz.js's first scan resumes: #examples replaces the section's
// charts before any is mounted; the figure cards are drawn alongside the charts, and
// html[data-stdviz-ready] waits for both.
holdReady(
  showExamples().catch((e) => console.error(e)),
  { beforeCharts: true },
);
holdReady(Promise.allSettled([...document.querySelectorAll("[data-stdviz-figures]")].map(fillFigures)));
