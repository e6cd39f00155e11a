// Callout console: the little script the pages need. No inline scripts (the Content-Security-Policy
// forbids them); behaviour is attached to elements by data attributes.
"use strict";

// <time datetime="ISO"> elements show in the viewer's own time zone.
function localizeTimes(root) {
  for (const el of root.querySelectorAll("time[datetime]")) {
    const when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) {
      el.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
      el.title = el.getAttribute("datetime");
    }
  }
}

document.addEventListener("DOMContentLoaded", () => localizeTimes(document));

// <select data-submit-on-change> submits its form when changed (the region picker).
document.addEventListener("change", e => {
  if (e.target.matches("select[data-submit-on-change]")) {
    e.target.form.submit();
  }
});

// Live regions: <section data-live-src="/console/..." data-live-every="3000"> is replaced, every so
// often, by the HTML fragment its URL answers, while the page is visible. A failed fetch leaves the
// last content and tries again; a sign-in that expired reloads the page (to the sign-in).
function startLive(el) {
  const every = Number(el.dataset.liveEvery || 3000);
  const tick = async () => {
    if (document.visibilityState === "visible") {
      try {
        const answer = await fetch(el.dataset.liveSrc, { headers: { "Accept": "text/html" }, redirect: "manual", cache: "no-store" });
        if (answer.type === "opaqueredirect" || answer.status === 401) {
          location.reload();
          return;
        }
        if (answer.ok) {
          el.innerHTML = await answer.text();
          localizeTimes(el);
          el.dispatchEvent(new CustomEvent("live-updated", { bubbles: true }));
        }
      } catch {
        // The server may be restarting; the next tick tries again.
      }
    }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
}

document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-live-src]").forEach(startLive));
