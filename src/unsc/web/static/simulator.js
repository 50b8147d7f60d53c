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
    const twin = document.querySelector("a.twin");
    if (twin) {
      twin.href = api;
      twin.textContent = "";
      const code = document.createElement("code");
      code.textContent = api;
      twin.appendChild(code);
    }
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

// Forecast the seats the user has not set: POST /api/forecast with the set seats as assumed.
(function () {
  const form = document.getElementById("forecast-form");
  const sim = document.getElementById("sim");
  if (!form || !sim) return;
  const body = document.getElementById("forecast-body");
  const pct = (p) => (p * 100 < 1 && p > 0 ? "<1" : Math.round(p * 100)) + "%";
  const seats = () => Array.from(sim.querySelectorAll("button.seat"));
  for (const b of seats()) b.addEventListener("click", () => (b.dataset.set = "true"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const assume = {};
    for (const b of seats()) if (b.dataset.set === "true") assume[b.dataset.id] = b.dataset.vote;
    const request = {
      date: sim.dataset.date,
      agenda: document.getElementById("fc-agenda").value,
      matter: sim.dataset.matter || "substantive",
      assume: assume,
    };
    body.textContent = "Forecasting… (the first forecast after a record build trains the model)";
    sim.dataset.forecast = "pending";
    try {
      const r = await fetch("/api/forecast", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(request),
      });
      const f = await r.json();
      if (!r.ok) throw new Error(f.message || "error " + r.status);
      for (const b of seats()) {
        const m = f.members[b.dataset.id];
        const odds = b.querySelector(".odds");
        if (!odds) continue;
        odds.textContent = m && b.dataset.set !== "true"
          ? "yes " + pct(m.yes) + " · no " + pct(m.no) + " · abst. " + pct(m.abstain)
          : "";
      }
      const o = f.outcome;
      const p = document.createElement("p");
      p.className = "verdict";
      p.textContent = "Adopted " + pct(o.adopted) + " · vetoed " + pct(o.vetoed) + " · failed " + pct(o.failed);
      const who = Object.entries(o.vetoed_by).filter(([, v]) => v >= 0.01)
        .sort((a, b) => b[1] - a[1]).map(([c, v]) => c + " " + pct(v)).join(", ");
      const note = document.createElement("p");
      note.className = "hint";
      note.textContent = (who ? "Veto by: " + who + ". " : "") + "Model " + f.model_id +
        ", trained on the record through " + f.trained_through + ".";
      const parts = [p, note];
      const pivotal = (f.pivotal || []).filter((x) => x.swing >= 0.05).slice(0, 5);
      if (pivotal.length) {
        const piv = document.createElement("p");
        piv.textContent = "Pivotal: " + pivotal.map((x) =>
          x.member + " (adoption " + pct(x.adopted_if.yes ?? 0) + " if yes, " +
          pct(x.adopted_if.no ?? 0) + " if no)").join("; ") + ".";
        parts.push(piv);
      }
      body.replaceChildren(...parts);
      sim.dataset.forecast = "done";
    } catch (e) {
      body.textContent = e.message || String(e);
      sim.dataset.forecast = "error";
    }
  });
})();
