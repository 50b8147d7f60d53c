// A live Council session: the link's token (after "#") goes only in the Authorization header.
// The page reads the whole state (GET), then follows the live channel (server-sent events read
// with fetch, so the token stays in a header); after a dropped connection it reads the state
// again and reconnects, so nothing is lost. Every text from the server is set as textContent.
(function () {
  "use strict";
  const root = document.getElementById("session");
  if (!root) return;
  const sid = root.dataset.session;
  const token = decodeURIComponent(location.hash.slice(1));
  const $ = (id) => document.getElementById(id);
  const LABEL = { yes: "Yes", no: "No", abstain: "Abstain", not_voting: "Not voting", absent: "Absent" };
  let viewer = null;
  let state = null;
  let seq = 0;
  let lastTally = "";

  function setConnection(text, bad) {
    const el = $("connection");
    el.textContent = text;
    el.classList.toggle("bad", !!bad);
  }

  async function api(method, path, body) {
    const init = { method, headers: { Authorization: "Bearer " + token }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    const data = await r.json().catch(() => null);
    if (!r.ok) {
      const err = new Error((data && data.message) || "HTTP " + r.status);
      err.status = r.status;
      throw err;
    }
    return data;
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function names() {
    const m = {};
    for (const d of state.delegations) m[d.code] = d.name;
    return m;
  }

  function currentQuestion() {
    if (state.current !== null) return state.questions.find((q) => q.question_id === state.current);
    const closed = state.questions.filter((q) => q.status === "closed");
    return closed.length ? closed[closed.length - 1] : null;
  }

  function kindLabel(q) {
    return { draft: "Draft", amendment: "Amendment", procedural: "Procedural motion", preliminary: "Preliminary question" }[q.kind] || q.kind;
  }

  function render(s) {
    if (s.seq < seq) return;
    seq = s.seq;
    state = s;
    $("session-title").textContent = s.title;
    $("agenda").textContent = s.agenda ? "Agenda: " + s.agenda : "";
    const q = currentQuestion();
    renderCurrent(q);
    renderDecision(q);
    renderQuestions();
    renderDelegations(q);
    if (viewer && viewer.role === "chair") renderChair();
  }

  function renderCurrent(q) {
    const vote = $("vote");
    if (!q) {
      $("question").textContent = "No question has been put to the vote yet.";
      $("tally").textContent = "";
      $("waiting").textContent = "";
      vote.hidden = true;
      return;
    }
    const where = q.status === "open" ? "Voting is open" : "Voting is closed";
    $("question").textContent = `${kindLabel(q)} ${q.question_id}: ${q.title}. ${where}.`;
    const t = q.tally;
    const waiting = q.not_voted;
    const text = `Question ${q.question_id}: ${t.yes} yes, ${t.no} no, ${t.abstain} abstaining; ` +
      (waiting.length ? `${waiting.length} not yet voted` : "every delegation present has voted");
    if (text !== lastTally) {
      $("tally").textContent = text;
      lastTally = text;
    }
    const w = $("waiting");
    w.textContent = "";
    if (q.status === "open" && waiting.length) {
      w.append(el("span", "Not yet voted: "));
      const n = names();
      w.append(el("span", waiting.map((c) => n[c] || c).join(", "), "not-voted"));
    }
    const mine = viewer && viewer.role === "delegation" ? viewer.code : null;
    const me = mine ? state.delegations.find((d) => d.code === mine) : null;
    vote.hidden = !(mine && q.status === "open" && me && me.present);
    if (!vote.hidden) {
      const cast = q.votes[mine];
      $("vote-legend").textContent = `Your vote (${mine}) on question ${q.question_id}`;
      for (const b of vote.querySelectorAll("button[data-vote]")) {
        b.setAttribute("aria-pressed", String(b.dataset.vote === cast));
        b.disabled = !!cast && !q.allow_change && b.dataset.vote !== cast;
      }
      $("my-vote").textContent = cast ? `Recorded: ${LABEL[cast]}` + (q.allow_change ? " (you may change it until the close)" : "") : "You have not voted yet.";
    }
  }

  function renderDecision(q) {
    const box = $("decision");
    if (!q || !q.decision) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const d = q.decision;
    box.dataset.question = q.question_id;
    box.dataset.outcome = d.outcome;
    box.querySelector(".outcome").textContent = `Question ${q.question_id}: ${d.outcome}.`;
    box.querySelector(".explanation").textContent = d.explanation;
    const notes = box.querySelector(".notes");
    notes.textContent = "";
    for (const n of d.notes) notes.append(el("li", n));
  }

  function renderQuestions() {
    const list = $("questions");
    list.textContent = "";
    const chair = viewer && viewer.role === "chair";
    for (const q of state.questions) {
      const li = el("li", null, "q-" + q.status);
      li.dataset.question = q.question_id;
      let text = `${kindLabel(q)}: ${q.title} (${q.status})`;
      if (q.amends) text += ` amends question ${q.amends}`;
      if (q.about) text += ` on question ${q.about}`;
      li.append(el("span", text));
      if (q.decision) li.append(el("span", ` ${q.decision.explanation}`, "q-decision"));
      if (chair && q.status !== "closed") {
        const action = q.status === "pending" ? "open" : "close";
        const b = el("button", action === "open" ? "Open the vote" : "Close the vote");
        b.type = "button";
        b.dataset.action = action;
        b.dataset.question = q.question_id;
        b.setAttribute("aria-label", `${action === "open" ? "Open" : "Close"} the vote on question ${q.question_id}: ${q.title}`);
        li.append(" ", b);
      }
      list.append(li);
    }
    if (!state.questions.length) list.append(el("li", "No question yet."));
  }

  function renderDelegations(q) {
    const body = $("delegation-rows");
    body.textContent = "";
    for (const d of state.delegations) {
      const tr = el("tr");
      tr.dataset.code = d.code;
      const th = el("th", d.code === d.name ? d.code : `${d.name} (${d.code})`);
      th.scope = "row";
      tr.append(th, el("td", d.veto ? "permanent (veto)" : "elected"), el("td", d.present ? "present" : "absent"));
      let v = "";
      if (q) {
        const cast = q.votes[d.code];
        if (q.decision) v = LABEL[q.decision.votes[d.code]] || "";
        else if (cast) v = LABEL[cast];
        else if (!d.present) v = "absent";
        else if (q.status === "open") v = "not yet voted";
      }
      const td = el("td", v);
      if (v) td.className = "v-" + (q.decision ? q.decision.votes[d.code] : q.votes[d.code] || "none");
      tr.append(td);
      body.append(tr);
    }
  }

  function renderChair() {
    $("chair").hidden = false;
    const target = $("q-target");
    const kind = $("q-kind").value;
    const wanted = kind === "amendment" ? ["draft"] : kind === "preliminary" ? ["draft", "procedural"] : [];
    $("q-target-row").hidden = wanted.length === 0;
    const keep = target.value;
    target.textContent = "";
    for (const q of state.questions) {
      if (q.status === "pending" && wanted.includes(q.kind)) {
        const o = el("option", `${q.question_id}: ${q.title}`);
        o.value = q.question_id;
        target.append(o);
      }
    }
    if (keep) target.value = keep;
    const roll = $("roll-list");
    if (!roll.dataset.built || roll.dataset.seq !== String(state.seq)) {
      roll.textContent = "";
      for (const d of state.delegations) {
        const label = el("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = d.code;
        box.checked = d.present;
        label.append(box, " " + d.code);
        roll.append(label);
      }
      roll.dataset.built = "1";
      roll.dataset.seq = String(state.seq);
    }
  }

  async function chairAction(fn, done) {
    try {
      await fn();
      $("chair-status").textContent = done;
    } catch (e) {
      $("chair-status").textContent = "Refused: " + e.message;
    }
  }

  function wire() {
    $("vote").addEventListener("click", async (ev) => {
      const b = ev.target.closest("button[data-vote]");
      if (!b || !state || state.current === null) return;
      const q = state.current;
      try {
        await api("PUT", `/api/sessions/${sid}/questions/${q}/ballots/${encodeURIComponent(viewer.code)}`, { vote: b.dataset.vote });
        $("my-vote").textContent = `Recorded: ${LABEL[b.dataset.vote]}`;
      } catch (e) {
        $("my-vote").textContent = "Not recorded: " + e.message;
      }
    });
    $("questions").addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-action]");
      if (!b) return;
      const q = b.dataset.question;
      const action = b.dataset.action;
      chairAction(() => api("POST", `/api/sessions/${sid}/questions/${q}/${action}`), action === "open" ? `Question ${q} is open.` : `Question ${q} is closed.`);
    });
    $("q-kind").addEventListener("change", () => state && renderChair());
    $("add-question").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const kind = $("q-kind").value;
      const body = { kind, title: $("q-title").value, allow_change: $("q-change").checked };
      const target = $("q-target").value;
      if (kind === "amendment" && target) body.amends = Number(target);
      if (kind === "preliminary" && target) body.about = Number(target);
      chairAction(async () => {
        await api("POST", `/api/sessions/${sid}/questions`, body);
        $("q-title").value = "";
      }, "Question added.");
    });
    $("roll-call").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const present = [...$("roll-list").querySelectorAll("input:checked")].map((b) => b.value);
      chairAction(() => api("PUT", `/api/sessions/${sid}/roll-call`, { present }), "Roll call recorded.");
    });
  }

  async function follow() {
    // Read the whole state, then the live channel; on any failure wait and start again.
    let delay = 500;
    for (;;) {
      try {
        const s = await api("GET", `/api/sessions/${sid}`);
        viewer = s.viewer;
        describeViewer();
        render(s);
        const r = await fetch(`/api/sessions/${sid}/events`, { headers: { Authorization: "Bearer " + token, Accept: "text/event-stream" }, cache: "no-store" });
        if (!r.ok) {
          const err = new Error("HTTP " + r.status);
          err.status = r.status;
          throw err;
        }
        setConnection("Live: updates appear as they happen.");
        root.dataset.live = "1";
        delay = 500;
        const reader = r.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let data = "";
            let kind = "message";
            for (const line of block.split("\n")) {
              if (line.startsWith("data:")) data += line.slice(5).trim();
              else if (line.startsWith("event:")) kind = line.slice(6).trim();
            }
            if (kind === "state" && data) render(JSON.parse(data));
          }
        }
        throw new Error("the live channel closed");
      } catch (e) {
        root.dataset.live = "0";
        if (e.status === 401 || e.status === 404) {
          setConnection(e.status === 401 ? "This link's secret is missing or not valid for this session." : "No such session.", true);
          return;
        }
        setConnection("Connection lost; reconnecting…", true);
        await new Promise((ok) => setTimeout(ok, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  function describeViewer() {
    const who = $("whoami");
    if (!viewer) return;
    root.dataset.role = viewer.role;
    if (viewer.role === "chair") who.textContent = "You are the chair.";
    else if (viewer.role === "projector") who.textContent = "Projector view (read-only).";
    else who.textContent = `You are the delegation of ${viewer.code}.`;
  }

  if (!token) {
    setConnection("This link has no secret after the #: use the link you were given.", true);
    return;
  }
  wire();
  follow();
})();
