// The query page: load an example, run the query over the SPARQL protocol, show the rows as a table
// with IRIs as links, offer downloads in every format, and show errors as the endpoint states them.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const picker = document.getElementById("example");
  const comment = document.getElementById("example-comment");
  const errorBox = document.getElementById("error");
  const results = document.getElementById("results");
  const table = document.getElementById("result-table");
  const text = document.getElementById("result-text");
  const count = document.getElementById("result-count");
  const endpoint = form.getAttribute("action");

  picker.addEventListener("change", function () {
    const source = document.querySelector('#examples pre[data-slug="' + picker.value + '"]');
    if (!source) return;
    editor.value = source.textContent;
    comment.textContent = source.dataset.comment;
  });

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.lang = term["xml:lang"];
    }
    return td;
  }

  function showTable(data) {
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    const vars = data.head.vars || [];
    vars.forEach(function (name) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    const body = table.createTBody();
    data.results.bindings.forEach(function (binding) {
      const row = body.insertRow();
      vars.forEach(function (name) { row.appendChild(cell(binding[name])); });
    });
    count.textContent = "(" + data.results.bindings.length + " rows)";
  }

  function setDownloads(kind) {
    document.querySelectorAll("#downloads [data-kind]").forEach(function (group) {
      group.hidden = group.dataset.kind !== kind;
    });
    document.querySelectorAll("#downloads a").forEach(function (link) {
      link.href = endpoint + "?query=" + encodeURIComponent(editor.value) + "&format=" + link.dataset.format;
    });
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    results.hidden = true;
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: editor.value }),
      });
    } catch (failure) {
      errorBox.textContent = "The endpoint could not be reached: " + failure;
      errorBox.hidden = false;
      return;
    }
    const body = await response.text();
    if (!response.ok) {
      errorBox.textContent = body;
      errorBox.hidden = false;
      return;
    }
    if ((response.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) {
      const data = JSON.parse(body);
      text.hidden = true;
      table.hidden = false;
      if (data.boolean !== undefined) {
        table.replaceChildren();
        const row = table.insertRow();
        row.insertCell().textContent = data.boolean ? "true" : "false";
        count.textContent = "(yes/no answer)";
      } else {
        showTable(data);
      }
      setDownloads("rows");
    } else {
      table.hidden = true;
      text.hidden = false;
      text.textContent = body;
      count.textContent = "(triples)";
      setDownloads("graph");
    }
    results.hidden = false;
  });
})();
