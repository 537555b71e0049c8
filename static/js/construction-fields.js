// A U.S. input's construction particulars (site, project title, DD Form 1391, master plan)
// mean something only for the construction kind. Without JavaScript every row shows them;
// with it, a row of another kind hides them while they are empty, and shows them again as
// soon as Construction is chosen. A filled one stays shown, with its error, to correct.
(() => {
  const FIELDS = ["construction_location", "construction_project_title", "dd1391_reference", "master_plan_reference"];

  const update = (select) => {
    const prefix = select.name.slice(0, -"category".length);
    const construction = select.value === "construction";
    for (const name of FIELDS) {
      const input = document.querySelector(`[name='${CSS.escape(prefix + name)}']`);
      const group = input && (input.closest(".usa-character-count") || input.closest(".usa-form-group"));
      if (!group) continue;
      group.hidden = !construction && !input.value.trim();
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const select of document.querySelectorAll("select[name^='inputs-'][name$='-category']")) {
      update(select);
      select.addEventListener("change", () => update(select));
    }
  });
})();
