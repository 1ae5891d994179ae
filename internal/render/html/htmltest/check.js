// The checks Axe runs in the page besides axe-core's. Each returns plain
// data for the Go side.
window.goldenthread = {
  // describe names an element for a message.
  describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (el.className && typeof el.className === "string") s += "." + el.className.trim().split(/\s+/).join(".");
    return s;
  },

  // skip reports the element the first Tab focused: whether it is a link
  // to the page's main content, and whether it is shown inside the
  // viewport.
  skip() {
    const el = document.activeElement;
    const href = el && el.getAttribute("href") || "";
    const target = href.startsWith("#") ? document.getElementById(href.slice(1)) : null;
    const focused = el && el.tagName === "A" && target !== null && target.matches("main, [role=main]");
    let visible = false;
    if (el && el !== document.body) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      visible = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
        r.bottom <= innerHeight && r.right <= innerWidth && cs.visibility !== "hidden" && cs.opacity !== "0";
    }
    return {focused: !!focused, visible, href};
  },

  // reflow reports whether the page scrolls sideways, and which elements
  // reach past the page's width outside a scrolling container.
  reflow() {
    const root = document.documentElement;
    const width = root.clientWidth;
    const wide = [];
    const scrolls = el => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && !scrolls(el) && wide.length < 10) wide.push(this.describe(el));
    }
    // Text too long to wrap runs out of its element, which stays narrow.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && wide.length < 10; n = walker.nextNode()) {
      range.selectNodeContents(n);
      if (range.getBoundingClientRect().right > width + 0.5 && !scrolls(n)) {
        wide.push(this.describe(n.parentElement) + ` (text "${n.textContent.trim().slice(0, 40)}")`);
      }
    }
    return {scrollWidth: root.scrollWidth, clientWidth: width, wide};
  },

  // printed lists what is shown in print but should not be: navigation
  // and the skip link (the first link in the body).
  printed() {
    const out = [];
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    for (const el of document.querySelectorAll("nav")) if (shown(el)) out.push(this.describe(el));
    const first = document.body.querySelector("a[href]");
    if (first && first.getAttribute("href").startsWith("#") && shown(first)) out.push(this.describe(first) + " (skip link)");
    return out;
  },
};
