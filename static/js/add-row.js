// "Add another …" under formset rows saves and reloads the page (it works without
// JavaScript). This inserts the formset's empty row in place instead, from the <template>
// beside the button (templates/uswds/components/formset_rows.html): its names and ids hold
// `PREFIX-__prefix__`, its words the row's number as `__number__`. The server validates the
// row like any other when the step is saved; focus goes to the row's first field.
(() => {
  const NUMBER = "__number__"; // idd.forms.base.ROW_NUMBER
  let region = null;

  // One polite live region, in the page before it speaks, so screen readers hear it.
  const announce = (text) => {
    if (!region) {
      region = document.createElement("div");
      region.setAttribute("role", "status");
      region.className = "usa-sr-only";
      document.body.append(region);
    }
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 100);
  };

  // Names, ids and label targets of the new row, and of the row templates nested in it.
  const renameAttributes = (root, from, to) => {
    root.querySelectorAll("*").forEach((element) => {
      for (const attribute of element.attributes) {
        if (attribute.value.includes(from)) attribute.value = attribute.value.replaceAll(from, to);
      }
      if (element.content) renameAttributes(element.content, from, to);
    });
  };

  // The row's own words ("Partner deliverable 7", "Remove partner deliverable 7"); the
  // words of rows nested in it are numbered when those are added.
  const numberText = (root, number) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeValue.includes(NUMBER)) node.nodeValue = node.nodeValue.replaceAll(NUMBER, number);
    }
  };

  // USWDS's character count sets itself up once, at load: what it adds, for the new fields.
  const countCharacters = (row) => {
    row.querySelectorAll(".usa-character-count").forEach((count) => {
      const message = count.querySelector(".usa-character-count__message");
      if (!message || count.querySelector(".usa-character-count__status")) return;
      message.classList.add("usa-sr-only");
      const shown = document.createElement("div");
      shown.className = "usa-character-count__status usa-hint";
      shown.setAttribute("aria-hidden", "true");
      const spoken = document.createElement("div");
      spoken.className = "usa-character-count__sr-status usa-sr-only";
      spoken.setAttribute("aria-live", "polite");
      shown.textContent = spoken.textContent = `${count.dataset.maxlength} characters allowed`;
      count.append(shown, spoken);
    });
  };

  const addRow = (button) => {
    const rows = button.closest(".formset-rows");
    const template = rows && rows.querySelector(":scope > template.formset-row-template");
    const prefix = button.value;
    const field = (name) => rows.querySelector(`:scope > input[name='${CSS.escape(`${prefix}-${name}`)}']`);
    const total = field("TOTAL_FORMS");
    const most = Number(field("MAX_NUM_FORMS")?.value);
    if (!template || !total || !most) return false;
    const index = Number(total.value);
    if (index >= most) return false; // the server says so

    const fragment = template.content.cloneNode(true);
    renameAttributes(fragment, `${prefix}-__prefix__`, `${prefix}-${index}`);
    numberText(fragment, String(index + 1));
    const row = fragment.querySelector(".formset-row");
    template.before(fragment);
    total.value = String(index + 1);
    countCharacters(row);

    if (index + 1 >= most) {
      // As the server shows a full formset: the limit's hint, no button.
      rows.querySelector(":scope > [data-row-limit]").hidden = false;
      button.remove();
    }
    row.scrollIntoView({ block: "start" });
    const first = row.querySelector("input:not([type='hidden']), select, textarea");
    if (first) first.focus({ preventScroll: true });
    announce(`${row.querySelector("legend").textContent.trim()} added.`);
    return true;
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".formset-rows > button[name='add']");
    if (button && addRow(button)) event.preventDefault();
  });
})();
