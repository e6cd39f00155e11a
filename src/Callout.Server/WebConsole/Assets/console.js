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

// ---- Copy buttons (response plans' integrations) ----
// <button data-copy="ID"> copies the text of the element with that id: a new integration's key,
// URL and configuration snippets. The button says "Copied" for a moment.
document.addEventListener("click", async e => {
  const button = e.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const source = document.getElementById(button.dataset.copy);
  if (!source) {
    return;
  }
  try {
    await navigator.clipboard.writeText(source.textContent);
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  } catch {
    // No clipboard (plain HTTP off loopback): select the text so the person can copy it.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
});
