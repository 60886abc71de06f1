// The navigator's result panel: shows the assessment JSON the Python decision module returned, urgent lines
// first. It decides nothing. Built into the page's script before navigator.js (navigator/web/runtime.py
// `page_script`), so navigator.js calls `render` and `element` as its own.

// ---- small DOM helpers -------------------------------------------------------------------------------
function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== "") {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function cite(source, documents) {
  if (!source) return null;
  const title = documents[source.document] || source.document;
  return element("span", { class: "source" }, `Source: ${title}, ${source.section}`);
}

// A phone number as a link that rings it: the text as the data writes it, the address without spaces.
function phoneLink(phone) {
  return element("a", { class: "nav-tel", href: `tel:${phone.replace(/[^0-9+]/g, "")}` }, phone);
}

// ---- the result panel -------------------------------------------------------------------------------------
// An urgent line's own caveats: where it is our reading, and what the source says of its hours.
function lineDetails(line) {
  const details = [];
  if (line.hours) details.push(`Hours: ${line.hours}.`);
  if (line.out_of_hours) details.push(line.out_of_hours);
  return element(
    "span",
    { class: "nav-line-details" },
    line.reading ? element("span", { class: "nav-reading" }, ` ${line.reading}`) : "",
    details.length ? ` ${details.join(" ")}` : "",
  );
}

function render(body, reply, pageVersion) {
  continuumPicture ??= document.getElementById("nav-continuum");
  body.replaceChildren();
  markContinuum(continuumPicture, reply.ok ? reply.assessment.level : null);
  if (!reply.ok) {
    body.append(element("p", { class: "nav-error" }, `This scenario cannot be assessed: ${reply.error.message}`));
    return null;
  }
  const a = reply.assessment;
  const documents = a.documents || {};
  const urgentLines = a.urgent.length ? a.urgent : a.if_urgent;
  const urgent = element(
    "div",
    { class: a.urgent.length ? "nav-urgent nav-urgent--now" : "nav-urgent", role: a.urgent.length ? "alert" : null },
    element("h3", {}, a.urgent.length ? "Act now" : "If it becomes urgent"),
    element(
      "ul",
      {},
      urgentLines.map((line) =>
        element(
          "li",
          {},
          element("strong", {}, line.phone ? [`${line.name}: `, phoneLink(line.phone)] : line.name),
          line.area_name ? ` (${line.area_name})` : "",
          line.instruction ? ` ${line.instruction}` : "",
          line.follow_up ? ` ${line.follow_up}` : "",
          lineDetails(line),
        ),
      ),
    ),
  );
  body.append(urgent);

  const levelText =
    a.level === null
      ? "No suggestion yet: tick what is seen in the scenario, or answer the questions. No suggestion is not an all-clear."
      : `Suggested: ${a.level_title || `Level ${a.level}: ${a.level_name}`}`;
  body.append(element("p", { class: `nav-level nav-level--${a.level ?? "none"}`, id: "nav-level" }, levelText));
  for (const words of a.level_words || []) {
    body.append(element("p", { class: "nav-level-words" }, `In ${words.area_name}'s words: “${words.text}” `, cite(words.source, documents)));
  }
  if (a.borderline) {
    body.append(element("p", { class: "nav-borderline" }, "Borderline: close to the next level. Use your judgement."));
  }
  if (continuumPicture) body.append(continuumPicture);
  body.append(
    element(
      "p",
      { class: "nav-version" },
      `Worked out from ${a.partnership_title}, version ${a.thresholds_version} (${a.thresholds_status})` +
        (a.area_name ? `, for ${a.area_name}` : "") +
        ".",
    ),
  );

  if (a.reasons.length) {
    body.append(element("h3", {}, "Why"));
    body.append(
      element(
        "ul",
        { class: "nav-reasons" },
        a.reasons.map((r) =>
          element(
            "li",
            {},
            r.level ? `Level ${r.level}` : "",
            r.domain_name ? ` · ${r.domain_name}: ` : r.level ? ": " : "",
            r.text || r.answer_label || "",
            r.answer_label && r.text ? ` (${r.answer_label})` : "",
            r.significant_harm ? element("strong", { class: "nav-harm" }, " Suspected significant harm (our reading, see Notes).") : "",
            cite(r.source, documents),
          ),
        ),
      ),
    );
  }
  if (a.would_change.length) {
    body.append(element("h3", {}, "What would change the suggestion"));
    body.append(element("ul", {}, a.would_change.map((line) => element("li", {}, line))));
  }
  if (a.if_harm_suspected) {
    const harm = a.if_harm_suspected;
    body.append(element("h3", {}, "If significant harm is suspected"));
    body.append(
      element(
        "div",
        { class: "nav-if-harm" },
        harm.text ? element("blockquote", {}, harm.text, cite(harm.source, documents)) : "",
        element(
          "ul",
          {},
          harm.urgent.map((line) => element("li", {}, element("strong", {}, `${line.name}: `, phoneLink(line.phone)), line.area_name ? ` (${line.area_name})` : "", lineDetails(line))),
        ),
      ),
    );
  }
  if (a.actions.length) {
    body.append(element("h3", {}, "Next steps"));
    body.append(
      element(
        "ul",
        { class: "nav-actions" },
        a.actions.map((step) =>
          element("li", {}, step.heading ? element("strong", {}, `${step.heading}: `) : "", step.text, cite(step.source, documents)),
        ),
      ),
    );
  }
  if (a.contacts.length) {
    body.append(element("h3", {}, "Who to contact"));
    body.append(
      element(
        "ul",
        { class: "nav-contacts" },
        a.contacts.map((c) =>
          element(
            "li",
            {},
            element("strong", {}, c.name),
            c.area_name ? ` (${c.area_name})` : "",
            c.phone ? [" · ", phoneLink(c.phone)] : "",
            c.url ? ` · ${c.url}` : "",
            c.email ? ` · ${c.email}` : "",
            c.hours ? ` · Hours: ${c.hours}` : "",
            c.out_of_hours ? ` · ${c.out_of_hours}` : "",
            c.reading ? element("span", { class: "nav-reading" }, ` ${c.reading}`) : "",
            c.open_now === true ? element("span", { class: "nav-open" }, " · open now") : "",
            c.open_now === false ? element("span", { class: "nav-closed" }, " · closed now") : "",
          ),
        ),
      ),
    );
  }
  if (a.consent.length) {
    body.append(element("h3", {}, "Consent"));
    for (const c of a.consent) {
      body.append(element("p", {}, element("strong", {}, c.title)));
      body.append(element("ol", {}, c.steps.map((s) => element("li", {}, s))));
      body.append(cite(c.source, documents) || "");
    }
  }
  if (a.notes.length) {
    body.append(element("h3", {}, "Notes"));
    body.append(
      element(
        "ul",
        { class: "nav-notes" },
        a.notes.map((n) =>
          element(
            "li",
            {},
            n.kind === "reading" ? element("strong", {}, "Our reading: ") : "",
            n.text,
            n.readings ? element("ul", {}, n.readings.map((r) => element("li", {}, `“${r.text}” `, cite(r.source, documents)))) : "",
            cite(n.source, documents),
          ),
        ),
      ),
    );
  }
  body.append(element("h3", {}, "In the document's own words"));
  body.append(
    element("div", { class: "nav-caveats" }, a.caveats.map((c) => element("blockquote", {}, c.text, cite(c.source, documents)))),
  );
  if (pageVersion !== a.thresholds_version) {
    body.prepend(
      element(
        "p",
        { class: "nav-error", role: "alert" },
        `This page was built for version ${pageVersion}, but the data used is version ${a.thresholds_version}. Reload the page.`,
      ),
    );
  }
  return a.thresholds_version;
}

// ---- the levels as a picture ------------------------------------------------------------------------------
// The page holds the picture of the partnership's levels (navigator/handbook/continuum.py), drawn once;
// render() moves it under the suggestion and marks the suggested level: a class on its segment and its
// list item, the words "(suggested)" in the list, and the text alternative's second line.
let continuumPicture = null;

function markContinuum(picture, level) {
  if (!picture) return;
  const word = picture.dataset.markWord;
  let name = null;
  for (const part of picture.querySelectorAll("[data-level]")) {
    const here = level !== null && Number(part.dataset.level) === level;
    part.classList.toggle("continuum-marked", here);
    if (here && part.dataset.name) name = part.dataset.name;
  }
  for (const words of picture.querySelectorAll(".continuum-here")) words.remove();
  const item = level === null ? null : picture.querySelector(`li[data-level="${level}"]`);
  if (item) item.append(" ", element("strong", { class: "continuum-here" }, `(${word.toLowerCase()})`));
  picture.querySelector("desc").textContent = name ? `${word}: Level ${level}, ${name}.` : picture.dataset.unmarked;
}

// ---- the suggestion in brief: the live message and the phone's bar -----------------------------------------
const LIVE_MOST = 300; // characters: one short polite message per change, never the whole result

function levelWords(a) {
  const title = a.level_title && !a.level_title.includes(a.level_name) ? a.level_title : `Level ${a.level}`;
  return `${title}, ${a.level_name}`;
}

function countWords(counting, chosen) {
  const answers = counting === "answers";
  const count = answers ? Object.keys(chosen.answers || {}).length : (chosen.indicators || []).length;
  if (count === 0) return answers ? "No questions answered" : "No indicators ticked";
  return `${count} ${answers ? "question" : "indicator"}${count === 1 ? "" : "s"} ${answers ? "answered" : "ticked"}`;
}

// The urgent lines that can be rung, as the bar shows them: "999", "First Contact Team 01332 641172".
function ringable(a) {
  return a.urgent.filter((line) => line.phone);
}

function liveMessage(reply, count) {
  if (!reply.ok) return "This scenario cannot be assessed.";
  const a = reply.assessment;
  const parts = [];
  if (a.urgent.length) {
    const lines = ringable(a).map((line) => (line.name === line.phone ? line.phone : `${line.name} on ${line.phone}`));
    parts.push(lines.length ? `Urgent: ring ${lines.join(" or ")}.` : "Urgent: see the full result.");
  }
  parts.push(a.level === null ? "No suggestion yet." : `Suggested: ${levelWords(a)}${a.borderline ? ", borderline" : ""}.`);
  parts.push(`${count}.`);
  const message = parts.join(" ");
  return message.length > LIVE_MOST ? `${message.slice(0, LIVE_MOST - 1)}…` : message;
}

// After each result: the bar (shown on phones only) and the live message, from the reply and the
// scenario it answered. The whole result panel is not a live region; this one line is.
function summarise(reply, chosen) {
  const bar = document.getElementById("nav-bar");
  const live = document.getElementById("nav-live");
  if (!bar || !live) return;
  const count = countWords(bar.dataset.counting, chosen);
  const a = reply.ok ? reply.assessment : null;
  document.getElementById("nav-bar-level").textContent =
    !a ? "No suggestion: this scenario cannot be assessed" : a.level === null ? "No suggestion yet" : levelWords(a);
  document.getElementById("nav-bar-borderline").textContent = a?.borderline ? "Borderline · " : "";
  document.getElementById("nav-bar-count").textContent = count;
  const urgent = document.getElementById("nav-bar-urgent");
  const lines = a && a.urgent.length ? ringable(a) : [];
  urgent.replaceChildren(
    ...(lines.length ? ["Urgent: ring "] : []),
    ...lines.flatMap((line, index) => [
      index ? " or " : "",
      element("span", { class: "nav-bar-line" }, line.name === line.phone ? "" : `${line.name} `, phoneLink(line.phone)),
    ]),
  );
  urgent.hidden = lines.length === 0;
  bar.classList.toggle("nav-bar--urgent", lines.length > 0);
  const message = liveMessage(reply, count);
  if (live.textContent !== message) live.textContent = message;
}

// ---- the full result over the form, on a phone -----------------------------------------------------------
// The bar's button moves the result panel into a modal <dialog> (the page behind is inert, Escape closes
// it); closing puts the panel back, the page where the reader left it and focus on the button.
function setUpResultDialog() {
  const dialog = document.getElementById("nav-result-dialog");
  const open = document.getElementById("nav-bar-open");
  const section = document.getElementById("nav-result");
  if (!dialog || !open || !section || typeof dialog.showModal !== "function") return;
  const home = { parent: section.parentNode, next: section.nextSibling };
  let scrolled = 0;
  open.addEventListener("click", () => {
    scrolled = window.scrollY;
    document.getElementById("nav-dialog-slot").append(section);
    dialog.showModal();
    window.scrollTo(0, scrolled);
  });
  document.getElementById("nav-dialog-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    home.parent.insertBefore(section, home.next);
    window.scrollTo(0, scrolled);
    open.focus({ preventScroll: true });
  });
  window.addEventListener("beforeprint", () => {
    if (dialog.open) dialog.close();
  });
}
