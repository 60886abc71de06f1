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
  body.replaceChildren();
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
          element("strong", {}, line.phone ? `${line.name}: ${line.phone}` : line.name),
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
          harm.urgent.map((line) => element("li", {}, element("strong", {}, `${line.name}: ${line.phone}`), line.area_name ? ` (${line.area_name})` : "", lineDetails(line))),
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
            c.phone ? ` · ${c.phone}` : "",
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
