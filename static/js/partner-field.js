// The partner typed by name (idd/forms/partner.py): suggest listed names as the planner
// types, from /partners/search/ (a native datalist), and on the basics step show only the
// chosen partner's units to tick, building their checkboxes when the partner was chosen
// on this page. Without this file the server resolves the name and lists the units of
// the partner saved; a unit of another partner is refused with a message.
document.addEventListener("DOMContentLoaded", () => {
  const known = new Map(); // lower-case name -> {id, name, units}

  const search = async (input, typed) => {
    const url = `${input.dataset.partnerSearch}?q=${encodeURIComponent(typed)}`;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return [];
    const { partners } = await response.json();
    partners.forEach((p) => known.set(p.name.toLowerCase(), p));
    return partners;
  };

  const unitGroups = (input) => document.querySelector(`[data-groups-follow="${input.id}"]`);

  const buildGroup = (container, partner) => {
    const skeleton = container.querySelector("template[data-unit-group]").content;
    const group = skeleton.querySelector("fieldset").cloneNode(false);
    group.dataset.group = String(partner.id);
    const legend = skeleton.querySelector("legend").cloneNode(false);
    legend.textContent = `Units of ${partner.name}`;
    group.append(legend);
    partner.units.forEach((unit) => {
      const row = skeleton.querySelector(".usa-checkbox").cloneNode(true);
      const box = row.querySelector("input");
      const label = row.querySelector("label");
      box.name = container.dataset.fieldName;
      box.value = String(unit.id);
      box.id = `${container.id}-unit-${unit.id}`;
      label.htmlFor = box.id;
      label.textContent = unit.label;
      group.append(row);
    });
    container.querySelector("template[data-unit-group]").before(group);
    return group;
  };

  const showUnits = (input) => {
    const container = unitGroups(input);
    if (!container || "disabled" in container.dataset) return;
    const partner = known.get(input.value.trim().replace(/\s+/g, " ").toLowerCase());
    let shown = 0;
    if (partner && partner.units.length && !container.querySelector(`[data-group="${partner.id}"]`)) {
      buildGroup(container, partner);
    }
    container.querySelectorAll("[data-group]").forEach((group) => {
      const chosen = partner !== undefined && group.dataset.group === String(partner.id);
      group.hidden = !chosen;
      // A hidden group's ticks are kept for a change of mind, but not sent.
      group.querySelectorAll("input").forEach((box) => {
        box.disabled = !chosen;
      });
      shown += chosen ? 1 : 0;
    });
    const empty = container.querySelector(".groups-empty");
    if (empty) empty.hidden = true;
    const none = container.querySelector(".groups-none");
    if (none) {
      none.textContent = partner
        ? `No units are listed for ${partner.name} yet. An administrator adds them.`
        : "Type the partner above and choose it from the suggestions to see its units.";
      none.hidden = shown > 0;
    }
  };

  document.querySelectorAll("input[data-partner-search]").forEach((input) => {
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    let pending;
    const suggest = () => {
      clearTimeout(pending);
      pending = setTimeout(async () => {
        const typed = input.value.trim();
        const partners = typed ? await search(input, typed) : [];
        list.replaceChildren(
          ...partners.map((p) => {
            const option = document.createElement("option");
            option.value = p.name;
            return option;
          }),
        );
        showUnits(input);
      }, 150);
    };
    input.addEventListener("input", suggest);
    input.addEventListener("change", () => showUnits(input));
    if (input.value.trim() && unitGroups(input)) {
      search(input, input.value.trim()).then(() => showUnits(input));
    }
  });
});
