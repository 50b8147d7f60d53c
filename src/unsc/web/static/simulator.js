// The vote simulator: each seat is a button; pressing it cycles the seat's vote and asks
// GET /api/decide for the outcome. No build step: plain JavaScript, progressive enhancement.
"use strict";
(function () {
  const sim = document.getElementById("sim");
  if (!sim) return;
  const cycle = sim.dataset.cycle.split(",");
  const labels = { yes: "Yes", no: "No", abstain: "Abstain", not_voting: "Not voting", absent: "Absent" };
  const outcome = document.getElementById("outcome");
  const jsonLink = document.getElementById("sim-json");
  const seats = Array.from(sim.querySelectorAll("button.seat"));
  let pending = null;

  function params() {
    const p = new URLSearchParams();
    if (sim.dataset.date) p.set("date", sim.dataset.date);
    if (sim.dataset.council) p.set("council", sim.dataset.council);
    if (sim.dataset.matter) p.set("matter", sim.dataset.matter);
    for (const vote of cycle) {
      if (vote === "yes") continue;
      const ids = seats.filter((b) => b.dataset.vote === vote).map((b) => b.dataset.id);
      if (ids.length) p.set(vote, ids.join(","));
    }
    return p;
  }

  function setVote(button, vote) {
    button.dataset.vote = vote;
    for (const v of cycle) button.classList.remove("vote-" + v);
    button.classList.add("vote-" + vote);
    button.querySelector(".vote").textContent = labels[vote];
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(d) {
    const box = el("div", "outcome outcome-" + d.outcome);
    const verdict = el("p", "verdict");
    const strong = el("strong", "", d.outcome.charAt(0).toUpperCase() + d.outcome.slice(1));
    verdict.appendChild(strong);
    let tally = " · " + d.yes + " yes, " + d.no + " no, " + d.abstain + " abstaining";
    if (d.not_voting) tally += ", " + d.not_voting + " not voting";
    if (d.absent) tally += ", " + d.absent + " absent";
    verdict.appendChild(document.createTextNode(tally + " · " + d.required + " required"));
    box.appendChild(verdict);
    box.appendChild(el("p", "explanation", d.explanation));
    if (d.notes && d.notes.length) {
      const ul = el("ul", "notes");
      for (const n of d.notes) ul.appendChild(el("li", "", n));
      box.appendChild(ul);
    }
    outcome.replaceChildren(box);
  }

  function showError(e) {
    outcome.replaceChildren(el("div", "outcome notice", e.message || String(e)));
  }

  async function update() {
    const p = params();
    const api = "/api/decide?" + p.toString();
    jsonLink.href = api;
    const page = new URL(window.location.href);
    page.search = p.toString();
    window.history.replaceState(null, "", page);
    if (pending) pending.abort();
    pending = new AbortController();
    sim.setAttribute("aria-busy", "true");
    try {
      const r = await fetch(api, { signal: pending.signal, headers: { Accept: "application/json" } });
      const body = await r.json();
      if (!r.ok) throw new Error(body.message || "error " + r.status);
      show(body);
      sim.dataset.outcome = body.outcome;
      document.dispatchEvent(new CustomEvent("unsc:decided", { detail: body }));
    } catch (e) {
      if (e.name !== "AbortError") showError(e);
    } finally {
      sim.removeAttribute("aria-busy");
    }
  }

  for (const button of seats) {
    button.addEventListener("click", () => {
      const next = cycle[(cycle.indexOf(button.dataset.vote) + 1) % cycle.length];
      setVote(button, next);
      update();
    });
  }
  const allYes = document.getElementById("all-yes");
  if (allYes) {
    allYes.addEventListener("click", () => {
      for (const b of seats) setVote(b, "yes");
      update();
    });
  }
  // The set-up form reloads the page as soon as a choice changes.
  const setup = document.getElementById("setup");
  if (setup) {
    for (const field of setup.querySelectorAll("select, input")) {
      field.addEventListener("change", () => setup.requestSubmit());
    }
  }
  window.unscSimulator = { update, seats };
})();
