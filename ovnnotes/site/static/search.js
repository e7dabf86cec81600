// Search for the ovnnotes site: Pagefind's own index and search API (pagefind/pagefind.js), run
// in the browser. Nothing leaves the site: the index is fetched from the same folder.
// Results show the meeting, the topic the match is under (context) and an excerpt (snippet).
const root = new URL("../", import.meta.url);
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("results");
let pagefind = null;
let latest = 0;

async function engine() {
  if (pagefind === null) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
  }
  return pagefind;
}

// Pagefind excerpts are HTML: escaped text with <mark> around the matches. Copy only the text
// and the <mark> elements, so that nothing else from the index can become markup.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createElement("p");
  out.className = "excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function link(url, text) {
  const a = document.createElement("a");
  a.href = url;
  a.textContent = text;
  return a;
}

async function run(query) {
  const mine = ++latest;
  list.replaceChildren();
  if (!query.trim()) {
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = "Searching…";
  let found;
  try {
    found = await (await engine()).search(query);
  } catch (error) {
    statusLine.textContent = "Search failed to load its index: " + error.message;
    return;
  }
  const shown = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  if (mine !== latest) return;
  const count = found.results.length;
  statusLine.textContent = (count === 1 ? "1 meeting found" : `${count} meetings found`)
    + (count > shown.length ? ` (the first ${shown.length} shown)` : "");
  for (const data of shown) {
    const item = document.createElement("li");
    item.className = "result";
    const heading = document.createElement("h2");
    heading.append(link(data.url, data.meta.title || data.url));
    item.append(heading);
    const subs = (data.sub_results || []).filter((sub) => sub.url !== data.url).slice(0, 3);
    if (subs.length === 0) {
      item.append(excerpt(data.excerpt));
    }
    for (const sub of subs) {
      const context = document.createElement("p");
      context.className = "context";
      context.append(link(sub.url, sub.title));
      item.append(context, excerpt(sub.excerpt));
    }
    list.append(item);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  run(input.value);
});

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 250);
});

const initial = new URL(window.location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
