// Cascade operator console: plain JavaScript, no framework, no build step, no inline code.
// Calls the public API of the send-intake that served it, with the key typed once per tab.
"use strict";

(function () {
  const KEY_STORAGE = "cascade.apiKey";
  const MESSAGE_LANE = "message";
  let activityTimer = null;

  const $ = (id) => document.getElementById(id);

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  function showPanels() {
    const haveKey = apiKey() !== null;
    $("key-panel").hidden = haveKey;
    $("main-panel").hidden = !haveKey;
    $("forget-key").hidden = !haveKey;
    if (haveKey) {
      refreshActivity();
      if (activityTimer === null) {
        activityTimer = setInterval(refreshActivity, 10000);
      }
    } else if (activityTimer !== null) {
      clearInterval(activityTimer);
      activityTimer = null;
    }
  }

  function forgetKey() {
    sessionStorage.removeItem(KEY_STORAGE);
    showPanels();
    $("api-key").focus();
  }

  /** GET a JSON resource; a 401 forgets the key and asks for it again. */
  async function getJson(path) {
    const response = await fetch(path, { headers: { "X-Api-Key": apiKey(), "Accept": "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (response.status === 401) {
      forgetKey();
      throw new Error("the API key was refused");
    }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : "HTTP " + response.status;
      throw new Error(detail);
    }
    return body;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function showError(id, message) {
    const node = $(id);
    node.textContent = message;
    node.hidden = message === null;
  }

  // ---- message timeline ----

  function laneOf(event) {
    if (event.step === undefined || event.step === null) {
      return MESSAGE_LANE;
    }
    return "step " + (event.step + 1) + " · " + (event.channel || "?");
  }

  /** Lanes in order: the message itself, then each step in step order. */
  function lanesOf(events) {
    const steps = new Map();
    for (const event of events) {
      const lane = laneOf(event);
      if (lane !== MESSAGE_LANE && !steps.has(lane)) {
        steps.set(lane, event.step);
      }
    }
    const ordered = [...steps.entries()].sort((a, b) => a[1] - b[1]).map((entry) => entry[0]);
    return [MESSAGE_LANE, ...ordered];
  }

  function clockTime(iso) {
    const date = new Date(iso);
    return date.toISOString().substring(11, 23) + "Z";
  }

  function sinceStart(iso, startIso) {
    const millis = new Date(iso) - new Date(startIso);
    return "+" + (millis / 1000).toFixed(3) + " s";
  }

  function card(event) {
    const node = el("div", "event type-" + event.type.toLowerCase());
    node.dataset.type = event.type;
    node.dataset.lane = laneOf(event);
    if (event.step !== undefined && event.step !== null) {
      node.dataset.step = String(event.step);
    }
    if (event.channel) {
      node.dataset.channel = event.channel;
    }
    if (event.status) {
      node.dataset.status = event.status;
      node.classList.add("status-" + event.status.toLowerCase());
    }
    const title = el("div", "event-title");
    title.append(el("span", "event-type", event.type.replace(/_/g, " ")));
    if (event.status) {
      title.append(el("span", "event-status", event.status));
    }
    node.append(title);
    const facts = [];
    if (event.provider) {
      facts.push("provider " + event.provider);
    }
    if (event.code) {
      facts.push("code " + event.code);
    }
    if (facts.length > 0) {
      node.append(el("div", "event-facts", facts.join(" · ")));
    }
    if (event.detail) {
      node.append(el("div", "event-detail", event.detail));
    }
    return node;
  }

  function renderTimeline(timeline) {
    const container = $("timeline");
    container.replaceChildren();
    const events = timeline.events || [];
    if (events.length === 0) {
      container.append(el("p", "note", "No events recorded for this message."));
      return;
    }
    const lanes = lanesOf(events);
    const grid = el("div", "grid");
    // one time column, then one lane per step; set through the CSSOM, which the CSP allows
    grid.style.gridTemplateColumns = "11em repeat(" + lanes.length + ", minmax(12em, 1fr))";
    grid.append(el("div", "lane-head time-head", "time"));
    for (const lane of lanes) {
      grid.append(el("div", "lane-head", lane));
    }
    const start = events[0].at;
    events.forEach((event, index) => {
      const row = index + 2;
      const time = el("div", "time");
      time.append(el("span", "clock", clockTime(event.at)));
      time.append(el("span", "offset", sinceStart(event.at, start)));
      time.style.gridRow = String(row);
      time.style.gridColumn = "1";
      grid.append(time);
      lanes.forEach((lane, laneIndex) => {
        const cell = el("div", "lane-cell");
        cell.style.gridRow = String(row);
        cell.style.gridColumn = String(laneIndex + 2);
        if (lane === laneOf(event)) {
          cell.append(card(event));
        }
        grid.append(cell);
      });
    });
    container.append(grid);
  }

  function renderSummary(message) {
    const summary = $("summary");
    summary.replaceChildren();
    summary.append(el("span", "summary-id", message.messageId));
    summary.append(el("span", "badge status-" + String(message.status).toLowerCase(), message.status));
    summary.append(el("span", "summary-channel", "channel " + message.channel));
    summary.append(el("span", "summary-fallbacks", message.fallbackCount + " fallback(s)"));
    if (message.doubleDelivered) {
      summary.append(el("span", "badge late", "double delivered"));
    }
    summary.hidden = false;
  }

  async function lookUp(messageId) {
    showError("lookup-error", null);
    $("summary").hidden = true;
    $("timeline").replaceChildren();
    const path = "/v1/messages/" + encodeURIComponent(messageId);
    try {
      const [message, timeline] = await Promise.all([getJson(path), getJson(path + "/events")]);
      renderSummary(message);
      renderTimeline(timeline);
    } catch (error) {
      showError("lookup-error", error.message);
    }
  }

  // ---- recent activity ----

  function fillRows(tbody, rows) {
    tbody.replaceChildren();
    if (rows.length === 0) {
      const tr = el("tr", "empty");
      const td = el("td", null, "none");
      td.colSpan = 3;
      tr.append(td);
      tbody.append(tr);
      return;
    }
    for (const cells of rows) {
      const tr = el("tr");
      for (const cell of cells) {
        tr.append(el("td", null, cell));
      }
      tbody.append(tr);
    }
  }

  async function refreshActivity() {
    try {
      const activity = await getJson("/v1/activity");
      $("activity-window").textContent = String(Math.round(activity.windowSeconds / 60));
      const reasons = Object.entries(activity.fallbacks.byReason).map(([reason, n]) => [reason, n]);
      fillRows($("fallbacks").querySelector("tbody"), reasons);
      const outcomes = [];
      for (const [channel, statuses] of Object.entries(activity.outcomes.byChannel)) {
        for (const [status, n] of Object.entries(statuses)) {
          outcomes.push([channel, status, n]);
        }
      }
      fillRows($("outcomes").querySelector("tbody"), outcomes);
      showError("activity-error", null);
    } catch (error) {
      showError("activity-error", error.message);
    }
  }

  // ---- wiring ----

  document.addEventListener("DOMContentLoaded", () => {
    $("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const key = $("api-key").value.trim();
      if (key !== "") {
        sessionStorage.setItem(KEY_STORAGE, key);
        $("api-key").value = "";
        showPanels();
      }
    });
    $("forget-key").addEventListener("click", forgetKey);
    $("lookup-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const id = $("message-id").value.trim();
      if (id !== "") {
        lookUp(id);
      }
    });
    showPanels();
  });
})();
