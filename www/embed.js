// embed.html: renders the chart named by ?spec= full-width and tells the parent page its
// height, so the host can size the <iframe> (see docs/EMBED.md).
import { render } from "./stdviz.js";

const params = new URLSearchParams(location.search);
const id = params.get("id");
const box = document.getElementById("chart");
const spec = params.get("spec");

let last = -1;
function postHeight() {
  const height = Math.ceil(box.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  // Only a number and the host's own id travel: nothing private, so any parent may read it.
  window.parent.postMessage({ type: "stdviz:height", height, id }, "*");
}

new ResizeObserver(postHeight).observe(box);

if (!spec) {
  box.textContent = "embed.html 需要 ?spec= 参数 / embed.html needs ?spec=specs/chart.json";
  postHeight();
} else {
  const handle = render(box, spec);
  handle.ready.then(postHeight, postHeight);
}
